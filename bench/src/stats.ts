// Small statistics for noisy measurements: medians, percentiles, rounding for stable output.

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile of an already sorted list. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/**
 * Rounds to `digits` decimals, keeping results.json readable and diffs small. Below 1 it keeps `digits + 1`
 * significant digits instead: decimals would flatten small values (a 0.0184 ms Get read as 0.018 moved its
 * ratio by 6%).
 */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  if (Math.abs(value) < 1) return Number(value.toPrecision(digits + 1));
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
