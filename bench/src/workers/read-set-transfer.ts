// One 1 GiB read-set transfer against a server in its own process, for figures 16 and 17:
//   node --import tsx src/workers/read-set-transfer.ts <upload|download> <ours|raw> <fastq file> <dir>
// ours: bin/seqstore-server.js with SigV4 auth and its SQLite database and read-set files in <dir>;
// upload = UploadReadSetPart of every 100 MiB part (each fsynced before its answer), then
// CompleteMultipartReadSetUpload; the analysis that follows (read counts, MD5) is timed apart, until the
// read set is ACTIVE. download = GetReadSet of every part, from a server started afresh after the upload.
// raw: src/servers/file-pipe.ts, one PUT or GET of the whole file piped to or from a file in <dir>.
// The client is node:http piping the file (fs streams) either way. Prints one JSON line: MB/s, seconds,
// the server's CPU seconds and its peak RSS growth over the transfer (sampled from /proc every 10 ms).
// BENCH_SERVER_CPU_PROF=<dir>: the reference server writes a CPU profile there (node --cpu-prof).
import { createReadStream, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Writable } from "node:stream";
import { signRequest } from "@seqstore/sigv4";
import { startBenchServer } from "../figures/servers.js";
import { referenceServerHelp, sigV4Args, startReferenceServer } from "../figures/reference-server.js";
import { BENCH_CREDENTIALS, BENCH_REGION } from "../load/credentials.js";
import { processCpuNanos } from "../load/process-cpu.js";
import type { ServerProcess } from "../process/server-process.js";

const [direction = "", side = "", fileArg = "", dirArg = "", partArg] = process.argv.slice(2);
/** AWS's part limit, the size its guide splits uploads into (and the reference server's download part). */
const PART_BYTES = partArg === undefined ? 100 * 1024 * 1024 : Number(partArg);
if (
  !["upload", "download"].includes(direction) ||
  !["ours", "raw"].includes(side) ||
  !fileArg ||
  !dirArg ||
  !(Number.isSafeInteger(PART_BYTES) && PART_BYTES > 0)
) {
  throw new Error(
    "usage: read-set-transfer.ts <upload|download> <ours|raw> <fastq file> <directory> [upload part bytes]",
  );
}
// The servers run from the repository root.
const file = path.resolve(fileArg);
const dir = path.resolve(dirArg);
const size = statSync(file).size;
const PAGE_BYTES = 4096;

interface Reply {
  status: number;
  body: string;
}

/** One HTTP exchange: `body` sent (a stream is piped), the response piped into `sink` when 200, else kept. */
function exchange(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body?: string | NodeJS.ReadableStream,
  sink?: Writable,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const status = res.statusCode ?? 0;
      if (sink && status === 200) {
        res.pipe(sink);
        sink.on("finish", () => resolve({ status, body: "" }));
        res.on("error", reject);
        return;
      }
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (body === undefined || typeof body === "string") req.end(body);
    else body.pipe(req);
  });
}

/** Counts the bytes it is given and drops them. */
function counter(): Writable & { bytes: number } {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      sink.bytes += chunk.length;
      done();
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

function expectOk(reply: Reply, what: string): Reply {
  if (reply.status !== 200) throw new Error(`${what}: HTTP ${reply.status} ${reply.body.slice(0, 300)}`);
  return reply;
}

/** The reference server's API, signed as the AWS SDK signs it (streamed bodies: UNSIGNED-PAYLOAD). */
function referenceApi(base: string) {
  const credentials = { ...BENCH_CREDENTIALS, region: BENCH_REGION, service: "omics" };
  const signed = async (method: string, url: URL, headers: Record<string, string>, body?: string) =>
    signRequest(
      { method, url, headers: { ...headers, host: url.host }, ...(body !== undefined ? { body } : {}) },
      { ...credentials, unsignedPayload: body === undefined && method === "PUT" },
    );
  const json = async (method: string, path: string, body?: object): Promise<Record<string, unknown>> => {
    const url = new URL(path, base);
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers = await signed(
      method,
      url,
      text === undefined
        ? {}
        : { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) },
      text ?? "",
    );
    const reply = expectOk(await exchange(url, method, headers, text), `${method} ${path}`);
    return JSON.parse(reply.body) as Record<string, unknown>;
  };
  return {
    json,
    async uploadPart(storeId: string, uploadId: string, partNumber: number, start: number, end: number) {
      const url = new URL(
        `/sequencestore/${storeId}/upload/${uploadId}/part?partSource=SOURCE1&partNumber=${partNumber}`,
        base,
      );
      const headers = await signed("PUT", url, {
        "content-type": "application/octet-stream",
        "content-length": String(end - start),
      });
      const reply = expectOk(
        await exchange(url, "PUT", headers, createReadStream(file, { start, end: end - 1 })),
        `UploadReadSetPart ${partNumber}`,
      );
      return (JSON.parse(reply.body) as { checksum: string }).checksum;
    },
    async downloadPart(storeId: string, readSetId: string, partNumber: number, sink: Writable) {
      const url = new URL(
        `/sequencestore/${storeId}/readset/${readSetId}?file=SOURCE1&partNumber=${partNumber}`,
        base,
      );
      const headers = await signed("GET", url, {}, "");
      expectOk(await exchange(url, "GET", headers, undefined, sink), `GetReadSet ${partNumber}`);
    },
  };
}

type Api = ReturnType<typeof referenceApi>;

function partRanges(): { partNumber: number; start: number; end: number }[] {
  const ranges = [];
  for (let start = 0, partNumber = 1; start < size; start += PART_BYTES, partNumber++) {
    ranges.push({ partNumber, start, end: Math.min(start + PART_BYTES, size) });
  }
  return ranges;
}

/** Uploads the file as a read set; resolves once Complete answered, with the read set's id. */
async function uploadReadSet(api: Api, storeId: string): Promise<string> {
  const { uploadId } = (await api.json("POST", `/sequencestore/${storeId}/upload`, {
    sourceFileType: "FASTQ",
    subjectId: "bench",
    sampleId: "bench",
    name: "bench",
  })) as { uploadId: string };
  const parts = [];
  for (const range of partRanges()) {
    const checksum = await api.uploadPart(storeId, uploadId, range.partNumber, range.start, range.end);
    parts.push({ partNumber: range.partNumber, partSource: "SOURCE1", checksum });
  }
  const { readSetId } = (await api.json("POST", `/sequencestore/${storeId}/upload/${uploadId}/complete`, {
    parts,
  })) as { readSetId: string };
  return readSetId;
}

interface SourceFile {
  contentLength: number;
  totalParts: number;
}

/** Waits for the read set to be ACTIVE; returns its SOURCE1 as GetReadSetMetadata describes it. */
async function untilActive(api: Api, storeId: string, readSetId: string): Promise<SourceFile> {
  for (;;) {
    const metadata = await api.json("GET", `/sequencestore/${storeId}/readset/${readSetId}/metadata`);
    if (metadata.status === "ACTIVE") {
      const { source1 } = metadata.files as { source1: SourceFile };
      if (source1.contentLength !== size) throw new Error(`read set has ${source1.contentLength} bytes`);
      return source1;
    }
    if (metadata.status !== "PROCESSING_UPLOAD")
      throw new Error(`read set ended ${String(metadata.status)}: ${String(metadata.statusMessage)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Samples a process's resident set from /proc every 10 ms; `peak` and `stop` return the growth in MiB. */
function rssSampler(pid: number): { peak(): number; stop(): number } {
  const rss = () => Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE_BYTES;
  const before = rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, rss());
  }, 10);
  return {
    peak: () => (Math.max(peak, rss()) - before) / 1024 / 1024,
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, rss());
      return (peak - before) / 1024 / 1024;
    },
  };
}

/** Times a transfer; the server's CPU seconds (all threads) are what it spent on it, from /proc. */
async function timed(server: ServerProcess, transfer: () => Promise<void>) {
  const sampler = rssSampler(server.pid);
  const cpuBefore = processCpuNanos(server.pid);
  const start = performance.now();
  await transfer();
  const seconds = (performance.now() - start) / 1000;
  const cpuAfter = processCpuNanos(server.pid);
  const serverCpuSeconds =
    cpuBefore === undefined || cpuAfter === undefined ? Number.NaN : (cpuAfter - cpuBefore) / 1e9;
  return { seconds, serverCpuSeconds, sampler };
}

async function runOurs(): Promise<Record<string, number>> {
  const help = await referenceServerHelp();
  const { verifies, args } = sigV4Args(help, dir);
  if (!verifies) throw new Error("the reference server offers no SigV4 option");
  const serverArgs = [...args, "--data-dir", dir];
  const profileDir = process.env.BENCH_SERVER_CPU_PROF;
  const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  const start = () => startReferenceServer(help, dir, serverArgs, path.join(dir, "reference.db"), nodeArgs);
  let server = await start();
  try {
    let api = referenceApi(server.url);
    const { id: storeId } = (await api.json("POST", "/sequencestore", {
      name: "bench",
      eTagAlgorithmFamily: "MD5up",
    })) as { id: string };
    if (direction === "upload") {
      let readSetId = "";
      const { seconds, serverCpuSeconds, sampler } = await timed(server, async () => {
        readSetId = await uploadReadSet(api, storeId);
      });
      const transferPeakRssGrowthMiB = sampler.peak();
      const analysisStart = performance.now();
      await untilActive(api, storeId, readSetId);
      const activeSeconds = (performance.now() - analysisStart) / 1000;
      return {
        seconds,
        serverCpuSeconds,
        peakRssGrowthMiB: sampler.stop(),
        transferPeakRssGrowthMiB,
        activeSeconds,
      };
    }
    const readSetId = await uploadReadSet(api, storeId);
    const { totalParts } = await untilActive(api, storeId, readSetId);
    // A fresh server process, so its memory is not what the upload left behind.
    await server.stop();
    server = await start();
    api = referenceApi(server.url);
    await api.json("GET", `/sequencestore/${storeId}/readset/${readSetId}/metadata`);
    const sink = counter();
    const { seconds, serverCpuSeconds, sampler } = await timed(server, async () => {
      for (let partNumber = 1; partNumber <= totalParts; partNumber++) {
        const part = counter();
        await api.downloadPart(storeId, readSetId, partNumber, part);
        sink.bytes += part.bytes;
      }
    });
    if (sink.bytes !== size) throw new Error(`downloaded ${sink.bytes} bytes, not ${size}`);
    return { seconds, serverCpuSeconds, peakRssGrowthMiB: sampler.stop() };
  } finally {
    await server.stop();
  }
}

async function runRaw(): Promise<Record<string, number>> {
  const server = await startBenchServer("file-pipe", [dir]);
  try {
    const url = new URL("/files/bench", server.url);
    const put = () =>
      exchange(url, "PUT", { "content-length": String(size) }, createReadStream(file)).then((reply) =>
        expectOk(reply, "raw PUT"),
      );
    if (direction === "upload") {
      const { seconds, serverCpuSeconds, sampler } = await timed(server, async () => {
        await put();
      });
      if (statSync(path.join(dir, "bench")).size !== size)
        throw new Error("the raw server stored another size");
      return { seconds, serverCpuSeconds, peakRssGrowthMiB: sampler.stop() };
    }
    await put();
    const sink = counter();
    const { seconds, serverCpuSeconds, sampler } = await timed(server, async () => {
      expectOk(await exchange(url, "GET", {}, undefined, sink), "raw GET");
    });
    if (sink.bytes !== size) throw new Error(`downloaded ${sink.bytes} bytes, not ${size}`);
    return { seconds, serverCpuSeconds, peakRssGrowthMiB: sampler.stop() };
  } finally {
    await server.stop();
  }
}

// The directory is this round's alone: made here, removed with its gigabytes when the round ends.
mkdirSync(dir, { recursive: true });
let result: Record<string, number>;
try {
  result = side === "ours" ? await runOurs() : await runRaw();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify({ ...result, mbPerSecond: size / 1e6 / result.seconds! })}\n`);
