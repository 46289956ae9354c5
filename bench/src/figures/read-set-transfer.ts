// Figures 16 and 17: a 1 GiB FASTQ uploaded to (16) and downloaded from (17) the reference server as a
// read set — UploadReadSetPart / GetReadSet in 100 MiB parts, SigV4, part files fsynced, the analysis
// after Complete — against a raw node:http server piping the same file to and from the same disk. Each
// round is one fresh worker process with a fresh server (src/workers/read-set-transfer.ts); rounds are
// interleaved. The FASTQ is made once per figure by the reference server's synthetic generator.
import { execFile } from "node:child_process";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import { benchFile, repoFile } from "../paths.js";
import { runForJson, tsxArgs } from "../process/child.js";
import { median } from "../stats.js";
import type { Figure } from "./figure.js";
import { interleaved } from "./figure.js";

const GIB = 1024 ** 3;
/** The server's peak RSS growth our side may show (issue 20). */
const RSS_BUDGET_MIB = 64;
/** The share of the raw pipe's throughput our side must reach (issue 20). */
const TARGET_RATIO = 0.7;

export interface ReadSetTransfer {
  mbPerSecond: number;
  seconds: number;
  peakRssGrowthMiB: number;
  /** CPU seconds the server process spent on the transfer (all threads). */
  serverCpuSeconds: number;
  /** Upload, ours: the peak RSS growth until Complete answered (peakRssGrowthMiB runs through the analysis). */
  transferPeakRssGrowthMiB?: number;
  /** Upload, ours: seconds from Complete's answer until the read set was ACTIVE (the analysis). */
  activeSeconds?: number;
}

/**
 * Untimed, between rounds: removes a round's files and has the kernel write every dirty page out (`sync`),
 * so no side's write-back (the raw pipe writes without fsync) is left to land on the next round's disk.
 */
export async function settleDisk(dir?: string): Promise<void> {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  await promisify(execFile)("sync", [], { timeout: 120_000 });
}

/** Writes a synthetic FASTQ of about `bytes` bytes to `file`, without holding it in memory. */
export async function writeSyntheticFastq(file: string, bytes: number): Promise<void> {
  const module = pathToFileURL(repoFile("apps/reference-server/test/support/synthetic-fastq.ts")).href;
  const { syntheticFastqOfSize } = (await import(module)) as {
    syntheticFastqOfSize: (bytes: number) => { stream(): NodeJS.ReadableStream };
  };
  await pipeline(syntheticFastqOfSize(bytes).stream(), createWriteStream(file));
}

/** One round in a worker process of its own; `partBytes`: the upload's part size (default 100 MiB). */
export function readSetTransfer(
  direction: "upload" | "download",
  side: "ours" | "raw",
  file: string,
  dir: string,
  partBytes?: number,
): Promise<ReadSetTransfer> {
  const args = [direction, side, file, dir, ...(partBytes === undefined ? [] : [String(partBytes)])];
  return runForJson(process.execPath, tsxArgs(benchFile("src/workers/read-set-transfer.ts"), args), {
    what: `${side} read-set ${direction} worker`,
    timeoutMs: 600_000,
  }) as Promise<ReadSetTransfer>;
}

export function readSetTransferFigure(number: number, direction: "upload" | "download"): Figure {
  const ours =
    direction === "upload"
      ? "bin/seqstore-server.js (SigV4 verified, SQLite, read-set files in the scratch directory) takes UploadReadSetPart of each 100 MiB part in turn (streamed to a temporary file, SHA-256 on the way, fsynced, renamed, directory fsynced, recorded in SQLite before the answer), then CompleteMultipartReadSetUpload; timed until Complete answers. The analysis that follows (FASTQ read and base counts, MD5 ETag) is timed apart until the read set is ACTIVE, and the RSS sampling runs through it"
      : "the read set uploaded and ACTIVE, the server restarted (so its memory is not the upload's); GetReadSet of each 100 MiB part in turn, SigV4 verified, streamed from the part files";
  const raw =
    direction === "upload"
      ? "a node:http server (src/servers/file-pipe.ts) piping one PUT of the whole file into a file (no fsync, no hashing, no auth)"
      : "a node:http server piping the file (written by a PUT just before) into the response of one GET";
  return {
    number,
    id: `read-set-${direction}`,
    title: `1 GiB FASTQ read-set ${direction}: reference server vs raw node:http pipe to a file`,
    measures: `MB/s of one 1 GiB FASTQ ${direction} over 127.0.0.1 with a fresh server process per round; the client is node:http piping the file with fs streams on both sides, in its own process. Ours: ${ours}. Baseline: ${raw}. The server's peak RSS growth (from /proc every 10 ms, from just before the transfer) must stay within ${RSS_BUDGET_MIB} MiB on our side.`,
    unit: "MB/s",
    better: "higher",
    target: { kind: "ratio", op: ">=", value: TARGET_RATIO, text: `≥ ${TARGET_RATIO.toFixed(2)}×` },
    async run(context) {
      const rounds = context.options.quick ? 1 : context.options.rounds;
      const file = path.join(context.scratchDir, "synthetic.fq");
      context.log("writing a 1 GiB synthetic FASTQ");
      await writeSyntheticFastq(file, GIB);
      await settleDisk();
      let round = 0;
      const settled = async (side: "ours" | "raw") => {
        const dir = path.join(context.scratchDir, `${side}-${round++}`);
        const transfer = await readSetTransfer(direction, side, file, dir);
        await settleDisk(dir);
        return transfer;
      };
      const result = await interleaved(
        rounds,
        () => settled("ours"),
        () => settled("raw"),
      );
      const peaks = (runs: ReadSetTransfer[]) => runs.map((r) => Math.round(r.peakRssGrowthMiB * 10) / 10);
      const oursPeak = Math.max(...peaks(result.ours));
      const mbps = (runs: ReadSetTransfer[]) => runs.map((r) => r.mbPerSecond.toFixed(0)).join(", ");
      context.log(`${direction}: ours ${mbps(result.ours)} MB/s, raw ${mbps(result.baseline)} MB/s`);
      const cpu = (runs: ReadSetTransfer[]) => median(runs.map((r) => r.serverCpuSeconds)).toFixed(2);
      const notes = [
        "Between rounds, untimed, the round's files are removed and `sync` writes every dirty page out, so the raw pipe's unsynced GiB is not written back during the next round.",
        `Server peak RSS growth: ours ${oursPeak} MiB, raw pipe ${Math.max(...peaks(result.baseline))} MiB (max over rounds); median seconds ours ${median(result.ours.map((r) => r.seconds)).toFixed(2)}, raw ${median(result.baseline.map((r) => r.seconds)).toFixed(2)}; server CPU seconds for the GiB (all threads, median) ours ${cpu(result.ours)}, raw ${cpu(result.baseline)}.`,
      ];
      const active = result.ours.flatMap((r) => (r.activeSeconds === undefined ? [] : [r.activeSeconds]));
      if (active.length > 0) {
        notes.push(
          `After Complete, the read set was ACTIVE in ${median(active).toFixed(2)} s (median): one more pass over the 1 GiB (FASTQ record parsing, MD5). Upload and analysis together: ${(GIB / 1e6 / (median(result.ours.map((r) => r.seconds)) + median(active))).toFixed(0)} MB/s.`,
        );
      }
      return {
        status: "measured",
        ours: {
          label: `seqstore-server read set (${direction}, 100 MiB parts)`,
          rounds: result.ours.map((r) => r.mbPerSecond),
          details: {
            peakRssGrowthMiB: peaks(result.ours),
            serverCpuSeconds: result.ours.map((r) => r.serverCpuSeconds),
            ...(active.length > 0 ? { activeSeconds: active } : {}),
          },
        },
        baseline: {
          label: `raw node:http pipe to a file (${direction})`,
          rounds: result.baseline.map((r) => r.mbPerSecond),
          details: {
            peakRssGrowthMiB: peaks(result.baseline),
            serverCpuSeconds: result.baseline.map((r) => r.serverCpuSeconds),
          },
        },
        checks: [
          {
            name: "server peak RSS growth, ours (MiB)",
            value: oursPeak,
            limit: `≤ ${RSS_BUDGET_MIB}`,
            pass: oursPeak <= RSS_BUDGET_MIB,
          },
        ],
        notes,
      };
    },
  };
}
