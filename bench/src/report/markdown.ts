// results.md: the table first, then what each figure measured, its checks, notes and raw rounds.
import { SLICE_SECONDS } from "../figures/http-comparison.js";
import type { BenchResults, FigureResult } from "../types.js";
import { formatNumber, formatRatio, formatSeries, ratioLimit, verdict } from "./format.js";

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

function row(result: FigureResult): string {
  const baseline =
    result.baseline !== null
      ? `${formatSeries(result.baseline)} (${result.baseline.label})`
      : result.target.kind === "absolute"
        ? "budget"
        : "—";
  const ours = result.ours !== null ? `${formatSeries(result.ours)} (${result.ours.label})` : "—";
  const outcome = result.reason ? `${verdict(result)}: ${result.reason}` : verdict(result);
  return `| ${result.number} | ${cell(result.title)} | ${cell(ours)} | ${cell(baseline)} | ${formatRatio(result.ratio, ratioLimit(result.target))} | ${cell(result.target.text)} | ${cell(outcome)} |`;
}

function details(result: FigureResult): string[] {
  const lines = [`### ${result.number}. ${result.title}`, "", result.measures, ""];
  for (const series of [result.ours, result.baseline]) {
    if (!series) continue;
    const rounds = series.rounds.map(formatNumber).join(", ");
    lines.push(`- ${series.label}: median ${formatNumber(series.median)} ${series.unit}; rounds: ${rounds}`);
    for (const [name, summary] of Object.entries(series.details)) {
      lines.push(
        `  - ${name}: median ${formatNumber(summary.median)}; rounds: ${summary.rounds.map(formatNumber).join(", ")}`,
      );
    }
  }
  for (const check of result.checks) {
    lines.push(
      `- check "${check.name}": ${check.value} (limit ${check.limit}) → ${check.pass ? "pass" : "FAIL"}`,
    );
  }
  for (const note of result.notes) lines.push(`- ${note}`);
  if (result.reason) lines.push(`- ${result.status}: ${result.reason}`);
  lines.push("");
  return lines;
}

export function renderMarkdown(results: BenchResults): string {
  const { machine, options, summary } = results;
  const lines = [
    "# seqstore benchmarks",
    "",
    `Measured ${machine.date} on ${machine.cpuModel} (${machine.cores} cores, ${machine.totalMemoryGiB} GiB), Node ${machine.node}, ${machine.platform}/${machine.arch}${machine.cpuIdle ? `; idle CPUs: ${machine.cpuIdle}` : ""}.`,
    `${options.quick ? "Quick run" : "Full run"}: ${options.rounds} round(s) per side, ${options.durationSeconds} s a side per HTTP round (the two servers take turns in ${SLICE_SECONDS} s slices), ours and baseline interleaved; medians shown, raw rounds in results.json. Total ${results.wallSeconds} s.`,
    "",
    "Ratio = ours / baseline of the medians (for a budget instead of a baseline: ours / budget).",
    "",
    "| # | Figure | Ours | Baseline | Ratio | Target | Result |",
    "|---|---|---|---|---|---|---|",
    ...results.figures.map(row),
    "",
    // Worded so no log reader mistakes it for a test runner's "N passed, N failed" closing line.
    `Targets met: ${summary.passed} of ${results.figures.length - (summary.reported ?? 0)} (missed ${summary.failed}, errored ${summary.errored}, not available ${summary.unavailable}, skipped ${summary.skipped}; ${summary.reported ?? 0} reported without a target).`,
    "",
    "![ratios against baselines](chart.svg)",
    "",
    "## Details",
    "",
    ...results.figures
      .filter((r) => r.status !== "skipped" || r.reason !== "not selected (--only)")
      .flatMap(details),
  ];
  return `${lines.join("\n").trimEnd()}\n`;
}
