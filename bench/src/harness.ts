// Runs the selected figures one after another (never two at once: they would compete for the CPU) and
// writes the results.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { evaluate, failed, skippedByOnly } from "./evaluate.js";
import type { Figure } from "./figures/figure.js";
import { machineInfo } from "./machine.js";
import { scratchRoot } from "./paths.js";
import { writeResults } from "./report/write-results.js";
import { round } from "./stats.js";
import type { BenchOptions, BenchResults, FigureResult } from "./types.js";

export async function runBench(
  figures: readonly Figure[],
  options: BenchOptions,
  log: (message: string) => void = (message) => process.stderr.write(`${message}\n`),
): Promise<BenchResults> {
  const machine = machineInfo();
  const started = performance.now();
  mkdirSync(scratchRoot, { recursive: true });
  const results: FigureResult[] = [];
  for (const figure of figures) {
    if (options.only.length > 0 && !options.only.includes(figure.number)) {
      results.push(skippedByOnly(figure));
      continue;
    }
    log(`[${figure.number}] ${figure.title}`);
    const scratchDir = mkdtempSync(path.join(scratchRoot, `${figure.id}-`));
    const figureStart = performance.now();
    const seconds = () => (performance.now() - figureStart) / 1000;
    try {
      const outcome = await figure.run({
        options,
        scratchDir,
        log: (message) => log(`    ${message}`),
      });
      results.push(evaluate(figure, outcome, seconds()));
    } catch (error) {
      results.push(failed(figure, error, seconds()));
    } finally {
      rmSync(scratchDir, { recursive: true, force: true });
    }
    const last = results.at(-1)!;
    log(
      `    → ${last.status}${last.ratio !== null ? ` ratio ${last.ratio}` : ""}${last.pass === null ? "" : last.pass ? " pass" : " FAIL"}${last.reason ? ` (${last.reason})` : ""}`,
    );
  }
  const measured = results.filter((r) => r.status === "measured");
  const bench: BenchResults = {
    schemaVersion: 1,
    machine,
    options: {
      quick: options.quick,
      only: options.only,
      rounds: options.rounds,
      durationSeconds: options.durationSeconds,
    },
    figures: results,
    summary: {
      measured: measured.length,
      passed: measured.filter((r) => r.pass === true).length,
      failed: measured.filter((r) => r.pass === false).length,
      reported: measured.filter((r) => r.pass === null).length,
      errored: results.filter((r) => r.status === "failed").length,
      unavailable: results.filter((r) => r.status === "not available").length,
      skipped: results.filter((r) => r.status === "skipped").length,
    },
    wallSeconds: round((performance.now() - started) / 1000, 1),
  };
  writeResults(bench, options.outDir);
  return bench;
}
