// Compare two assembled models and classify every change.
import type { AstModel } from "../ast.js";
import { DiffContext } from "./context.js";
import { DIFF_RULES } from "./rules/index.js";
import type { DiffEvent, DiffOptions, DiffRule } from "./types.js";
import { severityRank } from "./types.js";

/** Rule ID of an event (`ChangedNullability.AddedRequiredTrait` → `ChangedNullability`). */
export function ruleIdOf(eventId: string): string {
  return eventId.split(".")[0] ?? eventId;
}

/** Most severe first, then by shape, event ID and message: stable across runs and platforms. */
export function compareDiffEvents(a: DiffEvent, b: DiffEvent): number {
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    order(a.shapeId, b.shapeId) ||
    order(a.id, b.id) ||
    order(a.message, b.message)
  );
}

export function diffModels(oldModel: AstModel, newModel: AstModel, options: DiffOptions = {}): DiffEvent[] {
  const rules: readonly DiffRule[] = options.rules ?? DIFF_RULES;
  const handled = new Set(rules.flatMap((rule) => rule.traits ?? []));
  const context = new DiffContext(oldModel, newModel, handled, options.includeBuiltIns ?? false);
  return rules.flatMap((rule) => rule.check(context)).sort(compareDiffEvents);
}
