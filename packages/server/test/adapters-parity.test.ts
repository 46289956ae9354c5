// One table of requests, sent over real sockets to the Express adapter and to the node:http adapter:
// both must answer each with the expected status and error type, and with identical status,
// x-amzn-ErrorType and body (request IDs aside).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AdapterOptions, ResponseReport } from "../src/adapter-options.js";
import { createRouter } from "../src/express/create-router.js";
import { AccessDeniedException, omicsErrorClasses } from "../src/generated/errors.js";
import { createNodeHandler } from "../src/node/create-node-handler.js";
import { echoHandlers, SECRET } from "./fixtures/echo-handlers.js";
import { omicsService } from "../src/generated/service.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY_ARN = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const quiet = () => {};

const profiles = {
  default: {},
  smallBody: { bodyLimit: 100 },
  slowBody: { bodyTimeoutMs: 50 },
  checkedResponses: { validateResponses: true },
  shallowJson: { maxJsonDepth: 2 },
  authenticated: {
    authenticate: (request) => {
      if (request.headers["x-test-deny"]) throw new AccessDeniedException({ message: "Signature refused." });
      return { accountId: "111122223333" };
    },
  },
} satisfies Record<string, AdapterOptions>;
type Profile = keyof typeof profiles;

interface Wire {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A request as parts (the test frames it), or raw bytes sent as they are. */
type Send =
  | { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer }
  | { raw: string | Buffer };

interface Case {
  name: string;
  profile?: Profile;
  send: Send;
  status: number;
  errorType?: string;
  /** More about the (identical) body. */
  check?: (body: Record<string, unknown>) => void;
  /** The answer must say the connection closes (the request itself does not ask for it). */
  closes?: boolean;
}

function frame(send: Send): Buffer {
  if ("raw" in send) return Buffer.from(send.raw);
  const headers: Record<string, string> = { host: "127.0.0.1", connection: "close", ...send.headers };
  if (send.body !== undefined) headers["content-length"] ??= String(Buffer.byteLength(send.body));
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  return Buffer.concat([
    Buffer.from(`${send.method} ${send.path} HTTP/1.1\r\n${head}\r\n`),
    Buffer.from(send.body ?? ""),
  ]);
}

/** Writes the bytes, then reads one response: until its content-length is in, or the server closes. */
function exchange(port: number, bytes: Buffer): Promise<Wire> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    let received = Buffer.alloc(0);
    const parse = (): Wire | undefined => {
      const end = received.indexOf("\r\n\r\n");
      if (end < 0) return undefined;
      const [statusLine = "", ...lines] = received.subarray(0, end).toString("latin1").split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers["content-length"] ?? Number.NaN);
      const body = received.subarray(end + 4);
      if (Number.isFinite(length) && body.length < length) return undefined;
      return { status: Number(statusLine.split(" ")[1]), headers, body: body.toString("utf8") };
    };
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const wire = parse();
      if (wire && wire.headers["content-length"] !== undefined) {
        socket.destroy();
        resolve(wire);
      }
    });
    socket.on("error", reject);
    socket.on("close", () => {
      const wire = parse();
      if (wire) resolve(wire);
      else reject(new Error(`connection closed without a response: ${received.toString()}`));
    });
  });
}

const json = (body: unknown) => JSON.stringify(body);
const post = (path: string, body: unknown, headers: Record<string, string> = {}): Send => ({
  method: "POST",
  path,
  headers: { "content-type": "application/json", ...headers },
  body: typeof body === "string" || Buffer.isBuffer(body) ? body : json(body),
});
/** `{"name":"a<bytes>b"}` with raw bytes in the string. */
const nameWithBytes = (...bytes: number[]) =>
  Buffer.concat([Buffer.from('{"name":"a'), Buffer.from(bytes), Buffer.from('b"}')]);
const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const fieldPaths = (body: Record<string, unknown>) =>
  (body.fieldList as { path: string }[]).map((field) => field.path).sort();

const modeledErrorCases: Case[] = Object.values(omicsErrorClasses).map((ErrorClass) => {
  const example = new ErrorClass({ message: "x" });
  return {
    name: `handler throws modeled ${example.name}`,
    send: post("/sequencestore", { name: `throw ${example.name}` }),
    status: example.httpStatus,
    errorType: example.name,
    check: (body) => expect(body.message).toBe(`about ${example.name}`),
  };
});

const cases: Case[] = [
  {
    name: "create: success, body bound and serialized",
    send: post("/sequencestore", { name: "my store", sseConfig: { type: "KMS", keyArn: KEY_ARN } }),
    status: 200,
    check: (body) =>
      expect(body).toEqual({
        id: "1234567890",
        arn: "arn:aws:omics:us-west-2:123456789012:sequenceStore/1234567890",
        name: "my store",
        creationTime: "2024-05-06T07:08:09.123Z",
        sseConfig: { type: "KMS", keyArn: KEY_ARN },
      }),
  },
  {
    name: "create: JSON with a charset parameter",
    send: post("/sequencestore", { name: "s" }, { "content-type": "application/json; charset=utf-8" }),
    status: 200,
  },
  ...[
    ["accented letters", "Ünïcödé stóre"],
    ["CJK", "配列ストア"],
    ["symbols and punctuation", "store-1 (test) #2 + €"],
  ].map(
    ([what, name]): Case => ({
      name: `create: \\p{L}-pattern name with ${what} is accepted`,
      send: post("/sequencestore", { name }),
      status: 200,
      check: (body) => expect(body.name).toBe(name),
    }),
  ),
  ...[
    ["a control character", "bad\u0001name"],
    ["a newline", "two\nlines"],
  ].map(
    ([what, name]): Case => ({
      name: `create: \\p{L}-pattern name with ${what} is refused`,
      send: post("/sequencestore", { name }),
      status: 400,
      errorType: "ValidationException",
      check: (body) =>
        expect(body.fieldList).toEqual([{ path: "/name", message: expect.stringMatching(/pattern/) }]),
    }),
  ),
  ...modeledErrorCases,
  {
    name: "handler throws ValidationException with a fieldList",
    send: post("/sequencestore", { name: "throw ValidationException" }),
    status: 400,
    errorType: "ValidationException",
    check: (body) => expect(body.fieldList).toEqual([{ path: "/name", message: "taken" }]),
  },
  {
    name: "handler throws an unexpected error: generic 500 without internals",
    send: post("/sequencestore", { name: "throw Error" }),
    status: 500,
    errorType: "InternalServerException",
    check: (body) => {
      expect(body).toEqual({ message: "The service failed to process the request. Try again later." });
      expect(JSON.stringify(body)).not.toContain(SECRET);
    },
  },
  {
    name: "validation: several broken fields in one ValidationException",
    send: post("/sequencestore", {
      name: "",
      sseConfig: { keyArn: "not-an-arn" },
      eTagAlgorithmFamily: "CRC32",
    }),
    status: 400,
    errorType: "ValidationException",
    check: (body) => {
      expect(fieldPaths(body)).toEqual([
        "/eTagAlgorithmFamily",
        "/name",
        "/name",
        "/sseConfig/keyArn",
        "/sseConfig/keyArn",
        "/sseConfig/type",
      ]);
      expect(body.message).toMatch(/^6 validation errors detected: /);
    },
  },
  {
    name: "validation: missing required member",
    send: post("/sequencestore", { description: "no name" }),
    status: 400,
    errorType: "ValidationException",
    check: (body) =>
      expect(body.fieldList).toEqual([{ path: "/name", message: "must have required property 'name'" }]),
  },
  {
    name: "validation: wrong JSON types",
    send: post("/sequencestore", { name: 5, description: true, tags: ["a"], propagatedSetLevelTags: "x" }),
    status: 400,
    errorType: "SerializationException",
    check: (body) =>
      expect(fieldPaths(body)).toEqual(["/description", "/name", "/propagatedSetLevelTags", "/tags"]),
  },
  {
    name: "validation: enum member lists the allowed values",
    send: post("/sequencestore", { name: "s", eTagAlgorithmFamily: "CRC32" }),
    status: 400,
    errorType: "ValidationException",
    check: (body) =>
      expect(body.fieldList).toEqual([
        {
          path: "/eTagAlgorithmFamily",
          message: "must be equal to one of the allowed values: MD5up, SHA256up, SHA512up",
        },
      ]),
  },
  {
    name: "validation: body is a JSON array",
    send: post("/sequencestore", "[]"),
    status: 400,
    errorType: "SerializationException",
  },
  {
    name: "malformed JSON",
    send: post("/sequencestore", '{"name": "x",'),
    status: 400,
    errorType: "SerializationException",
    check: (body) => expect(body.message).toMatch(/not valid JSON/),
  },
  ...[
    ["arrays 5,000 deep", nested(5000)],
    ["objects 5,000 deep", `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`],
    ["a member 65 deep", `{"name":"s","tags":${nested(65)}}`],
    ["unbalanced brackets 100,000 deep", "[".repeat(100_000)],
  ].map(
    ([what, body]): Case => ({
      name: `JSON nesting: ${what} is refused before anything recurses`,
      send: post("/sequencestore", body),
      status: 400,
      errorType: "SerializationException",
      check: (body) => expect(body.message).toMatch(/deeper than 64 levels/),
    }),
  ),
  {
    name: "maxJsonDepth: a body as deep as the option allows is read",
    profile: "shallowJson",
    send: post("/sequencestore", { name: "s", sseConfig: { type: "KMS" } }),
    status: 200,
  },
  {
    name: "maxJsonDepth: one level deeper is refused",
    profile: "shallowJson",
    send: post("/sequencestore", { name: "s", tags: { a: {} } }),
    status: 400,
    errorType: "SerializationException",
    check: (body) => expect(body.message).toMatch(/deeper than 2 levels/),
  },
  {
    name: "JSON nesting: brackets inside strings do not count",
    send: post("/sequencestore", { name: "s", description: `${"[{".repeat(60)}"\\` }),
    status: 200,
  },
  {
    name: "JSON nesting: 64 levels are read (then refused as the wrong type for the member)",
    send: post("/sequencestore", `{"name":"s","tags":${nested(63)}}`),
    status: 400,
    errorType: "SerializationException",
    check: (body) => expect(fieldPaths(body)).toEqual(["/tags"]),
  },
  ...[
    ["a stray continuation byte", [0xff]],
    ["an overlong encoding", [0xc0, 0xaf]],
    ["a truncated sequence", [0xe2, 0x82]],
    ["an encoded surrogate", [0xed, 0xa0, 0x80]],
  ].map(
    ([what, bytes]): Case => ({
      name: `invalid UTF-8 (${what}) is refused, never replaced`,
      send: post("/sequencestore", nameWithBytes(...(bytes as number[]))),
      status: 400,
      errorType: "SerializationException",
      check: (body) => expect(body.message).toMatch(/not valid UTF-8/),
    }),
  ),
  {
    name: "valid multi-byte UTF-8 is read",
    send: post("/sequencestore", nameWithBytes(0xc3, 0xa9)),
    status: 200,
    check: (body) => expect(body.name).toBe("aéb"),
  },
  {
    name: "non-JSON content-type with a body: 415",
    send: { method: "POST", path: "/sequencestore", headers: { "content-type": "text/plain" }, body: "hi" },
    status: 415,
    errorType: "UnsupportedMediaTypeException",
  },
  {
    name: "empty body without content-type reads as {} (no required body member)",
    send: { method: "POST", path: "/sequencestores", headers: { "content-length": "0" } },
    status: 200,
  },
  {
    name: "empty body without content-type reads as {} (a required member is then missing)",
    send: { method: "POST", path: "/sequencestore", headers: { "content-length": "0" } },
    status: 400,
    errorType: "ValidationException",
    check: (body) => expect(fieldPaths(body)).toEqual(["/name"]),
  },
  {
    name: "empty body with a non-JSON content-type reads as {}",
    send: {
      method: "PATCH",
      path: "/sequencestore/1234567890",
      headers: { "content-type": "text/plain", "content-length": "0" },
    },
    status: 200,
  },
  {
    name: "compressed body: refused, bytes are never inflated",
    send: {
      ...post("/sequencestore", { name: "s" }),
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
    },
    status: 400,
    errorType: "ValidationException",
    check: (body) => expect(body.message).toMatch(/content encoding/),
  },
  {
    name: "unknown route: 404",
    send: { method: "GET", path: "/nope" },
    status: 404,
    errorType: "UnknownOperationException",
  },
  {
    name: "wrong method: 405",
    send: { method: "GET", path: "/sequencestore" },
    status: 405,
    errorType: "MethodNotAllowedException",
    check: (body) => expect(body.message).toMatch(/POST/),
  },
  {
    name: "wrong method on a labelled path: 405 lists every method",
    send: { method: "PUT", path: "/sequencestore/1234567890" },
    status: 405,
    errorType: "MethodNotAllowedException",
    check: (body) => expect(body.message).toMatch(/DELETE, GET, PATCH/),
  },
  {
    name: "get: label bound",
    send: { method: "GET", path: "/sequencestore/1234567890" },
    status: 200,
    check: (body) => expect(body).toMatchObject({ id: "1234567890", name: "store 1234567890" }),
  },
  {
    name: "get: label breaking its pattern and length",
    send: { method: "GET", path: "/sequencestore/abc" },
    status: 400,
    errorType: "ValidationException",
    check: (body) => expect(fieldPaths(body)).toEqual(["/id", "/id"]),
  },
  {
    name: "get: encoded slashes stay in the label, reported at the member",
    send: { method: "GET", path: "/sequencestore/..%2F..%2Fetc" },
    status: 400,
    errorType: "ValidationException",
    check: (body) => expect(fieldPaths(body)).toEqual(["/id", "/id"]),
  },
  ...[
    ["GET", "/sequencestore/%ZZ", "%ZZ"],
    ["DELETE", "/sequencestore/%E0%A4%A", "%E0%A4%A"],
    ["GET", "/sequencestore/%FF", "%FF"],
  ].map(
    ([method = "", path = "", label]): Case => ({
      name: `${method} ${path}: an undecodable label is a malformed request (400), not an unknown one`,
      send: { method, path },
      status: 400,
      errorType: "ValidationException",
      check: (body) =>
        expect(body.fieldList).toEqual([
          { path: "/id", message: `Not a valid percent-encoded UTF-8 label: "${label}".` },
        ]),
    }),
  ),
  {
    name: "an undecodable label with a method the path lacks: 405",
    send: { method: "PUT", path: "/sequencestore/%ZZ" },
    status: 405,
    errorType: "MethodNotAllowedException",
  },
  {
    name: "get: percent-encoded label is decoded before validation",
    send: { method: "GET", path: "/sequencestore/%31234567890" },
    status: 200,
    check: (body) => expect(body.id).toBe("1234567890"),
  },
  {
    name: "list: query and body members bound",
    send: post("/sequencestores?maxResults=5&nextToken=abc&unrelated=1", {
      filter: { status: "ACTIVE", createdAfter: "2024-01-01T00:00:00Z" },
    }),
    status: 200,
    check: (body) => {
      const [store] = body.sequenceStores as { statusMessage: string }[];
      expect(JSON.parse(store?.statusMessage ?? "")).toEqual({
        maxResults: 5,
        nextToken: "abc",
        filter: { status: "ACTIVE", createdAfter: "2024-01-01T00:00:00.000Z" },
      });
      expect(body.nextToken).toBe("abc");
    },
  },
  {
    name: "list: raw reserved characters in a query value are judged after decoding",
    send: post("/sequencestores?nextToken=a/b+c==", {}),
    status: 200,
    check: (body) => expect(body.nextToken).toBe("a/b c=="),
  },
  ...[
    ["a lone %FF", "nextToken=%FF"],
    ["a truncated sequence after valid ones", "maxResults=5&nextToken=a%E0%A4"],
    ["a bad escape in the key", "next%ZZToken=1&nextToken=%ZZ"],
  ].map(
    ([what, query]): Case => ({
      name: `list: a bound query value that is not UTF-8 (${what}) is refused, never replaced`,
      send: post(`/sequencestores?${query}`, {}),
      status: 400,
      errorType: "ValidationException",
      check: (body) =>
        expect(body.fieldList).toEqual([
          { path: "/nextToken", message: 'Query parameter "nextToken" is not valid percent-encoded UTF-8.' },
        ]),
    }),
  ),
  {
    name: "list: percent-encoded UTF-8 and + in a query value are decoded",
    send: post("/sequencestores?nextToken=%C3%A9+x%2F", {}),
    status: 200,
    check: (body) => expect(body.nextToken).toBe("é x/"),
  },
  {
    name: "delete: an unknown query parameter that is not UTF-8 is ignored like any unknown one",
    send: { method: "DELETE", path: "/sequencestore/1234567890?force=%FF" },
    status: 200,
  },
  {
    name: "list: query values breaking their constraints",
    send: post("/sequencestores?maxResults=0&nextToken=", {}),
    status: 400,
    errorType: "ValidationException",
    check: (body) => expect(fieldPaths(body)).toEqual(["/maxResults", "/nextToken", "/nextToken"]),
  },
  {
    name: "list: a query value of the wrong type does not parse",
    send: post("/sequencestores?maxResults=many", {}),
    status: 400,
    errorType: "SerializationException",
    check: (body) =>
      expect(body.fieldList).toEqual([{ path: "/maxResults", message: 'Expected an integer, got "many".' }]),
  },
  {
    name: "list: a query integer with a fraction does not parse",
    send: post("/sequencestores?maxResults=5.5", {}),
    status: 400,
    errorType: "SerializationException",
    check: (body) => expect(fieldPaths(body)).toEqual(["/maxResults"]),
  },
  {
    name: "list: a nested timestamp that does not parse comes before any constraint",
    send: post("/sequencestores", { filter: { createdAfter: "yesterday", status: "GONE" } }),
    status: 400,
    errorType: "SerializationException",
    check: (body) => expect(fieldPaths(body)).toEqual(["/filter/createdAfter"]),
  },
  {
    name: "list: a nested member breaking its enum",
    send: post("/sequencestores", { filter: { status: "GONE" } }),
    status: 400,
    errorType: "ValidationException",
    check: (body) => expect(fieldPaths(body)).toEqual(["/filter/status"]),
  },
  {
    name: "an Accept header that does not admit JSON: 406",
    send: { method: "GET", path: "/sequencestore/1234567890", headers: { accept: "text/html" } },
    status: 406,
    errorType: "NotAcceptableException",
  },
  {
    name: "an Accept header admitting JSON among others is served",
    send: { method: "GET", path: "/sequencestore/1234567890", headers: { accept: "text/html, */*;q=0.1" } },
    status: 200,
  },
  {
    name: "an empty label segment is no route: 404",
    send: { method: "GET", path: "/sequencestore//" },
    status: 404,
    errorType: "UnknownOperationException",
  },
  {
    name: "update: label and body bound",
    send: { ...post("/sequencestore/1234567890", { name: "renamed" }), method: "PATCH" },
    status: 200,
    check: (body) =>
      expect(JSON.parse(String(body.statusMessage))).toEqual({ id: "1234567890", name: "renamed" }),
  },
  {
    name: "delete: label bound, unknown query ignored",
    send: { method: "DELETE", path: "/sequencestore/1234567890?force=yes" },
    status: 200,
    check: (body) => expect(body).toEqual({}),
  },
  {
    name: "body over the limit (declared length): 413",
    profile: "smallBody",
    send: post("/sequencestore", { name: "x".repeat(200) }),
    status: 413,
    errorType: "RequestEntityTooLargeException",
  },
  {
    name: "body over the limit (chunked): 413",
    profile: "smallBody",
    send: {
      raw:
        "POST /sequencestore HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n" +
        "content-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n" +
        `c8\r\n${"x".repeat(200)}\r\n0\r\n\r\n`,
    },
    status: 413,
    errorType: "RequestEntityTooLargeException",
  },
  {
    name: "body over the limit (chunked, still arriving): 413 at once, the connection closes",
    profile: "smallBody",
    send: {
      raw:
        "POST /sequencestore HTTP/1.1\r\nhost: 127.0.0.1\r\n" +
        "content-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n" +
        `c8\r\n${"x".repeat(200)}\r\n`,
    },
    status: 413,
    errorType: "RequestEntityTooLargeException",
    closes: true,
  },
  {
    name: "body over the limit (declared, not sent): 413 at once, the connection closes",
    profile: "smallBody",
    send: {
      raw:
        "POST /sequencestore HTTP/1.1\r\nhost: 127.0.0.1\r\n" +
        'content-type: application/json\r\ncontent-length: 100000\r\n\r\n{"name":',
    },
    status: 413,
    errorType: "RequestEntityTooLargeException",
    closes: true,
  },
  {
    name: "body within the limit",
    profile: "smallBody",
    send: post("/sequencestore", { name: "small" }),
    status: 200,
  },
  {
    name: "body that stalls: 408 and the connection is closed",
    profile: "slowBody",
    send: {
      raw:
        "POST /sequencestore HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n" +
        'content-length: 100\r\n\r\n{"name":',
    },
    status: 408,
    errorType: "RequestTimeoutException",
    closes: true,
    check: (body) => expect(body.message).toMatch(/not received in time/),
  },
  {
    name: "validateResponses: a handler's output that breaks the document is a 500",
    profile: "checkedResponses",
    send: post("/sequencestore", { name: "bad response" }),
    status: 500,
    errorType: "InternalServerException",
  },
  {
    name: "validateResponses: a valid output passes",
    profile: "checkedResponses",
    send: post("/sequencestore", { name: "good" }),
    status: 200,
  },
  {
    name: "validateResponses: error answers are not judged",
    profile: "checkedResponses",
    send: post("/sequencestore", { name: "" }),
    status: 400,
    errorType: "ValidationException",
  },
  {
    name: "authenticate refuses",
    profile: "authenticated",
    send: post("/sequencestore", { name: "s" }, { "x-test-deny": "1" }),
    status: 403,
    errorType: "AccessDeniedException",
    check: (body) => expect(body).toEqual({ message: "Signature refused." }),
  },
  {
    name: "authenticate accepts",
    profile: "authenticated",
    send: post("/sequencestore", { name: "s" }),
    status: 200,
  },
];

interface Pair {
  express: number;
  node: number;
}
const servers: Server[] = [];
const ports = new Map<Profile, Pair>();

function listen(server: Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

beforeAll(async () => {
  for (const [profile, options] of Object.entries(profiles) as [Profile, AdapterOptions][]) {
    const app = express();
    app.use(createRouter(omicsService, echoHandlers(), { onError: quiet, ...options }));
    const expressPort = await listen(createServer(app));
    const nodePort = await listen(
      createServer(createNodeHandler(omicsService, echoHandlers(), { onError: quiet, ...options })),
    );
    ports.set(profile, { express: expressPort, node: nodePort });
  }
});

afterAll(async () => {
  await Promise.all(
    servers.map((s) => {
      s.closeAllConnections();
      return new Promise((resolve) => s.close(resolve));
    }),
  );
});

describe("both adapters answer alike", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const pair = ports.get(c.profile ?? "default");
    if (!pair) throw new Error(`no servers for ${c.profile}`);
    const bytes = frame(c.send);
    const viaExpress = await exchange(pair.express, bytes);
    const viaNode = await exchange(pair.node, bytes);

    for (const wire of [viaExpress, viaNode]) {
      expect(wire.status).toBe(c.status);
      expect(wire.headers["x-amzn-errortype"]).toBe(c.errorType);
      expect(wire.headers["x-amzn-requestid"]).toMatch(UUID);
      expect(wire.headers["content-type"]).toMatch(/^application\/json/);
      if (c.closes) expect(wire.headers.connection).toBe("close");
    }
    const expressBody = JSON.parse(viaExpress.body) as Record<string, unknown>;
    const nodeBody = JSON.parse(viaNode.body) as Record<string, unknown>;
    expect(nodeBody).toEqual(expressBody);
    c.check?.(nodeBody);
  });
});

describe("onResponse reports every sent response alike in both adapters", () => {
  const reportCases: {
    name: string;
    send: Send;
    expected: Omit<ResponseReport, "requestId" | "durationMs">;
  }[] = [
    {
      name: "success, with what authenticate returned",
      send: post("/sequencestore", { name: "s" }),
      expected: {
        method: "POST",
        path: "/sequencestore",
        status: 200,
        operationName: "CreateSequenceStore",
        auth: { accountId: "111122223333" },
      },
    },
    {
      name: "modeled error from the handler",
      send: post("/sequencestore", { name: "throw ThrottlingException" }),
      expected: {
        method: "POST",
        path: "/sequencestore",
        status: 429,
        errorType: "ThrottlingException",
        operationName: "CreateSequenceStore",
        auth: { accountId: "111122223333" },
      },
    },
    {
      name: "refused by authenticate: no auth",
      send: post("/sequencestore", { name: "s" }, { "x-test-deny": "1" }),
      expected: {
        method: "POST",
        path: "/sequencestore",
        status: 403,
        errorType: "AccessDeniedException",
        operationName: "CreateSequenceStore",
      },
    },
    {
      name: "unknown route: no operation",
      send: { method: "GET", path: "/nope?x=1" },
      expected: { method: "GET", path: "/nope", status: 404, errorType: "UnknownOperationException" },
    },
    {
      name: "body over the limit: answered before routing",
      send: post("/sequencestore", { name: "x".repeat(200) }),
      expected: {
        method: "POST",
        path: "/sequencestore",
        status: 413,
        errorType: "RequestEntityTooLargeException",
      },
    },
  ];

  it.each(reportCases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    for (const adapter of ["express", "node"] as const) {
      const reports: ResponseReport[] = [];
      const options: AdapterOptions = {
        ...profiles.authenticated,
        bodyLimit: 100,
        onError: quiet,
        onResponse: (info) => reports.push(info),
      };
      const app = express();
      app.use(createRouter(omicsService, echoHandlers(), options));
      const port = await listen(
        createServer(adapter === "express" ? app : createNodeHandler(omicsService, echoHandlers(), options)),
      );
      const wire = await exchange(port, frame(c.send));
      await vi.waitFor(() => expect(reports).toHaveLength(1));
      const [report] = reports;
      expect(report, adapter).toEqual({
        ...c.expected,
        requestId: wire.headers["x-amzn-requestid"],
        durationMs: expect.any(Number),
      });
      expect(report?.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it("a throwing onResponse goes to onError; the response is unaffected", async () => {
    for (const adapter of ["express", "node"] as const) {
      const reported: unknown[] = [];
      const boom = new Error("log sink down");
      const options: AdapterOptions = {
        onError: (error) => reported.push(error),
        onResponse: () => {
          throw boom;
        },
      };
      const app = express();
      app.use(createRouter(omicsService, echoHandlers(), options));
      const port = await listen(
        createServer(adapter === "express" ? app : createNodeHandler(omicsService, echoHandlers(), options)),
      );
      const wire = await exchange(port, frame(post("/sequencestore", { name: "s" })));
      expect(wire.status, adapter).toBe(200);
      await vi.waitFor(() => expect(reported).toEqual([boom]));
    }
  });
});
