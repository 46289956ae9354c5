// Compressed request bodies: which Content-Encodings the adapters read, and what the core undoes.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeContent, readableEncoding } from "../src/core/content-encoding.js";
import type { ProtocolRequest } from "../src/core/protocol.js";

const request = (encoding: string | undefined, body: Buffer): ProtocolRequest => ({
  method: "POST",
  path: "/",
  query: {},
  headers: encoding === undefined ? {} : { "content-encoding": encoding },
  body,
});

describe("readableEncoding", () => {
  it.each<[string | undefined, boolean]>([
    [undefined, true],
    ["identity", true],
    ["gzip", true],
    ["GZIP", true],
    ["custom, gzip", true],
    ["gzip, gzip", true],
    ["br", false],
    ["gzip, br", false],
    ["deflate", false],
  ])("%j → %s", (header, readable) => {
    expect(readableEncoding(header)).toBe(readable);
  });
});

describe("decodeContent", () => {
  it("inflates gzip and drops it from the header", () => {
    const decoded = decodeContent(request("gzip", gzipSync("hello")), 1024);
    expect(decoded.body.toString()).toBe("hello");
    expect(decoded.headers["content-encoding"]).toBeUndefined();
  });

  it("leaves a client's own coding before gzip in the header, for the member bound to it", () => {
    const decoded = decodeContent(request("custom, gzip", gzipSync("data")), 1024);
    expect(decoded.body.toString()).toBe("data");
    expect(decoded.headers["content-encoding"]).toBe("custom");
  });

  it("undoes gzip applied twice", () => {
    const decoded = decodeContent(request("gzip, gzip", gzipSync(gzipSync("twice"))), 1024);
    expect(decoded.body.toString()).toBe("twice");
  });

  it("leaves an empty body empty and a request without the header as it is", () => {
    expect(decodeContent(request("gzip", Buffer.alloc(0)), 1024).body.length).toBe(0);
    const plain = request(undefined, Buffer.from("x"));
    expect(decodeContent(plain, 1024)).toBe(plain);
  });

  it("refuses bodies that inflate past the limit (413) and bytes that are not gzip (400)", () => {
    expect(() => decodeContent(request("gzip", gzipSync("x".repeat(2048))), 1024)).toThrow(
      expect.objectContaining({ name: "RequestEntityTooLargeException", httpStatus: 413 }),
    );
    expect(() => decodeContent(request("gzip", Buffer.from("plain")), 1024)).toThrow(
      expect.objectContaining({ name: "SerializationException", httpStatus: 400 }),
    );
  });
});
