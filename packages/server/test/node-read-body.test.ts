// The raw body reader both adapters use: its limit is inclusive (a body of exactly `limit` bytes is read),
// whether the size was announced (Content-Length) or only counted as chunks arrive.
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { BodyReadError, readBody } from "../src/node/read-body.js";

const LIMIT = 64;
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** Sends `chunks` (chunked unless `length` is given) to a server that reads the body with LIMIT. */
async function read(chunks: string[], chunked = true): Promise<{ bytes?: number; status?: number }> {
  const outcome = new Promise<{ bytes?: number; status?: number }>((resolve) => {
    server = createServer((req, res) => {
      readBody(req, LIMIT, 5_000).then(
        (body) => {
          resolve({ bytes: body.length });
          res.end();
        },
        (error: unknown) => {
          resolve({ status: error instanceof BodyReadError ? error.serviceError?.httpStatus : -1 });
          res.destroy();
        },
      );
    });
  });
  const s = server!;
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const req = request({
    host: "127.0.0.1",
    port: (s.address() as AddressInfo).port,
    method: "POST",
    headers: chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(total) },
  });
  req.on("error", () => {});
  for (const chunk of chunks) req.write(chunk);
  req.end();
  return outcome;
}

describe("readBody's limit", () => {
  const cases: [string, string[], boolean, { bytes?: number; status?: number }][] = [
    ["a chunked body of exactly the limit", ["x".repeat(40), "x".repeat(24)], true, { bytes: 64 }],
    ["a chunked body one byte over", ["x".repeat(40), "x".repeat(25)], true, { status: 413 }],
    ["a single chunk of exactly the limit", ["x".repeat(64)], true, { bytes: 64 }],
    ["a Content-Length body of exactly the limit", ["x".repeat(64)], false, { bytes: 64 }],
    ["a Content-Length body one byte over", ["x".repeat(65)], false, { status: 413 }],
  ];
  it.each(cases)("%s", async (_, chunks, chunked, expected) => {
    expect(await read(chunks, chunked)).toEqual(expected);
  });
});
