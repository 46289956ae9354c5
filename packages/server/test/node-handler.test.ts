// What the node:http adapter adds beyond the shared answers (see adapters-parity.test.ts): what handlers,
// authenticate and onError receive, and its option parsing.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type AdapterOptions, parseByteSize } from "../src/adapter-options.js";
import type { HandlerContext } from "../src/core/handle.js";
import type { ProtocolRequest } from "../src/core/protocol.js";
import type { OmicsHandlers } from "../src/generated/handlers.js";
import { createNodeHandler } from "../src/node/create-node-handler.js";
import { echoHandlers, SECRET } from "./fixtures/echo-handlers.js";
import { omicsService } from "../src/generated/service.js";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function start<Extra extends object>(
  handlers: OmicsHandlers<HandlerContext & Extra>,
  options: AdapterOptions<Extra>,
): Promise<string> {
  const s = createServer(createNodeHandler<typeof omicsService, Extra>(omicsService, handlers, options));
  server = s;
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

describe("createNodeHandler", () => {
  it("gives handlers the request ID it sends, authenticate's identity and the context option", async () => {
    const seen: unknown[] = [];
    const handlers = echoHandlers() as OmicsHandlers<HandlerContext & { region: string }>;
    const base = await start<{ region: string }>(
      {
        ...handlers,
        getSequenceStore: async (input, context) => {
          seen.push(context);
          return handlers.getSequenceStore(input, context);
        },
      },
      { authenticate: () => ({ accountId: "111122223333" }), context: () => ({ region: "eu-west-1" }) },
    );
    const response = await fetch(`${base}/sequencestore/1234567890`);
    expect(response.status).toBe(200);
    expect(seen).toEqual([
      {
        accountId: "111122223333",
        region: "eu-west-1",
        requestId: response.headers.get("x-amzn-requestid"),
        operationName: "GetSequenceStore",
      },
    ]);
  });

  it("hands authenticate the raw body bytes and the raw request-target", async () => {
    const seen: ProtocolRequest[] = [];
    const base = await start(echoHandlers(), {
      authenticate: (request) => {
        seen.push(request);
      },
    });
    const raw = '{"name":  "spaced"}';
    await fetch(`${base}/sequencestores?nextToken=a%2Fb&maxResults=2`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: raw,
    });
    expect(seen[0]?.body.toString("utf8")).toBe(raw);
    expect(seen[0]).toMatchObject({
      method: "POST",
      path: "/sequencestores",
      url: "/sequencestores?nextToken=a%2Fb&maxResults=2",
      query: { nextToken: "a/b", maxResults: "2" },
    });
  });

  it("reports an unexpected error with the request ID and operation it answered", async () => {
    const onError = vi.fn();
    const base = await start(echoHandlers(), { onError });
    const response = await fetch(`${base}/sequencestore`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "throw Error" }),
    });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain(SECRET);
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringContaining(SECRET) }),
      {
        requestId: response.headers.get("x-amzn-requestid"),
        operationName: "CreateSequenceStore",
      },
    );
  });

  it("writes a response at the end of the event-loop turn it became ready in, not before", async () => {
    const events: string[] = [];
    const handlers = echoHandlers();
    const listener = createNodeHandler(omicsService, {
      ...handlers,
      getSequenceStore: async (input, context) => {
        // Scheduled before the handler returns: it runs when this turn ends, ahead of any write held then.
        setImmediate(() => events.push("turn ended"));
        return handlers.getSequenceStore(input, context);
      },
    });
    const s = createServer((req, res) => {
      res.on("finish", () => events.push("response written"));
      listener(req, res);
    });
    server = s;
    await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
    const response = await fetch(
      `http://127.0.0.1:${(s.address() as AddressInfo).port}/sequencestore/1234567890`,
    );
    expect(response.status).toBe(200);
    expect(events).toEqual(["turn ended", "response written"]);
  });

  it("refuses a bad bodyLimit when created, not on a request", () => {
    expect(() => createNodeHandler(omicsService, echoHandlers(), { bodyLimit: "lots" })).toThrow(
      /Not a byte size/,
    );
  });
});

describe("parseByteSize reads limits as Express's body parser does", () => {
  it.each([
    [100, 100],
    ["100", 100],
    ["1kb", 1024],
    ["1mb", 1024 * 1024],
    ["1.5MB", 1.5 * 1024 * 1024],
    [" 2 gb ", 2 * 1024 ** 3],
  ] as const)("%j → %d", (limit, bytes) => {
    expect(parseByteSize(limit)).toBe(bytes);
  });

  it.each(["", "1 furlong", "-1mb"])("refuses %j", (limit) => {
    expect(() => parseByteSize(limit)).toThrow(/Not a byte size/);
  });
});
