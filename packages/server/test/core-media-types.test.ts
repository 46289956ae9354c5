// Which request bodies and Accept headers an operation takes, by its bindings (restJson1): a second check,
// next to the protocol test suite's malformed cases, of the core's 415 and 406 answers.
import { describe, expect, it } from "vitest";
import { createProtocolHandler } from "../src/core/handle.js";
import type { MemberBinding, OperationSpec, OperationTable, WireType } from "../src/core/operation-table.js";

const payload = (type: WireType): MemberBinding => ({
  member: "data",
  location: "payload",
  wireName: "data",
  type,
  required: false,
});

function operation(name: string, extra: Partial<OperationSpec>): OperationSpec {
  return {
    name,
    handlerName: name,
    method: "POST",
    uri: `/${name}`,
    code: 200,
    input: [],
    output: [],
    errors: [],
    ...extra,
  };
}

const table: OperationTable = {
  service: "Media",
  structures: {},
  errors: {},
  operations: [
    operation("unit", { unitInput: true, unitOutput: true }),
    operation("empty", {}),
    operation("headersOnly", {
      input: [
        { member: "h", location: "header", wireName: "x-h", type: { kind: "string" }, required: false },
      ],
    }),
    operation("json", {
      input: [{ member: "a", location: "body", wireName: "a", type: { kind: "string" }, required: false }],
      output: [{ member: "a", location: "body", wireName: "a", type: { kind: "string" }, required: false }],
    }),
    operation("anyBlob", { input: [payload({ kind: "blob" })], output: [payload({ kind: "blob" })] }),
    operation("jpeg", {
      input: [payload({ kind: "blob", mediaType: "image/jpeg" })],
      output: [payload({ kind: "blob", mediaType: "image/jpeg" })],
    }),
    operation("text", { input: [payload({ kind: "string" })], output: [payload({ kind: "string" })] }),
  ],
};

const echo = async (input: Record<string, unknown>) => input;
const handler = createProtocolHandler({
  operations: table,
  handlers: Object.fromEntries(table.operations.map((o) => [o.handlerName, echo])),
});

async function status(name: string, headers: Record<string, string>, body = ""): Promise<[number, string?]> {
  const response = await handler.handle({
    method: "POST",
    path: `/${name}`,
    query: {},
    headers,
    body: Buffer.from(body),
  });
  return [response.status, response.headers["x-amzn-ErrorType"]];
}

const JSON_TYPE = { "content-type": "application/json" };
const UNSUPPORTED: [number, string] = [415, "UnsupportedMediaTypeException"];
const NOT_ACCEPTABLE: [number, string] = [406, "NotAcceptableException"];

describe("request media types", () => {
  it.each<[string, Record<string, string>, string, [number, string?]]>([
    ["unit", {}, "", [200, undefined]],
    ["unit", JSON_TYPE, "{}", UNSUPPORTED],
    ["empty", JSON_TYPE, "{}", [200, undefined]],
    ["empty", {}, "", [200, undefined]],
    ["headersOnly", JSON_TYPE, "{}", UNSUPPORTED],
    ["json", JSON_TYPE, '{"a":"x"}', [200, undefined]],
    ["json", { "content-type": "application/json; charset=utf-8" }, '{"a":"x"}', [200, undefined]],
    ["json", {}, '{"a":"x"}', UNSUPPORTED],
    ["json", { "content-type": "application/hal+json" }, '{"a":"x"}', UNSUPPORTED],
    ["json", { "content-type": "text/plain" }, "", [200, undefined]],
    ["anyBlob", { "content-type": "image/png" }, "bytes", [200, undefined]],
    ["anyBlob", {}, "bytes", [200, undefined]],
    ["jpeg", { "content-type": "image/jpeg" }, "bytes", [200, undefined]],
    ["jpeg", JSON_TYPE, "{}", UNSUPPORTED],
    ["text", { "content-type": "text/plain" }, "words", [200, undefined]],
    ["text", JSON_TYPE, "{}", UNSUPPORTED],
  ])("%s with %j and body %j → %j", async (name, headers, body, expected) => {
    expect(await status(name, headers, body)).toEqual(expected);
  });
});

describe("Accept", () => {
  it.each<[string, string, [number, string?]]>([
    ["json", "application/json", [200, undefined]],
    ["json", "*/*", [200, undefined]],
    ["json", "application/hal+json", NOT_ACCEPTABLE],
    ["jpeg", "image/*", [200, undefined]],
    ["jpeg", "application/json", NOT_ACCEPTABLE],
    ["text", "application/json", NOT_ACCEPTABLE],
    ["anyBlob", "image/jpeg", [200, undefined]],
    ["unit", "application/hal+json", [200, undefined]],
  ])("%s with Accept %s → %j", async (name, accept, expected) => {
    const [s, type] = await status(name, { accept });
    expect([s, type]).toEqual(expected);
  });
});

describe("payload responses", () => {
  it("sends a blob payload as it is, with its media type, and an unset one as no body", async () => {
    const set = await handler.handle({
      method: "POST",
      path: "/jpeg",
      query: {},
      headers: { "content-type": "image/jpeg" },
      body: Buffer.from("bytes"),
    });
    expect(set.headers["content-type"]).toBe("image/jpeg");
    expect(set.body.toString()).toBe("bytes");
    const unset = await handler.handle({
      method: "POST",
      path: "/jpeg",
      query: {},
      headers: {},
      body: Buffer.alloc(0),
    });
    expect(unset.headers["content-type"]).toBeUndefined();
    expect(unset.body.length).toBe(0);
  });

  it("sends no body and no content type for a Unit output", async () => {
    const response = await handler.handle({
      method: "POST",
      path: "/unit",
      query: {},
      headers: {},
      body: Buffer.alloc(0),
    });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBeUndefined();
    expect(response.body.length).toBe(0);
  });
});
