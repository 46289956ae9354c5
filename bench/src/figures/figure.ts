// What every figure module provides, and what it hands back to the harness.
import type { BenchOptions, Check, SeriesInput, Target } from "../types.js";

export interface FigureContext {
  options: BenchOptions;
  /** A fresh scratch directory for this figure (removed afterwards). */
  scratchDir: string;
  log(message: string): void;
}

export type FigureOutcome =
  | {
      status: "measured";
      ours: SeriesInput;
      /** Absent for figures with an absolute budget instead of a peer. */
      baseline?: SeriesInput;
      checks?: Check[];
      notes?: string[];
      extra?: Record<string, unknown>;
    }
  | {
      status: "not available" | "skipped";
      reason: string;
      notes?: string[];
      extra?: Record<string, unknown>;
    };

export interface Figure {
  number: number;
  id: string;
  title: string;
  measures: string;
  unit: string;
  better: "higher" | "lower";
  target: Target;
  run(context: FigureContext): Promise<FigureOutcome>;
}

/**
 * Runs `rounds` rounds of two measurements, alternating which goes first (ABBA…), so a machine that
 * slows down or speeds up during the run does not favour either side.
 */
export async function interleaved<T>(
  rounds: number,
  ours: (round: number) => Promise<T>,
  baseline: (round: number) => Promise<T>,
): Promise<{ ours: T[]; baseline: T[] }> {
  const result: { ours: T[]; baseline: T[] } = { ours: [], baseline: [] };
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      result.baseline.push(await baseline(round));
      result.ours.push(await ours(round));
    } else {
      result.ours.push(await ours(round));
      result.baseline.push(await baseline(round));
    }
  }
  return result;
}
