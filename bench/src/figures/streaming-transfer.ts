// Figures 14 and 15: a 1 GiB streaming blob through our client and node:http server stub against a raw
// node:http `pipe` of the same bytes, each side in a fresh process (src/workers/streaming-transfer.ts)
// so that its peak RSS growth is its own; rounds interleaved.
import { benchFile } from "../paths.js";
import { runForJson, tsxArgs } from "../process/child.js";
import { median } from "../stats.js";
import type { Figure } from "./figure.js";
import { interleaved } from "./figure.js";

const GIB = 1024 ** 3;
/** The peak RSS growth either side may show (issue 19). */
const RSS_BUDGET_MIB = 64;

interface Transfer {
  mbPerSecond: number;
  seconds: number;
  peakRssGrowthMiB: number;
}

function transfer(direction: "upload" | "download", side: "ours" | "raw"): Promise<Transfer> {
  return runForJson(
    process.execPath,
    [
      "--expose-gc",
      ...tsxArgs(benchFile("src/workers/streaming-transfer.ts"), [direction, side, String(GIB)]),
    ],
    { what: `${side} ${direction} worker`, timeoutMs: 300_000 },
  ) as Promise<Transfer>;
}

export function streamingTransferFigure(number: number, direction: "upload" | "download"): Figure {
  const ours =
    direction === "upload"
      ? "the generated client sends a Node Readable (64 KiB chunks made on the fly) as a @streaming blob input (PutObject of the streaming fixture service); the node:http server stub hands the handler a ReadableStream, which it reads and discards"
      : "the handler returns a Node Readable (64 KiB chunks made on the fly) as a @streaming blob output (GetObject); the generated client returns it as a stream, read through transformToWebStream() and discarded";
  const raw =
    direction === "upload"
      ? "http.request with the same Readable piped in, a node:http server piping the request into a discarding Writable"
      : "a node:http server piping the same Readable into the response, http.request piping it into a discarding Writable";
  return {
    number,
    id: `streaming-${direction}`,
    title: `1 GiB streaming ${direction}: client + node:http stub vs raw pipe`,
    measures: `MB/s of one 1 GiB ${direction} over 127.0.0.1, client and server in one fresh process per round. Ours: ${ours}. Baseline: ${raw}. Peak RSS growth (sampled every 10 ms, from just before the transfer) must stay within ${RSS_BUDGET_MIB} MiB on our side.`,
    unit: "MB/s",
    better: "higher",
    target: { kind: "ratio", op: ">=", value: 0.8, text: "≥ 0.80×" },
    async run(context) {
      const rounds = context.options.quick ? 1 : context.options.rounds;
      const result = await interleaved(
        rounds,
        () => transfer(direction, "ours"),
        () => transfer(direction, "raw"),
      );
      const peak = (runs: Transfer[]) => runs.map((r) => Math.round(r.peakRssGrowthMiB * 10) / 10);
      const oursPeak = Math.max(...peak(result.ours));
      context.log(
        `${direction}: ours ${result.ours.map((r) => r.mbPerSecond.toFixed(0)).join(", ")} MB/s, raw ${result.baseline.map((r) => r.mbPerSecond.toFixed(0)).join(", ")} MB/s`,
      );
      return {
        status: "measured",
        ours: {
          label: `@seqstore/client + node:http stub (${direction})`,
          rounds: result.ours.map((r) => r.mbPerSecond),
          details: { peakRssGrowthMiB: peak(result.ours) },
        },
        baseline: {
          label: `raw node:http pipe (${direction})`,
          rounds: result.baseline.map((r) => r.mbPerSecond),
          details: { peakRssGrowthMiB: peak(result.baseline) },
        },
        checks: [
          {
            name: "peak RSS growth, ours (MiB)",
            value: oursPeak,
            limit: `≤ ${RSS_BUDGET_MIB}`,
            pass: oursPeak <= RSS_BUDGET_MIB,
          },
        ],
        notes: [
          `Peak RSS growth: ours ${oursPeak} MiB, raw pipe ${Math.max(...peak(result.baseline))} MiB (max over rounds); median seconds ours ${median(result.ours.map((r) => r.seconds)).toFixed(2)}, raw ${median(result.baseline.map((r) => r.seconds)).toFixed(2)}.`,
        ],
      };
    },
  };
}
