// Bindings OpenAPI cannot describe well, through both adapters over real sockets: the core splits and
// parses them (lists, quoted header items, http-date lists, prefix headers, @mediaType headers), and the
// schema validators (the core's own; express-openapi-validator) never see them raw. Regression tests for
// a 500 (coercion rewrote a shallow copy of the query, then binding trimmed a number), a one-item query
// list refused as "must be array", and list headers that were always refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdapterName, type BothAdapters, serveBothAdapters } from "./fixtures/both-adapters.js";
import { bindingsHandlers, bindingsService } from "./fixtures/bindings-service.js";

let served: BothAdapters;
const bases: Record<AdapterName, string> = { node: "", express: "" };

beforeAll(async () => {
  served = await serveBothAdapters(bindingsService, bindingsHandlers);
  Object.assign(bases, served.bases);
});

afterAll(() => served.close());

interface Case {
  name: string;
  query?: string;
  headers?: Record<string, string>;
  status: number;
  /** The echoed input (200) or the error type (4xx). */
  expected: Record<string, unknown> | string;
}

const cases: Case[] = [
  {
    name: "repeated integer query values",
    query: "IntegerList=1&IntegerList=2",
    status: 200,
    expected: { integerList: [1, 2] },
  },
  { name: "a one-value query list", query: "IntegerList=7", status: 200, expected: { integerList: [7] } },
  {
    name: "a one-value string query list",
    query: "StringList=a",
    status: 200,
    expected: { stringList: ["a"] },
  },
  {
    name: "a list query with a value that does not parse",
    query: "IntegerList=1&IntegerList=two",
    status: 400,
    expected: "SerializationException",
  },
  {
    name: "a list query item breaking its schema",
    query: "IntegerList=1&IntegerList=5000",
    status: 400,
    expected: "ValidationException",
  },
  { name: "a byte out of range", query: "Byte=128", status: 400, expected: "SerializationException" },
  { name: "a byte in range", query: "Byte=-128", status: 200, expected: { byte: -128 } },
  {
    name: "a list header with quoted items",
    headers: { "x-strings": 'a, "b,c", "\\"quoted\\""' },
    status: 200,
    expected: { headerStrings: ["a", "b,c", '"quoted"'] },
  },
  {
    name: "a one-item list header",
    headers: { "x-strings": "solo" },
    status: 200,
    expected: { headerStrings: ["solo"] },
  },
  {
    name: "an http-date list header",
    headers: { "x-dates": "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT" },
    status: 200,
    expected: { headerDates: ["2019-12-16T23:48:18.000Z", "2019-12-17T23:48:18.000Z"] },
  },
  {
    name: "an integer list header",
    headers: { "x-integers": "1, 2,3" },
    status: 200,
    expected: { headerIntegers: [1, 2, 3] },
  },
  {
    name: "an integer list header item that does not parse",
    headers: { "x-integers": "1, 2.5" },
    status: 400,
    expected: "SerializationException",
  },
  {
    name: "a @mediaType header is base64",
    headers: { "x-json": "eyJhIjoxfQ==" },
    status: 200,
    expected: { json: '{"a":1}' },
  },
  {
    name: "a @mediaType header that is not base64",
    headers: { "x-json": "{}" },
    status: 400,
    expected: "SerializationException",
  },
  {
    name: "prefix headers",
    headers: { "x-meta-one": "1", "x-meta-two": "2", "x-other": "no" },
    status: 200,
    expected: { meta: { one: "1", two: "2" } },
  },
];

describe.each(["node", "express"] as const)("%s adapter binds", (adapter) => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const response = await fetch(`${bases[adapter]}/bindings${c.query ? `?${c.query}` : ""}`, {
      headers: c.headers ?? {},
    });
    const body = (await response.json()) as { echo?: unknown; message?: string };
    expect(response.status, body.message).toBe(c.status);
    if (typeof c.expected === "string") expect(response.headers.get("x-amzn-errortype")).toBe(c.expected);
    else expect(body.echo).toEqual(c.expected);
  });
});
