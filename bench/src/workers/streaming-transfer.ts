// One streaming transfer in a process of its own, client and server both in it, measured for
// throughput and peak RSS growth:
//   node --import tsx src/workers/streaming-transfer.ts <upload|download> <ours|raw> <bytes>
// ours: the generated client of the streaming fixture service (packages/protocol-tests/test/fixtures/
// streaming) → the node:http server stub → a handler that discards the stream (upload), or a handler
// that returns the stream → the client, which discards it (download). raw: node:http and `pipe` only,
// the same bytes made the same way. Prints one JSON line.
import { once } from "node:events";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { Readable, Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { createNodeHandler, type ServiceDefinition } from "@seqstore/server";
import { repoFile } from "../paths.js";

const [direction = "", side = "", bytesText = ""] = process.argv.slice(2);
const total = Number(bytesText);
if (!["upload", "download"].includes(direction) || !["ours", "raw"].includes(side) || !(total > 0)) {
  throw new Error("usage: streaming-transfer.ts <upload|download> <ours|raw> <bytes>");
}

const CHUNK = 64 * 1024;

/** `size` bytes made on the fly, 64 KiB at a time (one shared chunk: no allocation per chunk). */
function generated(size: number): Readable {
  const piece = Buffer.alloc(CHUNK, 0x61);
  let left = size;
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(CHUNK, left);
      left -= n;
      this.push(n === CHUNK ? piece : piece.subarray(0, n));
    },
  });
}

/** A sink that counts what it is given. */
function discard(counter: { bytes: number }): Writable {
  return new Writable({
    highWaterMark: CHUNK,
    write(chunk: Buffer, _encoding, done) {
      counter.bytes += chunk.length;
      done();
    },
  });
}

/** Reads a web stream to its end, counting its bytes. */
async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  const reader = stream.getReader();
  let bytes = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) bytes += next.value.byteLength;
  return bytes;
}

async function listen(server: Server): Promise<number> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return (server.address() as AddressInfo).port;
}

/** Sets up the side's server and returns the transfer to time, which resolves to the bytes received. */
async function prepareOurs(): Promise<{ transfer: () => Promise<number>; server: Server }> {
  const fixtureModule = pathToFileURL(repoFile("packages/protocol-tests/src/streaming-fixture.ts")).href;
  const { loadStreamingFixture } = (await import(fixtureModule)) as {
    loadStreamingFixture: () => Promise<{ client: Record<string, unknown>; service: unknown }>;
  };
  const fixture = await loadStreamingFixture();
  let received = 0;
  const handlers = {
    async putObject(input: { body: ReadableStream<Uint8Array> }) {
      received = await drain(input.body);
      return { bytes: received };
    },
    async getObject(input: { size?: number }) {
      return { size: input.size, body: generated(Number(input.size)) };
    },
    async uploadPart() {
      throw new Error("not used");
    },
    async echoObject() {
      throw new Error("not used");
    },
  };
  const server = createServer(createNodeHandler(fixture.service as ServiceDefinition, handlers as never));
  const port = await listen(server);
  type Send = (operation: unknown, input: object) => Promise<Record<string, unknown>>;
  const create = fixture.client.createBlobsSendClient as (options: object) => { send: Send };
  const client = create({ baseUrl: `http://127.0.0.1:${port}` });
  const transfer =
    direction === "upload"
      ? async () => {
          await client.send(fixture.client.PutObject, { key: "bench", body: generated(total) });
          return received;
        }
      : async () => {
          const output = await client.send(fixture.client.GetObject, { key: "bench", size: total });
          const body = output.body as { transformToWebStream(): ReadableStream<Uint8Array> };
          return await drain(body.transformToWebStream());
        };
  return { transfer, server };
}

async function prepareRaw(): Promise<{ transfer: () => Promise<number>; server: Server }> {
  const counter = { bytes: 0 };
  const server = createServer((req, res) => {
    if (direction === "upload") {
      req.pipe(discard(counter)).on("finish", () => res.end());
    } else {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      generated(total).pipe(res);
    }
  });
  const port = await listen(server);
  const transfer = () =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port, method: direction === "upload" ? "PUT" : "GET", path: "/bench" },
        (res) => {
          if (direction === "upload") {
            res.resume();
            res.on("end", () => resolve(counter.bytes));
          } else {
            const sink = { bytes: 0 };
            res.pipe(discard(sink)).on("finish", () => resolve(sink.bytes));
          }
        },
      );
      req.on("error", reject);
      if (direction === "upload") generated(total).pipe(req);
      else req.end();
    });
  return { transfer, server };
}

const { transfer, server } = side === "ours" ? await prepareOurs() : await prepareRaw();
// No warm-up: at a gigabyte, JIT and connection set-up are noise; RSS is measured from here.
globalThis.gc?.();
const rssBefore = process.memoryUsage.rss();
let peak = rssBefore;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 10);
const start = performance.now();
const bytes = await transfer();
const seconds = (performance.now() - start) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage.rss());
server.closeAllConnections();
server.close();
if (bytes !== total) throw new Error(`${side} ${direction}: received ${bytes} bytes, not ${total}`);
process.stdout.write(
  `${JSON.stringify({
    mbPerSecond: bytes / 1e6 / seconds,
    seconds,
    peakRssGrowthMiB: (peak - rssBefore) / 1024 / 1024,
    rssBeforeMiB: rssBefore / 1024 / 1024,
  })}\n`,
);
