// A signed event stream over real HTTP, streamed both ways without buffering: the client sends events
// signed as they are produced (createEventSigningStream), a node:http server verifies each envelope
// on arrival (verifyStreamingRequest + verifiedBody) and decodes the events inside. 96 MiB of events
// go through while the memory in use stays far below that.
import { once } from "node:events";
import { type IncomingMessage, request } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  decodeMessages,
  encodeMessages,
  eventMessage,
  type Message,
  readEventStreamMessage,
} from "@seqstore/eventstream";
import { describe, expect, it } from "vitest";
import { createEventSigningStream, STREAMING_EVENTS_PAYLOAD, seedSignature } from "../src/event-stream.js";
import { signRequest } from "../src/index.js";
import { verifiedBody, verifyStreamingRequest } from "../src/verify/index.js";
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY, singleKeyVerifyOptions } from "./oracle.js";
import { localServer } from "./local-server.js";

const EVENTS = 96;
const EVENT_BYTES = 1024 * 1024;
const credentials = {
  accessKeyId: ACCESS_KEY_ID,
  secretAccessKey: SECRET_ACCESS_KEY,
  region: "us-east-1",
  service: "omics",
};

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const results: { events: number; bytes: number; error?: string }[] = [];

const { port } = localServer(async (request, response) => {
  const url = request.url ?? "/";
  const verification = verifyStreamingRequest(
    { method: request.method ?? "POST", path: url, query: "", headers: request.headers },
    singleKeyVerifyOptions({ now: undefined }),
  );
  if (!verification.ok) {
    request.resume();
    response.writeHead(verification.httpStatus, { "x-amzn-ErrorType": verification.errorType }).end();
    return;
  }
  let events = 0;
  let bytes = 0;
  try {
    for await (const message of decodeMessages(verifiedBody(request, verification))) {
      const event = readEventStreamMessage(message);
      if (event.kind !== "event") throw new Error(`unexpected ${event.kind}`);
      events++;
      bytes += event.body.length;
    }
    results.push({ events, bytes });
    response.writeHead(200).end();
  } catch (error) {
    results.push({ events, bytes, error: (error as Error).message });
    // Refused mid-stream: answer, then drop the connection instead of reading the rest.
    response.writeHead(400, { connection: "close" }).end(() => request.destroy());
  }
});

/** Events produced on demand: the next one is built only when the signing stream pulls it. */
async function* produce(count: number): AsyncGenerator<Message> {
  for (let n = 0; n < count; n++) {
    yield eventMessage("part", {
      body: new Uint8Array(EVENT_BYTES).fill(n % 256),
      contentType: "application/octet-stream",
    });
  }
}

/**
 * Sends the signed stream with node:http. Not fetch: Node 20's fetch (undici 6) keeps every chunk of
 * a streamed request body until the request completes (nodejs/undici#4058), so a 96 MiB upload holds
 * 96 MiB whatever the body's producer does.
 */
async function send(seedFor: (authorization: string) => string): Promise<number> {
  const url = `http://127.0.0.1:${port()}/stream`;
  const headers = await signRequest(
    {
      method: "POST",
      url,
      headers: {
        "content-type": "application/vnd.amazon.eventstream",
        "x-amz-content-sha256": STREAMING_EVENTS_PAYLOAD,
      },
    },
    credentials,
  );
  const body = encodeMessages(produce(EVENTS)).pipeThrough(
    createEventSigningStream({ ...credentials, seedSignature: seedFor(headers.authorization as string) }),
  );
  const outgoing = request(url, { method: "POST", headers });
  const response = once(outgoing, "response") as Promise<[IncomingMessage]>;
  await pipeline(
    Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>),
    outgoing,
  ).catch(() => {});
  const [incoming] = await response;
  incoming.resume();
  return incoming.statusCode ?? 0;
}

describe("a signed event stream over HTTP", () => {
  it("arrives verified and whole, while the memory in use stays far below the bytes sent", async () => {
    // Live memory, sampled after a full collection: what is still referenced, not garbage awaiting GC.
    const live = () => {
      collectGarbage();
      const usage = process.memoryUsage();
      return usage.heapUsed + usage.arrayBuffers;
    };
    const before = live();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, live());
    }, 100);
    const status = await send(seedSignature);
    clearInterval(sampler);
    expect(status).toBe(200);
    expect(results.at(-1)).toEqual({ events: EVENTS, bytes: EVENTS * EVENT_BYTES });
    // Buffering on either side would hold the whole 96 MiB at once (twice, counting the envelopes);
    // what is in flight is a few 1 MiB events in their stages (event, encoded, envelope, reassembly).
    console.log(
      `96 MiB of signed events: peak live memory growth ${((peak - before) / 1048576).toFixed(1)} MiB`,
    );
    expect(peak - before).toBeLessThan(48 * 1024 * 1024);
  }, 120_000);

  it("is refused at the first event when the chain is not seeded by the request's signature", async () => {
    expect(await send(() => "0".repeat(64))).toBe(400);
    expect(results.at(-1)).toMatchObject({
      events: 0,
      error: expect.stringMatching(/signature of event 1 does not match/),
    });
  });
});
