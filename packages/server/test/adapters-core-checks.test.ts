// What the shared core checks itself, through both adapters over real sockets, on a service generated from
// test/fixtures/constraints/checks.smithy: constraints on bindings no schema validator sees (list header
// items, a greedy label, prefix header keys and values, @httpQueryParams keys and values), @default for
// header and query members the request leaves out, @httpChecksumRequired (Content-MD5, buffered and
// streamed bodies), and bigInteger/bigDecimal values exact or refused, never rounded.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdapterName, type BothAdapters, serveBothAdapters } from "./fixtures/both-adapters.js";
import { checksHandlers, loadChecksService } from "./fixtures/constraints/checks-service.js";

let served: BothAdapters;
let unverified: BothAdapters;
const bases: Record<AdapterName, string> = { node: "", express: "" };
/** The same service without `verifyContentMd5` (the default). */
const unverifiedBases: Record<AdapterName, string> = { node: "", express: "" };

beforeAll(async () => {
  served = await serveBothAdapters(loadChecksService(), checksHandlers, { verifyContentMd5: true });
  unverified = await serveBothAdapters(loadChecksService(), checksHandlers);
  Object.assign(bases, served.bases);
  Object.assign(unverifiedBases, unverified.bases);
});

afterAll(() => Promise.all([served.close(), unverified.close()]));

const md5 = (body: string | Uint8Array) => createHash("md5").update(body).digest("base64");

interface Field {
  path: string;
  message: string;
}

interface Case {
  name: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  status: number;
  /** The echoed input (or the handler's output) of a 2xx. */
  output?: Record<string, unknown>;
  errorType?: string;
  /** The ValidationException's fieldList, in order. */
  fields?: Field[];
  message?: RegExp;
}

const constraintCases: Case[] = [
  {
    name: "every constrained binding within its constraints",
    path: "/constrained/a/b?ab=xy",
    headers: {
      "x-names": "ab, cde",
      "x-counts": "1, 10",
      "x-colors": "red, green",
      "x-levels": "1, 5",
      "x-tag-one": "v1",
    },
    status: 200,
    output: {
      echo: {
        key: "a/b",
        names: ["ab", "cde"],
        counts: [1, 10],
        colors: ["red", "green"],
        levels: [1, 5],
        tags: { one: "v1" },
        params: { ab: "xy" },
      },
    },
  },
  {
    name: "a greedy label longer than its @length",
    path: "/constrained/abcdefg/hijklm",
    status: 400,
    fields: [{ path: "/key", message: "must NOT have more than 12 characters" }],
  },
  {
    name: "a greedy label breaking its @pattern",
    path: "/constrained/a/B",
    status: 400,
    fields: [{ path: "/key", message: 'must match pattern "^[a-z/]+$"' }],
  },
  {
    name: "list header items breaking their @length and @pattern",
    path: "/constrained/a",
    headers: { "x-names": 'a, "toolong", b1' },
    status: 400,
    fields: [
      { path: "/names/0", message: "must NOT have fewer than 2 characters" },
      { path: "/names/1", message: "must NOT have more than 5 characters" },
      { path: "/names/2", message: 'must match pattern "^[a-z]+$"' },
    ],
  },
  {
    name: "a list header with more items than the list's @length",
    path: "/constrained/a",
    headers: { "x-names": "ab, cd, ef, gh" },
    status: 400,
    fields: [{ path: "/names", message: "must NOT have more than 3 items" }],
  },
  {
    name: "integer list header items out of @range",
    path: "/constrained/a",
    headers: { "x-counts": "0, 5, 11" },
    status: 400,
    fields: [
      { path: "/counts/0", message: "must be >= 1" },
      { path: "/counts/2", message: "must be <= 10" },
    ],
  },
  {
    name: "an enum list header item that is not a value of the enum",
    path: "/constrained/a",
    headers: { "x-colors": "red, blue" },
    status: 400,
    fields: [{ path: "/colors/1", message: "must be equal to one of the allowed values: red, green" }],
  },
  {
    name: "a @uniqueItems list header with an item twice",
    path: "/constrained/a",
    headers: { "x-colors": "red, green, red" },
    status: 400,
    fields: [{ path: "/colors", message: "must NOT have duplicate items (items ## 0 and 2 are identical)" }],
  },
  {
    name: "an intEnum list header item that is not a value of the intEnum",
    path: "/constrained/a",
    headers: { "x-levels": "5, 1, 3" },
    status: 400,
    fields: [{ path: "/levels/2", message: "must be equal to one of the allowed values: 1, 5" }],
  },
  {
    name: "prefix headers: a value breaking its @pattern, a key longer than its @length",
    path: "/constrained/a",
    headers: { "x-tag-a": "nope", "x-tag-toolong": "v" },
    status: 400,
    fields: [
      { path: "/tags/a", message: 'must match pattern "^v"' },
      { path: "/tags/toolong", message: "key must NOT have more than 5 characters" },
    ],
  },
  {
    name: "more prefix headers than the map's @length",
    path: "/constrained/a",
    headers: { "x-tag-a": "v", "x-tag-b": "v", "x-tag-c": "v" },
    status: 400,
    fields: [{ path: "/tags", message: "must NOT have more than 2 properties" }],
  },
  {
    name: "@httpQueryParams: a key breaking its @pattern, a value longer than its @length",
    path: "/constrained/a?A1=x&ok=12345",
    status: 400,
    fields: [
      { path: "/params/A1", message: 'key must match pattern "^[a-z]+$"' },
      { path: "/params/ok", message: "must NOT have more than 4 characters" },
    ],
  },
  {
    name: "one response lists the schema validator's failures, then the core's",
    path: "/constrained/a?plain=abcdefg",
    status: 400,
    fields: [
      { path: "/plain", message: "must NOT have more than 3 characters" },
      { path: "/params/plain", message: "must NOT have more than 4 characters" },
    ],
    message: /^2 validation errors detected: \/plain: .*; \/params\/plain: /,
  },
];

const defaultCases: Case[] = [
  {
    name: "header and query members left out read as their @default",
    path: "/defaulted",
    status: 200,
    output: {
      echo: { limit: 10, mode: "fast", flag: false, since: "1970-01-01T00:00:00.000Z", tags: [] },
    },
  },
  {
    name: "members the request sends are read as sent",
    path: "/defaulted?limit=3&tags=a&plain=p",
    headers: { "x-mode": "slow", "x-flag": "true", "x-since": "Thu, 01 Jan 1970 00:00:01 GMT" },
    status: 200,
    output: {
      echo: {
        limit: 3,
        mode: "slow",
        flag: true,
        since: "1970-01-01T00:00:01.000Z",
        tags: ["a"],
        plain: "p",
      },
    },
  },
];

const FOO = '{"foo":"bar"}';
const GZIPPED = gzipSync(FOO);

const checksumCases: Case[] = [
  {
    name: "a body with its Content-MD5",
    method: "POST",
    path: "/checksummed",
    headers: { "content-type": "application/json", "content-md5": md5(FOO) },
    body: FOO,
    status: 200,
    output: { echo: { foo: "bar" } },
  },
  {
    name: "a gzip body with the Content-MD5 of the bytes sent",
    method: "POST",
    path: "/checksummed",
    headers: { "content-type": "application/json", "content-encoding": "gzip", "content-md5": md5(GZIPPED) },
    body: GZIPPED,
    status: 200,
    output: { echo: { foo: "bar" } },
  },
  {
    name: "no body and no Content-MD5",
    method: "POST",
    path: "/checksummed",
    status: 200,
    output: { echo: {} },
  },
  {
    name: "a body without Content-MD5",
    method: "POST",
    path: "/checksummed",
    headers: { "content-type": "application/json" },
    body: FOO,
    status: 400,
    errorType: "InvalidDigest",
    message: /requires a Content-MD5 header/,
  },
  {
    name: "a Content-MD5 that is not an MD5 digest",
    method: "POST",
    path: "/checksummed",
    headers: { "content-type": "application/json", "content-md5": "abc" },
    body: FOO,
    status: 400,
    errorType: "InvalidDigest",
    message: /not a base64-encoded 16-byte MD5 digest/,
  },
  {
    name: "a Content-MD5 of other bytes",
    method: "POST",
    path: "/checksummed",
    headers: { "content-type": "application/json", "content-md5": md5('{"foo":"baz"}') },
    body: FOO,
    status: 400,
    errorType: "BadDigest",
    message: /does not match the MD5 of the request body/,
  },
  {
    name: "a streamed body with its Content-MD5",
    method: "PUT",
    path: "/checksummed-stream",
    headers: { "content-md5": md5("streamed bytes") },
    body: "streamed bytes",
    status: 200,
    output: { size: 14 },
  },
  {
    name: "a streamed body whose Content-MD5 differs (reading it fails at its end)",
    method: "PUT",
    path: "/checksummed-stream",
    headers: { "content-md5": md5("other bytes") },
    body: "streamed bytes",
    status: 400,
    errorType: "BadDigest",
  },
  {
    name: "a streamed body without Content-MD5",
    method: "PUT",
    path: "/checksummed-stream",
    body: "streamed bytes",
    status: 400,
    errorType: "InvalidDigest",
  },
];

const json = { "content-type": "application/json" };

const bigNumberCases: Case[] = [
  {
    name: "text values keep every digit: a bigInteger query, a bigDecimal header",
    method: "POST",
    path: "/big?qi=123456789012345678901234",
    headers: { "x-decimal": "3.14159265358979323846" },
    status: 200,
    output: { echo: { queryInteger: "123456789012345678901234n", headerDecimal: "3.14159265358979323846" } },
  },
  {
    name: "JSON numbers a double holds: a bigInteger as a bigint, a bigDecimal as its decimal text",
    method: "POST",
    path: "/big",
    headers: json,
    body: '{"integer":-9007199254740991,"decimal":0.1,"nested":{"decimals":[1.5,2e-3]}}',
    status: 200,
    output: {
      echo: { integer: "-9007199254740991n", decimal: "0.1", nested: { decimals: ["1.5", "0.002"] } },
    },
  },
  {
    name: "a JSON bigInteger beyond ±(2^53 - 1) is refused, not rounded",
    method: "POST",
    path: "/big",
    headers: json,
    body: '{"integer":9007199254740993}',
    status: 400,
    errorType: "SerializationException",
    message: /\/integer: Expected a bigInteger within ±\(2\^53 - 1\)/,
  },
  {
    name: "JSON bigDecimals with more digits than a double holds are refused, at any depth",
    method: "POST",
    path: "/big",
    headers: json,
    body: '{"decimal":3.14159265358979323846,"nested":{"decimals":[0.5,1.00000000000000000001]}}',
    status: 400,
    errorType: "SerializationException",
    message: /\/decimal: Expected a bigDecimal a double holds exactly.*; \/nested\/decimals\/1: /,
  },
  {
    name: "big numbers out: JSON numbers where a double holds them, any size in a header",
    path: "/big-output?which=exact",
    status: 200,
    output: { integer: 9007199254740991, decimal: 0.25 },
  },
  {
    name: "a bigInteger output a JSON number would round fails loudly",
    path: "/big-output?which=roundedInteger",
    status: 500,
    errorType: "InternalServerException",
  },
  {
    name: "a bigDecimal output a JSON number would round fails loudly",
    path: "/big-output?which=roundedDecimal",
    status: 500,
    errorType: "InternalServerException",
  },
];

async function send(adapter: AdapterName, c: Case, to: Record<AdapterName, string> = bases) {
  const response = await fetch(`${to[adapter]}${c.path}`, {
    method: c.method ?? "GET",
    headers: c.headers ?? {},
    ...(c.body !== undefined ? { body: c.body } : {}),
  });
  const text = await response.text();
  return { response, body: (text === "" ? {} : JSON.parse(text)) as Record<string, unknown> };
}

describe.each(["node", "express"] as const)("%s adapter", (adapter) => {
  it.each([
    ...constraintCases.map((c) => [`constraints: ${c.name}`, c] as const),
    ...defaultCases.map((c) => [`@default: ${c.name}`, c] as const),
    ...checksumCases.map((c) => [`@httpChecksumRequired: ${c.name}`, c] as const),
    ...bigNumberCases.map((c) => [`big numbers: ${c.name}`, c] as const),
  ])("%s", async (_name, c) => {
    const { response, body } = await send(adapter, c);
    expect(response.status, JSON.stringify(body)).toBe(c.status);
    if (c.output) expect(body).toEqual(c.output);
    if (c.fields) {
      expect(response.headers.get("x-amzn-errortype")).toBe("ValidationException");
      expect(body.fieldList).toEqual(c.fields);
    }
    if (c.errorType) expect(response.headers.get("x-amzn-errortype")).toBe(c.errorType);
    if (c.message) expect(body.message).toMatch(c.message);
  });

  // Smithy's server test RestJsonHttpChecksumRequired sends a body its Content-MD5 does not match and
  // expects it accepted: without the option, the digest is not judged.
  it.each([
    ["a Content-MD5 of other bytes", { "content-type": "application/json", "content-md5": md5("{}") }],
    ["no Content-MD5", { "content-type": "application/json" }],
  ])("@httpChecksumRequired without verifyContentMd5: %s is accepted", async (_name, headers) => {
    const c: Case = { name: "", method: "POST", path: "/checksummed", headers, body: FOO, status: 200 };
    const { response, body } = await send(adapter, c, unverifiedBases);
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body).toEqual({ echo: { foo: "bar" } });
  });

  it("big numbers out: a bigInteger header keeps every digit", async () => {
    const { response } = await send(adapter, { name: "", path: "/big-output?which=exact", status: 200 });
    expect(response.headers.get("x-integer")).toBe(String(2n ** 70n));
  });
});
