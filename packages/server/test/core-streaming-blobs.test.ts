// The protocol core with @streaming blob payloads: which requests stream, the stream the handler gets,
// @requiresLength, the media type of a streamed body, and a streamed output.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createProtocolHandler } from "../src/core/handle.js";
import type { OperationSpec, OperationTable } from "../src/core/operation-table.js";
import type { ProtocolRequest } from "../src/core/protocol.js";

const upload = (requiresLength?: true): OperationSpec => ({
  name: requiresLength ? "UploadPart" : "PutObject",
  handlerName: requiresLength ? "uploadPart" : "putObject",
  method: "PUT",
  uri: requiresLength ? "/parts/{id}" : "/objects/{id}",
  code: 200,
  input: [
    { member: "id", location: "label", wireName: "id", type: { kind: "string" }, required: true },
    {
      member: "body",
      location: "payload",
      wireName: "body",
      type: { kind: "blob", streaming: true, ...(requiresLength ? { requiresLength } : {}) },
      required: false,
    },
  ],
  output: [
    { member: "bytes", location: "body", wireName: "bytes", type: { kind: "number" }, required: false },
  ],
  errors: [],
});

const table: OperationTable = {
  service: "Blobs",
  operations: [
    upload(),
    upload(true),
    {
      name: "GetObject",
      handlerName: "getObject",
      method: "GET",
      uri: "/objects/{id}",
      code: 200,
      input: [{ member: "id", location: "label", wireName: "id", type: { kind: "string" }, required: true }],
      output: [
        {
          member: "body",
          location: "payload",
          wireName: "body",
          type: { kind: "blob", streaming: true, mediaType: "text/plain" },
          required: false,
        },
      ],
      errors: [],
    },
  ],
  structures: {},
  errors: {},
};

async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
  return await new Response(stream).text();
}

const handlers = {
  async putObject(input: { body: ReadableStream<Uint8Array> }) {
    return { bytes: (await read(input.body)).length };
  },
  async uploadPart(input: { body: ReadableStream<Uint8Array> }) {
    return { bytes: (await read(input.body)).length };
  },
  async getObject(input: { id: string }) {
    return { body: Readable.from([Buffer.from(`object ${input.id}`)]) };
  },
};

const request = (
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): ProtocolRequest => ({
  method,
  path,
  query: {},
  headers,
  body: Buffer.alloc(0),
  ...(body === undefined ? {} : { bodyStream: new Response(body).body! }),
});

describe("the core with @streaming blobs", () => {
  const core = createProtocolHandler({ operations: table, handlers, onError: () => {} });

  it("says which requests stream their body (routed to a streaming input), and which do not", () => {
    const at = (path: string) => () => ({ path, query: {} });
    expect(core.streamsRequestBody("PUT", at("/objects/a"))).toBe(true);
    expect(core.streamsRequestBody("PUT", at("/parts/a"))).toBe(true);
    expect(core.streamsRequestBody("GET", at("/objects/a"))).toBe(false);
    expect(core.streamsRequestBody("PUT", at("/nowhere"))).toBe(false);
  });

  it("routes no request whose method no streaming input uses", () => {
    const asked: string[] = [];
    const target = (path: string) => () => {
      asked.push(path);
      return { path, query: {} };
    };
    expect(core.streamsRequestBody("POST", target("/objects/a"))).toBe(false);
    expect(core.streamsRequestBody("DELETE", target("/objects/a"))).toBe(false);
    expect(asked).toEqual([]);
    expect(core.streamsRequestBody("PUT", target("/objects/a"))).toBe(true);
    expect(asked).toEqual(["/objects/a"]);
  });

  it("hands the handler the body as a stream", async () => {
    const response = await core.handle(
      request(
        "PUT",
        "/objects/a",
        { "transfer-encoding": "chunked", "content-type": "application/x-anything" },
        "12345",
      ),
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString())).toEqual({ bytes: 5 });
  });

  it("answers 411 to a @requiresLength payload without Content-Length, before the handler", async () => {
    const response = await core.handle(
      request("PUT", "/parts/a", { "transfer-encoding": "chunked" }, "12345"),
    );
    expect(response.status).toBe(411);
    expect(response.headers["x-amzn-ErrorType"]).toBe("LengthRequiredException");
    const sized = await core.handle(request("PUT", "/parts/a", { "content-length": "5" }, "12345"));
    expect(JSON.parse(sized.body.toString())).toEqual({ bytes: 5 });
  });

  it("returns a streamed output as a stream, with the payload's media type and no Content-Length", async () => {
    const response = await core.handle(request("GET", "/objects/x1", {}));
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/plain");
    expect(response.headers["content-length"]).toBeUndefined();
    expect(response.body.length).toBe(0);
    const chunks: Buffer[] = [];
    for await (const chunk of response.stream as AsyncIterable<Buffer>) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe("object x1");
  });
});
