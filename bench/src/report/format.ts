// Number formatting shared by the table and the chart.
import type { FigureResult, Series } from "../types.js";

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

export function formatRatio(ratio: number | null): string {
  return ratio === null ? "—" : `${ratio.toFixed(ratio < 0.1 ? 3 : 2)}×`;
}

export function verdict(result: FigureResult): string {
  if (result.status === "failed") return "error";
  if (result.status !== "measured") return result.status;
  return result.pass ? "pass" : "FAIL";
}
