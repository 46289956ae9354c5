import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import type { CreateSequenceStoreRequest } from "@seqstore/types";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import type { HandlerContext } from "../src/core/handle.js";
import { createRouter, type RouterOptions } from "../src/express/create-router.js";
import { type ResponseInfo, responseInfo } from "../src/express/response-info.js";
import type { OmicsHandlers } from "../src/generated/handlers.js";
import { omicsService } from "../src/generated/service.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Only createSequenceStore is called here; the other operations are never routed to.
const handlers = {
  createSequenceStore: async (input: CreateSequenceStoreRequest) => ({
    id: "1234567890",
    arn: "arn:aws:omics:us-east-1:123456789012:sequenceStore/1234567890",
    name: input.name,
    creationTime: new Date(0),
  }),
} as unknown as OmicsHandlers<HandlerContext>;

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** Starts the router on a free port; `seen` receives each finished response's info. */
async function listen(options: RouterOptions, seen: ResponseInfo[] = []): Promise<number> {
  const app = express();
  app.use((_req, res, next) => {
    res.once("finish", () => seen.push(responseInfo(res)));
    next();
  });
  app.use(createRouter(omicsService, handlers, options));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return (server.address() as AddressInfo).port;
}

/** Sends raw bytes and collects everything the server writes until it closes the connection. */
function exchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString();
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(received));
  });
}

const partialRequest =
  "POST /sequencestore HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\n" +
  'content-length: 100\r\n\r\n{"name":';

describe("body timeout", () => {
  it("answers 408 RequestTimeoutException and closes the connection when the body stalls", async () => {
    const seen: ResponseInfo[] = [];
    const port = await listen({ bodyTimeoutMs: 50 }, seen);
    // Resolving at all proves the server closed the connection: the client never does.
    const received = await exchange(port, partialRequest);
    const [head = "", body] = received.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 408 /);
    expect(head.toLowerCase()).toContain("x-amzn-errortype: requesttimeoutexception");
    expect(head.toLowerCase()).toContain("connection: close");
    expect(head.toLowerCase()).toContain("content-type: application/json");
    expect(JSON.parse(body ?? "")).toEqual({ message: expect.stringContaining("not received in time") });
    expect(seen).toEqual([{ requestId: expect.stringMatching(UUID) }]);
  });

  it("does not interfere with a body that arrives in time", async () => {
    const seen: ResponseInfo[] = [];
    const port = await listen({ bodyTimeoutMs: 10_000 }, seen);
    const body = JSON.stringify({ name: "on time" });
    const received = await exchange(
      port,
      "POST /sequencestore HTTP/1.1\r\nHost: localhost\r\nconnection: close\r\n" +
        `content-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
    );
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(seen).toEqual([{ requestId: expect.stringMatching(UUID), operationName: "CreateSequenceStore" }]);
  });

  it("records what authenticate returned for access logs", async () => {
    const seen: ResponseInfo[] = [];
    const port = await listen({ authenticate: () => ({ accountId: "111122223333" }) }, seen);
    await fetch(`http://127.0.0.1:${port}/sequencestore`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(seen).toEqual([
      {
        requestId: expect.stringMatching(UUID),
        operationName: "CreateSequenceStore",
        identity: { accountId: "111122223333" },
      },
    ]);
  });
});
