// Turns a figure's raw outcome into its result: medians, the ratio, and pass/fail against the target.
import type { Figure, FigureOutcome } from "./figures/figure.js";
import { median, round } from "./stats.js";
import type { Comparison, FigureResult, Series, SeriesInput, Summary } from "./types.js";

function summarize(values: readonly number[]): Summary {
  return { median: round(median(values)), rounds: values.map((v) => round(v)) };
}

export function toSeries(input: SeriesInput, unit: string): Series {
  const details: Record<string, Summary> = {};
  for (const [name, values] of Object.entries(input.details ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    details[name] = summarize(values);
  }
  const { median: med, rounds } = summarize(input.rounds);
  return { label: input.label, unit, median: med, rounds, details };
}

export function compare(value: number, op: Comparison, limit: number): boolean {
  if (op === "<") return value < limit;
  if (op === "<=") return value <= limit;
  return value >= limit;
}

function blank(figure: Figure, wallSeconds: number): FigureResult {
  return {
    number: figure.number,
    id: figure.id,
    title: figure.title,
    status: "measured",
    reason: null,
    measures: figure.measures,
    unit: figure.unit,
    better: figure.better,
    target: figure.target,
    ours: null,
    baseline: null,
    ratio: null,
    checks: [],
    pass: null,
    notes: [],
    extra: {},
    wallSeconds: round(wallSeconds, 1),
  };
}

export function evaluate(figure: Figure, outcome: FigureOutcome, wallSeconds: number): FigureResult {
  const result = blank(figure, wallSeconds);
  result.notes = outcome.notes ?? [];
  result.extra = outcome.extra ?? {};
  if (outcome.status !== "measured") {
    return { ...result, status: outcome.status, reason: outcome.reason };
  }
  const ours = toSeries(outcome.ours, figure.unit);
  const baseline = outcome.baseline ? toSeries(outcome.baseline, figure.unit) : null;
  const { target } = figure;
  let ratio: number;
  let primaryPass: boolean;
  if (target.kind === "report") {
    if (!baseline) throw new Error(`figure ${figure.number} reports a ratio but measured no baseline`);
    const checks = outcome.checks ?? [];
    return { ...result, ours, baseline, ratio: round(ours.median / baseline.median, 4), checks, pass: null };
  }
  if (target.kind === "ratio") {
    if (!baseline) throw new Error(`figure ${figure.number} has a ratio target but measured no baseline`);
    ratio = ours.median / baseline.median;
    primaryPass = compare(ratio, target.op, target.value);
  } else {
    ratio = ours.median / target.value;
    primaryPass = compare(ours.median, target.op, target.value);
  }
  const checks = outcome.checks ?? [];
  return {
    ...result,
    ours,
    baseline,
    ratio: round(ratio, 4),
    checks,
    pass: primaryPass && checks.every((check) => check.pass),
  };
}

export function failed(figure: Figure, error: unknown, wallSeconds: number): FigureResult {
  const message = error instanceof Error ? error.message : String(error);
  return { ...blank(figure, wallSeconds), status: "failed", reason: message };
}

export function skippedByOnly(figure: Figure): FigureResult {
  return { ...blank(figure, 0), status: "skipped", reason: "not selected (--only)" };
}
