// Number formatting shared by the table and the chart.
import type { FigureResult, Series, Target } from "../types.js";

export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  // Sub-unit values (latencies in ms) keep three significant digits; larger ones need no more than that.
  if (abs > 0 && abs < 1) return value.toPrecision(3);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function formatSeries(series: Series | null): string {
  return series ? `${formatNumber(series.median)} ${series.unit}` : "—";
}

/**
 * A ratio with two decimals (three below 0.1), and more where that rounding would land exactly on `limit`
 * (the target's bound) without the ratio being it: 0.7457 against ≥ 0.75 reads 0.746×, never a "0.75×"
 * marked as a miss.
 */
export function formatRatio(ratio: number | null, limit?: number): string {
  if (ratio === null) return "—";
  let digits = ratio < 0.1 ? 3 : 2;
  while (limit !== undefined && ratio !== limit && digits < 6 && Number(ratio.toFixed(digits)) === limit)
    digits++;
  return `${ratio.toFixed(digits)}×`;
}

/** The bound a figure's reported ratio is judged against: the target's ratio, or 1 for a budget. */
export function ratioLimit(target: Target): number {
  return target.kind === "ratio" ? target.value : 1;
}

export function verdict(result: FigureResult): string {
  if (result.status === "failed") return "error";
  if (result.status !== "measured") return result.status;
  if (result.pass === null) return "reported";
  return result.pass ? "pass" : "FAIL";
}
