// Body limits and slow clients against a real server process: oversize bodies are refused before they are
// read, trickling bodies and headers are cut off with AWS-shaped 408s, and idle sockets neither starve
// other clients nor stay open forever.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpTimeouts, KEEP_ALIVE_TIMEOUT_MS } from "../../src/http/server-timeouts.js";
import { startServer } from "../../src/server.js";
import { type ServerProcess, startServerProcess } from "../e2e/server-process.js";
import {
  delay,
  errorShapeProblems,
  HEAVY_TEST_TIMEOUT_MS,
  parseRawResponse,
  rawSocket,
  runPool,
  SOAK,
  SignedClient,
} from "./harness.js";

const BODY_TIMEOUT_MS = 600;
const HEADERS_TIMEOUT_MS = 1_000;
const MAX_BODY_BYTES = 4_096;
const IDLE_SOCKETS = SOAK ? 1_000 : 200;

let server: ServerProcess;
let client: SignedClient;

beforeAll(async () => {
  server = await startServerProcess([
    "--port=0",
    "--db=:memory:",
    "--log-level=error",
    "--max-stores=100000",
    `--body-timeout-ms=${BODY_TIMEOUT_MS}`,
    `--headers-timeout-ms=${HEADERS_TIMEOUT_MS}`,
    `--max-body-bytes=${MAX_BODY_BYTES}`,
  ]);
  client = new SignedClient(server.url, server.credentials, 8);
});

afterAll(async () => {
  client?.close();
  expect(server.child.exitCode).toBeNull();
  expect(await server.stop()).toBe(0);
});

/** Waits (bounded) until `ready()` holds; the bound only stops a broken server from hanging the test. */
async function eventually(ready: () => boolean, boundMs = 15_000): Promise<void> {
  const until = Date.now() + boundMs;
  while (!ready() && Date.now() < until) await delay(20);
}

function expectAwsError(text: string, status: number, type: string): void {
  const reply = parseRawResponse(text);
  expect(reply, `a complete HTTP answer, got ${JSON.stringify(text.slice(0, 200))}`).toBeDefined();
  expect(reply!.status).toBe(status);
  expect(reply!.headers["x-amzn-errortype"]).toBe(type);
  expect(errorShapeProblems(reply!)).toEqual([]);
}

describe("body limit", () => {
  it("refuses an announced 50 MB body with 413 before reading it", async () => {
    const { socket, received, closed } = await rawSocket(server.url);
    socket.write(
      "POST /sequencestore HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n" +
        'content-length: 50000000\r\n\r\n{"name":"',
    );
    // Only the first bytes were sent: the answer must not wait for the rest.
    await eventually(() => parseRawResponse(received()) !== undefined);
    expectAwsError(received(), 413, "RequestEntityTooLargeException");
    socket.destroy();
    await closed;
  });

  // The stub's body parser reads a chunked body to its end before it answers (see the report on
  // packages/server), so this one ends; only announced lengths are refused before reading.
  it("refuses a chunked body over the limit", async () => {
    const { socket, received, closed } = await rawSocket(server.url);
    socket.write(
      "POST /sequencestore HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
    );
    const chunk = "a".repeat(1_024);
    for (let i = 0; i < 8 && parseRawResponse(received()) === undefined; i++) {
      socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    }
    socket.write("0\r\n\r\n");
    await eventually(() => parseRawResponse(received()) !== undefined);
    expectAwsError(received(), 413, "RequestEntityTooLargeException");
    socket.destroy();
    await closed;
  });

  it("still accepts a body just under the limit", async () => {
    const body = JSON.stringify({ name: "fits", description: "d".repeat(200) });
    const reply = await client.send({ method: "POST", path: "/sequencestore", body });
    expect(reply.status, reply.body).toBe(200);
  });
});

describe("slow clients", () => {
  it("cuts off a trickling body with 408 RequestTimeoutException and closes the connection", async () => {
    const { socket, received, closed } = await rawSocket(server.url);
    socket.write(
      "POST /sequencestore HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 64\r\n\r\n{",
    );
    let open = true;
    void closed.then(() => {
      open = false;
    });
    // One byte every 100 ms: 64 bytes would take 6 s, ten times the body timeout.
    while (open && parseRawResponse(received()) === undefined) {
      socket.write(" ");
      await delay(100);
    }
    expectAwsError(received(), 408, "RequestTimeoutException");
    expect(parseRawResponse(received())!.headers.connection).toBe("close");
    await closed;
  });

  it("cuts off trickling headers (slowloris) with an AWS-shaped 408", async () => {
    const { socket, received, closed } = await rawSocket(server.url);
    socket.write("POST /sequencestore HTTP/1.1\r\nHost: x\r\n");
    let open = true;
    void closed.then(() => {
      open = false;
    });
    for (let i = 0; open && i < 200; i++) {
      socket.write(`x-slow-${i}: y\r\n`);
      await delay(100);
    }
    await closed;
    expectAwsError(received(), 408, "RequestTimeoutException");
  });

  it(
    `keeps answering while ${IDLE_SOCKETS} idle sockets are open, then closes them`,
    async () => {
      const idle = await Promise.all(Array.from({ length: IDLE_SOCKETS }, () => rawSocket(server.url)));
      let closedCount = 0;
      for (const { closed } of idle) void closed.then(() => closedCount++);
      // Others are served while the idle sockets are held open.
      const statuses: number[] = [];
      await runPool(40, 8, async (i) => {
        const reply = await client.send({
          method: "POST",
          path: "/sequencestore",
          body: JSON.stringify({ name: `busy ${i}` }),
        });
        statuses.push(reply.status);
      });
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      // Idle sockets that never send a request are dropped after the headers timeout.
      await eventually(() => closedCount === IDLE_SOCKETS);
      expect(closedCount).toBe(IDLE_SOCKETS);
      // …each with an AWS-shaped 408 rather than a silent hang-up.
      const answers = new Set(
        idle.map(({ received }) => parseRawResponse(received())?.headers["x-amzn-errortype"]),
      );
      expect(answers).toEqual(new Set(["RequestTimeoutException"]));
      const fresh = await client.send({ method: "GET", path: "/sequencestore/1234567890" });
      expect(fresh.status).toBe(404);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});

describe("HTTP server timeouts", () => {
  it.each([
    { headersTimeoutMs: 10_000, bodyTimeoutMs: 10_000, requestTimeout: 25_000, interval: 1_000 },
    { headersTimeoutMs: 1_000, bodyTimeoutMs: 600, requestTimeout: 6_600, interval: 250 },
    { headersTimeoutMs: 10, bodyTimeoutMs: 0, requestTimeout: 0, interval: 10 },
  ])("headers $headersTimeoutMs ms, body $bodyTimeoutMs ms → request timeout $requestTimeout ms", (row) => {
    const timeouts = httpTimeouts(row);
    expect(timeouts).toEqual({
      headersTimeout: row.headersTimeoutMs,
      requestTimeout: row.requestTimeout,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      connectionsCheckingInterval: row.interval,
      maxHeaderSize: 16_384,
    });
    // Node's own bare 408 must come after the AWS-shaped body timeout.
    if (timeouts.requestTimeout > 0) {
      expect(timeouts.requestTimeout).toBeGreaterThan(row.headersTimeoutMs + row.bodyTimeoutMs);
    }
  });

  it("are applied to the server a start creates", async () => {
    const running = await startServer({
      host: "127.0.0.1",
      port: 0,
      db: ":memory:",
      region: "us-east-1",
      accountId: "123456789012",
      maxStores: 1,
      auth: "none",
      logLevel: "silent",
      headersTimeoutMs: 2_000,
      bodyTimeoutMs: 3_000,
    });
    try {
      expect(running.server.headersTimeout).toBe(2_000);
      expect(running.server.requestTimeout).toBe(10_000);
      expect(running.server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    } finally {
      await running.close();
    }
  });
});
