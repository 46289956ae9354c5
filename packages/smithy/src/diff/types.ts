// Shared types of `smithy diff`: the events it reports and the rules that produce them.
import type { DiffContext } from "./context.js";

/** How bad a change is for existing clients and servers (no DANGER: every change is classified). */
export type DiffSeverity = "ERROR" | "WARNING" | "NOTE";

export const DIFF_SEVERITIES: readonly DiffSeverity[] = ["NOTE", "WARNING", "ERROR"];

export interface DiffEvent {
  /** Rule ID, optionally with a dotted detail (`ChangedNullability.AddedRequiredTrait`). */
  id: string;
  severity: DiffSeverity;
  /** The shape or member (`ns#Shape$member`) the change is about; `-` for model metadata. */
  shapeId: string;
  message: string;
  /** The changelog section, when it is not its rule's (an added or removed operation, resource or service). */
  category?: DiffCategory;
}

/** Which part of the generated APIs a rule is about; drives the changelog sections. */
export type DiffCategory = "operations" | "shapes" | "members" | "enums" | "constraints" | "http" | "other";

export interface DiffRule {
  id: string;
  category: DiffCategory;
  /** One sentence, including which severities the rule reports. */
  description: string;
  /** Traits fully judged by this rule, so the generic trait rules leave them alone. */
  traits?: readonly string[];
  check(context: DiffContext): DiffEvent[];
}

export interface DiffOptions {
  /** Also compare the prelude and bundled trait shapes (default false: they belong to the toolchain). */
  includeBuiltIns?: boolean;
  /** Rules to run instead of the built-in table. */
  rules?: readonly DiffRule[];
}

const RANK: Record<DiffSeverity, number> = { NOTE: 0, WARNING: 1, ERROR: 2 };

export function severityRank(severity: DiffSeverity): number {
  return RANK[severity];
}

export function isDiffSeverity(value: string): value is DiffSeverity {
  return value === "ERROR" || value === "WARNING" || value === "NOTE";
}
