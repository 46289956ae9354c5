import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { repoFile } from "../paths.js";
import { failureOf, run, tsxArgs } from "../process/child.js";
import type { Check } from "../types.js";
import type { Figure } from "./figure.js";

const SCRIPT = repoFile("apps/reference-server/scripts/bench-lifecycle.ts");
const LARGE_STORES = 1_000_000;
/** --quick seeds far fewer rows: the figure then only shows that the script runs, not the scale behaviour. */
const QUICK_STORES = 10_000;

interface Percentiles {
  p50Ms: number;
  p99Ms: number;
}

/** The part of bench-lifecycle.ts's JSON report this figure reads. */
interface LifecycleReport {
  empty: Record<string, Percentiles | number>;
  large: Record<string, Percentiles | number>;
}

function isPercentiles(value: unknown): value is Percentiles {
  return typeof value === "object" && value !== null && typeof (value as Percentiles).p50Ms === "number";
}

/** Operation names measured at both sizes (create, get, listPage, …), in report order. */
function operations(report: LifecycleReport): string[] {
  return Object.keys(report.empty).filter(
    (op) => isPercentiles(report.empty[op]) && isPercentiles(report.large[op]),
  );
}

function p50(side: Record<string, Percentiles | number>, op: string): number {
  return (side[op] as Percentiles).p50Ms;
}

export const lifecycleScaleFigure: Figure = {
  number: 9,
  id: "lifecycle-scale",
  title: "Create / Get / List-page p50 at 1M stores vs empty",
  measures:
    "p50 ms of Create, Get and one List page (plain and filtered by name) through the real handlers and SQLite repository (no HTTP, durability normal) with 1M stores in the table vs a fresh 1,000-store one (same access pattern, interleaved blocks), from apps/reference-server/scripts/bench-lifecycle.ts; the row shows the worst operation, every operation is a check.",
  unit: "ms p50",
  better: "lower",
  target: { kind: "ratio", op: "<=", value: 1.2, text: "≤ 1.20× (each op)" },
  async run(context) {
    if (!existsSync(SCRIPT)) {
      return {
        status: "not available",
        reason:
          "apps/reference-server/scripts/bench-lifecycle.ts does not exist yet; the figure runs it once it does.",
      };
    }
    const stores = context.options.quick ? QUICK_STORES : LARGE_STORES;
    const outFile = path.join(context.scratchDir, "lifecycle.json");
    const result = await run(process.execPath, tsxArgs(SCRIPT, [outFile, "--stores", String(stores)]), {
      cwd: repoFile("apps/reference-server"),
      timeoutMs: 600_000,
    });
    const failure = failureOf(result, "bench-lifecycle.ts");
    if (failure) throw new Error(failure);
    const report = JSON.parse(readFileSync(outFile, "utf8")) as LifecycleReport;
    const ops = operations(report);
    if (ops.length === 0) throw new Error("bench-lifecycle.ts wrote no p50 per operation (see its JSON)");
    const ratioOf = (op: string) => p50(report.large, op) / p50(report.empty, op);
    const checks: Check[] = ops.map((op) => ({
      name: `${op} p50 ratio`,
      value: Number(ratioOf(op).toFixed(3)),
      limit: "≤ 1.2",
      pass: ratioOf(op) <= 1.2,
    }));
    const worst = ops.reduce((a, b) => (ratioOf(a) >= ratioOf(b) ? a : b));
    const notes = [
      `p50 ms empty → ${stores.toLocaleString("en-US")} stores: ${ops.map((op) => `${op} ${p50(report.empty, op)} → ${p50(report.large, op)}`).join(", ")}.`,
      "A Get is a single search of the table's own B-tree (the id leads to the row number it was derived from), so at 1M stores it reads one cold leaf; it takes about 10 µs, so one cache miss more or less shows in its ratio.",
    ];
    if (stores !== LARGE_STORES) notes.push(`--quick seeds ${stores} stores, not a million.`);
    return {
      status: "measured",
      ours: {
        label: `${worst} at ${stores.toLocaleString("en-US")} stores`,
        rounds: [p50(report.large, worst)],
      },
      baseline: { label: `${worst} at an empty store`, rounds: [p50(report.empty, worst)] },
      checks,
      notes,
      extra: { stores, report },
    };
  },
};
