// Our codec against the AWS SDK's (@smithy/eventstream-codec, i.e. @smithy/core/event-streams):
// bundle size (esbuild, minified, gzip) and throughput in this process. Not a test: run it with
//   npm run measure -w @seqstore/eventstream [-- --quick]
// and read the numbers (the machine is shared, so compare within one run).
import { performance } from "node:perf_hooks";
import * as zlib from "node:zlib";
import { gzipSync } from "node:zlib";
import { Crc32Js } from "@smithy/core/checksum";
import { getChunkedStream } from "@smithy/core/event-streams";
import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { build } from "esbuild";
import { crc32Table } from "../src/crc32.js";
import {
  crc32,
  decodeMessage,
  decodeMessages,
  encodeMessage,
  type Message,
  MessageDecoder,
} from "../src/index.js";

const quick = process.argv.includes("--quick");
const budgetMs = quick ? 150 : 600;

async function bundleBytes(
  contents: string,
  platform: "browser" | "node",
): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents, resolveDir: new URL("..", import.meta.url).pathname, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform,
    write: false,
    treeShaking: true,
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array(0);
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/** Median rate of `run` (which processes `bytes` bytes) over repeated batches within the budget. */
function rate(run: () => void, bytes: number): { mbPerSecond: number; microsPerOp: number } {
  for (let i = 0; i < 50; i++) run();
  const samples: number[] = [];
  const deadline = performance.now() + budgetMs;
  while (performance.now() < deadline) {
    const start = performance.now();
    for (let i = 0; i < 20; i++) run();
    samples.push((performance.now() - start) / 20);
  }
  samples.sort((a, b) => a - b);
  const ms = samples[Math.floor(samples.length / 2)] as number;
  return { mbPerSecond: bytes / 1e6 / (ms / 1000), microsPerOp: ms * 1000 };
}

async function rateAsync(
  run: () => Promise<void>,
  bytes: number,
): Promise<{ mbPerSecond: number; microsPerOp: number }> {
  for (let i = 0; i < 20; i++) await run();
  const samples: number[] = [];
  const deadline = performance.now() + budgetMs;
  while (performance.now() < deadline) {
    const start = performance.now();
    for (let i = 0; i < 10; i++) await run();
    samples.push((performance.now() - start) / 10);
  }
  samples.sort((a, b) => a - b);
  const ms = samples[Math.floor(samples.length / 2)] as number;
  return { mbPerSecond: bytes / 1e6 / (ms / 1000), microsPerOp: ms * 1000 };
}

const smithy = new EventStreamCodec(toUtf8, fromUtf8);

function sample(bodyBytes: number): Message {
  return {
    headers: {
      ":message-type": { type: "string", value: "event" },
      ":event-type": { type: "string", value: "readSetPart" },
      ":content-type": { type: "string", value: "application/octet-stream" },
      partNumber: { type: "integer", value: 7 },
      sent: { type: "timestamp", value: new Date(1_700_000_000_000) },
    },
    body: new Uint8Array(bodyBytes).map((_, i) => i % 251),
  };
}

const lines: string[] = [];
const log = (line: string) => {
  lines.push(line);
  console.log(line);
};

log("## bundle size (esbuild --minify, gzip -9), encode + decode of one message");
const ours = await bundleBytes(
  'import { encodeMessage, decodeMessage } from "./src/index.ts"; export { encodeMessage, decodeMessage };',
  "browser",
);
const oursStreaming = await bundleBytes(
  'import { encodeMessage, decodeMessages, readEventStreamMessage } from "./src/index.ts"; export { encodeMessage, decodeMessages, readEventStreamMessage };',
  "browser",
);
const theirs = await bundleBytes(
  'import { EventStreamCodec } from "@smithy/eventstream-codec"; import { fromUtf8, toUtf8 } from "@smithy/util-utf8"; export const codec = new EventStreamCodec(toUtf8, fromUtf8);',
  "browser",
);
const theirsStreaming = await bundleBytes(
  'import { UniversalEventStreamMarshaller } from "@smithy/core/event-streams"; import { fromUtf8, toUtf8 } from "@smithy/util-utf8"; export const marshaller = new UniversalEventStreamMarshaller({ utf8Encoder: toUtf8, utf8Decoder: fromUtf8 });',
  "browser",
);
log(`ours (codec)                        ${ours.min} B min, ${ours.gzip} B gzip`);
log(`ours (codec + streaming + smithy)   ${oursStreaming.min} B min, ${oursStreaming.gzip} B gzip`);
log(`@smithy/eventstream-codec           ${theirs.min} B min, ${theirs.gzip} B gzip`);
log(`@smithy/core universal marshaller   ${theirsStreaming.min} B min, ${theirsStreaming.gzip} B gzip`);

log("\n## throughput in this process (median of batches)");
for (const bodyBytes of [64, 1024, 65_536, 1_048_576]) {
  const message = sample(bodyBytes);
  const smithyMessage = {
    headers: { ...message.headers, sent: { type: "timestamp" as const, value: new Date(1_700_000_000_000) } },
    body: message.body,
  };
  const encoded = encodeMessage(message);
  const size = encoded.length;
  const encodeOurs = rate(() => encodeMessage(message), size);
  const encodeTheirs = rate(() => smithy.encode(smithyMessage), size);
  const decodeOurs = rate(() => decodeMessage(encoded), size);
  const decodeTheirs = rate(() => smithy.decode(encoded), size);
  log(
    `${String(bodyBytes).padStart(8)} B body: encode ours ${encodeOurs.microsPerOp.toFixed(2)} us (${encodeOurs.mbPerSecond.toFixed(0)} MB/s) ` +
      `vs smithy ${encodeTheirs.microsPerOp.toFixed(2)} us (${encodeTheirs.mbPerSecond.toFixed(0)} MB/s); ` +
      `decode ours ${decodeOurs.microsPerOp.toFixed(2)} us (${decodeOurs.mbPerSecond.toFixed(0)} MB/s) ` +
      `vs smithy ${decodeTheirs.microsPerOp.toFixed(2)} us (${decodeTheirs.mbPerSecond.toFixed(0)} MB/s)`,
  );
}

log("\n## streaming decode: 64 messages of 1 KiB cut into 4 KiB chunks");
{
  const bytes = Buffer.concat(Array.from({ length: 64 }, () => encodeMessage(sample(1024))));
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += 4096) chunks.push(bytes.subarray(i, i + 4096));
  const decoder = () => {
    const d = new MessageDecoder();
    let count = 0;
    for (const chunk of chunks) d.write(chunk, () => count++);
    d.end();
  };
  const result = rate(decoder, bytes.length);
  log(`ours MessageDecoder (sync): ${(result.microsPerOp / 64).toFixed(2)} us per message`);
  async function* source() {
    yield* chunks;
  }
  const oursAsync = await rateAsync(async () => {
    for await (const _ of decodeMessages(source()));
  }, bytes.length);
  const theirsAsync = await rateAsync(async () => {
    for await (const message of getChunkedStream(source())) smithy.decode(message);
  }, bytes.length);
  log(
    `async iteration: ours decodeMessages ${(oursAsync.microsPerOp / 64).toFixed(2)} us per message, ` +
      `smithy getChunkedStream + decode ${(theirsAsync.microsPerOp / 64).toFixed(2)} us per message`,
  );
}

log("\n## CRC32");
for (const size of [12, 1024, 65_536, 1_048_576]) {
  const data = new Uint8Array(size).map((_, i) => (i * 31) % 256);
  const ours = rate(() => crc32(data), size);
  const slicing = rate(() => crc32Table(data), size);
  const table = rate(() => {
    const c = new Crc32Js();
    c.update(data);
    c.digestSync();
  }, size);
  const native = typeof zlib.crc32 === "function" ? rate(() => zlib.crc32(data), size) : undefined;
  log(
    `${String(size).padStart(8)} B: ours ${ours.mbPerSecond.toFixed(0)} MB/s (native from 64 B in Node), ` +
      `ours slicing-by-8 (browsers) ${slicing.mbPerSecond.toFixed(0)} MB/s, smithy's JS table (browsers) ${table.mbPerSecond.toFixed(0)} MB/s` +
      (native ? `, zlib.crc32 (smithy's choice in Node) ${native.mbPerSecond.toFixed(0)} MB/s` : ""),
  );
}
