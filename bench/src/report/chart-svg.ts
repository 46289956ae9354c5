// chart.svg, written by hand (no chart dependency): one row per figure, a bar from parity (1×) to the
// measured ratio on a log scale, and the target marked in the row. Green = pass, red = fail.
import type { BenchResults, FigureResult } from "../types.js";
import { formatRatio, ratioLimit, verdict } from "./format.js";

const WIDTH = 1100;
const ROW = 38;
const TOP = 84;
const LABEL_X = 16;
const PLOT_LEFT = 430;
const PLOT_RIGHT = 980;
const COLORS = { pass: "#2e7d32", fail: "#c62828", muted: "#757575", grid: "#e0e0e0", ink: "#212121" };

function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** The target in ratio units: a budget figure's ratio is ours/budget, so its limit sits at 1. */
function targetRatio(result: FigureResult): number {
  return result.target.kind === "ratio" ? result.target.value : 1;
}

function domain(results: readonly FigureResult[]): [number, number] {
  const values = results.flatMap((r) => [
    targetRatio(r),
    ...(r.ratio !== null && r.ratio > 0 ? [r.ratio] : []),
  ]);
  const lo = 10 ** Math.floor(Math.log10(Math.min(0.5, ...values)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(2, ...values)));
  return [lo, hi];
}

function ticks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let decade = lo; decade < hi * 1.0001; decade *= 10) {
    for (const step of [1, 2, 5]) {
      const value = Number((decade * step).toPrecision(6));
      if (value >= lo && value <= hi * 1.0001) out.push(value);
    }
  }
  return out;
}

function tickLabel(value: number): string {
  return `${Number(value.toPrecision(3))}×`;
}

export function renderChart(results: BenchResults): string {
  const figures = results.figures;
  const [lo, hi] = domain(figures);
  const x = (value: number) =>
    PLOT_LEFT +
    ((Math.log10(value) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (PLOT_RIGHT - PLOT_LEFT);
  const height = TOP + figures.length * ROW + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="13">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${LABEL_X}" y="28" font-size="17" font-weight="600" fill="${COLORS.ink}">seqstore vs baselines (ratio of medians, log scale)</text>`,
    `<text x="${LABEL_X}" y="50" fill="${COLORS.muted}">${escapeXml(`${results.machine.cpuModel}, ${results.machine.cores} cores, Node ${results.machine.node}, ${results.machine.date.slice(0, 10)}. Bars start at parity (1×); | marks the target; green pass, red fail.`)}</text>`,
  ];
  const plotBottom = TOP + figures.length * ROW;
  for (const tick of ticks(lo, hi)) {
    const tx = x(tick).toFixed(1);
    const strong = tick === 1;
    parts.push(
      `<line x1="${tx}" y1="${TOP - 8}" x2="${tx}" y2="${plotBottom}" stroke="${strong ? COLORS.muted : COLORS.grid}" stroke-width="${strong ? 1.5 : 1}"/>`,
      `<text x="${tx}" y="${plotBottom + 18}" text-anchor="middle" fill="${COLORS.muted}" font-size="11">${tickLabel(tick)}</text>`,
    );
  }
  figures.forEach((result, index) => {
    const top = TOP + index * ROW;
    const middle = top + ROW / 2;
    parts.push(
      `<text x="${LABEL_X}" y="${middle + 4}" fill="${COLORS.ink}">${escapeXml(`${result.number}. ${result.title}`.slice(0, 60))}</text>`,
    );
    const target = x(targetRatio(result)).toFixed(1);
    // A reported figure has no target to mark.
    if (result.target.kind !== "report") {
      parts.push(
        `<line x1="${target}" y1="${top + 4}" x2="${target}" y2="${top + ROW - 4}" stroke="${COLORS.ink}" stroke-width="2.5"/>`,
      );
    }
    if (result.status !== "measured" || result.ratio === null || result.ratio <= 0) {
      parts.push(
        `<text x="${(x(1) + 8).toFixed(1)}" y="${middle + 4}" fill="${COLORS.muted}" font-style="italic">${escapeXml(verdict(result))}</text>`,
      );
      return;
    }
    const clamped = Math.min(hi, Math.max(lo, result.ratio));
    const start = Math.min(x(1), x(clamped));
    const width = Math.max(1.5, Math.abs(x(clamped) - x(1)));
    const color = result.pass === null ? COLORS.muted : result.pass ? COLORS.pass : COLORS.fail;
    parts.push(
      `<rect x="${start.toFixed(1)}" y="${top + 9}" width="${width.toFixed(1)}" height="${ROW - 18}" fill="${color}" rx="2"><title>${escapeXml(`${result.title}: ${formatRatio(result.ratio, ratioLimit(result.target))} (target ${result.target.text}) ${verdict(result)}`)}</title></rect>`,
    );
    const labelX = Math.max(x(1), x(clamped)) + 6;
    parts.push(
      `<text x="${labelX.toFixed(1)}" y="${middle + 4}" fill="${color}" font-weight="600">${escapeXml(`${formatRatio(result.ratio, ratioLimit(result.target))} ${verdict(result)}`)}</text>`,
    );
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
