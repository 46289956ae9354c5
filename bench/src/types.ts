// The shapes of a bench run: what a figure measures, and what results.json holds.

/** One measured side of a figure (ours or the baseline), one value per round. */
export interface SeriesInput {
  label: string;
  rounds: number[];
  /** Secondary numbers per round (e.g. p99 latency), same length as `rounds`. */
  details?: Record<string, number[]>;
}

export interface Summary {
  median: number;
  rounds: number[];
}

export interface Series {
  label: string;
  unit: string;
  median: number;
  rounds: number[];
  details: Record<string, Summary>;
}

export type Comparison = "<" | "<=" | ">=";

/**
 * A pass/fail rule. "ratio" compares ours/baseline; "absolute" compares ours against a budget in the
 * figure's unit (its reported ratio is then ours/budget, so 1.0 is the limit); "report" has no rule: the
 * ratio ours/baseline is reported, neither passed nor failed (op and value are unused).
 */
export interface Target {
  kind: "ratio" | "absolute" | "report";
  op: Comparison;
  value: number;
  /** How the target reads in the table, e.g. "≥ 0.90×". */
  text: string;
}

/** A further condition a figure must meet besides its target (e.g. p99 ratio, cache status). */
export interface Check {
  name: string;
  value: number | string;
  limit: string;
  pass: boolean;
}

export type FigureStatus = "measured" | "not available" | "skipped" | "failed";

export interface FigureResult {
  number: number;
  id: string;
  title: string;
  status: FigureStatus;
  /** Why a figure is not measured (not available / skipped / failed). */
  reason: string | null;
  /** What exactly was measured, in words: the honest fine print. */
  measures: string;
  unit: string;
  better: "higher" | "lower";
  target: Target;
  ours: Series | null;
  baseline: Series | null;
  /** ours/baseline of the medians, or ours/budget for an absolute target. */
  ratio: number | null;
  checks: Check[];
  pass: boolean | null;
  notes: string[];
  extra: Record<string, unknown>;
  wallSeconds: number;
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  totalMemoryGiB: number;
  node: string;
  platform: string;
  arch: string;
  date: string;
  /** How an idle CPU waits (Linux cpuidle driver, guest halt polling); absent where the OS does not tell. */
  cpuIdle?: string;
}

export interface BenchOptions {
  quick: boolean;
  /** Figure numbers to run; empty = all. */
  only: number[];
  rounds: number;
  /** Seconds per HTTP load round. */
  durationSeconds: number;
  /** Where results.json, results.md and chart.svg go. */
  outDir: string;
}

export interface BenchResults {
  schemaVersion: 1;
  machine: MachineInfo;
  options: Omit<BenchOptions, "outDir">;
  figures: FigureResult[];
  summary: {
    measured: number;
    passed: number;
    /** Measured figures without a target ("report"): neither passed nor failed. */
    reported: number;
    failed: number;
    /** Figures whose run threw (status "failed"). */
    errored: number;
    unavailable: number;
    skipped: number;
  };
  wallSeconds: number;
}
