import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BenchResults } from "../types.js";
import { renderChart } from "./chart-svg.js";
import { renderMarkdown } from "./markdown.js";

export const RESULT_FILES = ["results.json", "results.md", "chart.svg"] as const;

export function writeResults(results: BenchResults, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(outDir, "results.md"), renderMarkdown(results));
  writeFileSync(path.join(outDir, "chart.svg"), renderChart(results));
}
