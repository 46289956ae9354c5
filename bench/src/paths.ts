// Where things are, from this file's location (the bench runs from any working directory).
import path from "node:path";
import { fileURLToPath } from "node:url";

export const benchRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = path.resolve(benchRoot, "..");
export const sharedRoot = path.resolve(repoRoot, "../shared");
export const defaultResultsDir = path.join(benchRoot, "results");
/** Git-ignored scratch space (databases, build outputs) under the results folder. */
export const scratchRoot = path.join(defaultResultsDir, "tmp");

export function benchFile(relative: string): string {
  return path.join(benchRoot, relative);
}

export function repoFile(relative: string): string {
  return path.join(repoRoot, relative);
}
