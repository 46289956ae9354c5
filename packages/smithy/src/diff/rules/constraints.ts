// Validation constraints (@length, @range, @pattern): narrowing rejects values that used to be valid.
import type { NodeValue } from "../../ast.js";
import { nodeEquals } from "../../loader/node-equal.js";
import type { DiffContext } from "../context.js";
import { comparePatterns } from "../pattern.js";
import type { DiffEvent, DiffRule } from "../types.js";

interface ConstraintChange {
  id: string;
  before: NodeValue | undefined;
  after: NodeValue | undefined;
}

/**
 * Where a constraint changed: on shapes (their own trait), and on members that carry it themselves
 * in either version (compared with the target's value as fallback, so moving a constraint from the
 * target onto the member is judged by its effect).
 */
function constraintChanges(ctx: DiffContext, traitId: string): ConstraintChange[] {
  const shapes = ctx.kept.map((pair) => ({
    id: pair.id,
    before: pair.old.traits?.[traitId],
    after: pair.new.traits?.[traitId],
  }));
  const members = ctx.members
    .filter((pair) => pair.old.traits?.[traitId] !== undefined || pair.new.traits?.[traitId] !== undefined)
    .map((pair) => ({
      id: pair.id,
      before: ctx.effectiveTrait("old", pair.old, traitId),
      after: ctx.effectiveTrait("new", pair.new, traitId),
    }));
  return [...shapes, ...members].filter(
    (change) =>
      (change.before !== undefined || change.after !== undefined) && !nodeEquals(change.before, change.after),
  );
}

function bound(value: NodeValue | undefined, key: "min" | "max", fallback?: number): number | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return fallback;
  const raw = value[key];
  return typeof raw === "number" || typeof raw === "string" ? Number(raw) : fallback;
}

const show = (n: number | undefined) => (n === undefined ? "none" : String(n));

/**
 * How a min/max constraint moved. An absent bound is unbounded, except that a @length without
 * `min` means min 0 (`absentMin`).
 */
function boundChanges(
  before: NodeValue | undefined,
  after: NodeValue | undefined,
  absentMin: number | undefined,
): { narrower: string[]; wider: string[] } {
  const narrower: string[] = [];
  const wider: string[] = [];
  const [oldMin, newMin] = [bound(before, "min", absentMin), bound(after, "min", absentMin)];
  const [oldMax, newMax] = [bound(before, "max"), bound(after, "max")];
  const lowered = (from: number | undefined, to: number | undefined) =>
    from !== undefined && (to === undefined || to < from);
  if (lowered(newMin, oldMin)) narrower.push(`min raised from ${show(oldMin)} to ${show(newMin)}`);
  else if (lowered(oldMin, newMin)) wider.push(`min lowered from ${show(oldMin)} to ${show(newMin)}`);
  if (newMax !== undefined && (oldMax === undefined || newMax < oldMax)) {
    narrower.push(`max lowered from ${show(oldMax)} to ${show(newMax)}`);
  } else if (oldMax !== undefined && (newMax === undefined || newMax > oldMax)) {
    wider.push(`max raised from ${show(oldMax)} to ${show(newMax)}`);
  }
  return { narrower, wider };
}

function boundsRule(id: string, traitId: string, label: string, absentMin: number | undefined): DiffRule {
  return {
    id,
    category: "constraints",
    description: `ERROR: ${label} was narrowed (larger min or smaller max, or newly added); NOTE when it was only widened or removed.`,
    traits: [traitId],
    check: (ctx) =>
      constraintChanges(ctx, traitId).flatMap((change): DiffEvent[] => {
        const { narrower, wider } = boundChanges(change.before, change.after, absentMin);
        const what = `${label} of \`${change.id}\` changed from ${JSON.stringify(change.before ?? null)} to ${JSON.stringify(change.after ?? null)}`;
        if (narrower.length > 0)
          return [ctx.event(id, "ERROR", change.id, `${what}: ${narrower.join(", ")}`)];
        if (wider.length > 0) return [ctx.event(id, "NOTE", change.id, `${what}: ${wider.join(", ")}`)];
        return [];
      }),
  };
}

export const changedLengthTrait = boundsRule("ChangedLengthTrait", "smithy.api#length", "@length", 0);
export const changedRangeTrait = boundsRule("ChangedRangeTrait", "smithy.api#range", "@range", undefined);

export const changedPatternTrait: DiffRule = {
  id: "ChangedPatternTrait",
  category: "constraints",
  description:
    "ERROR: a @pattern was added, or changed only in quantifier bounds with one narrowed; NOTE when removed or only widened; WARNING for any other change (it cannot be proven to accept every old value).",
  traits: ["smithy.api#pattern"],
  check: (ctx) =>
    constraintChanges(ctx, "smithy.api#pattern").map((change) => {
      const before = typeof change.before === "string" ? change.before : undefined;
      const after = typeof change.after === "string" ? change.after : undefined;
      const id = "ChangedPatternTrait";
      if (after === undefined) {
        return ctx.event(id, "NOTE", change.id, `@pattern \`${before}\` was removed from \`${change.id}\``);
      }
      if (before === undefined) {
        return ctx.event(id, "ERROR", change.id, `@pattern \`${after}\` was added to \`${change.id}\``);
      }
      const what = `@pattern of \`${change.id}\` changed from \`${before}\` to \`${after}\``;
      const verdict = comparePatterns(before, after);
      if (verdict === "narrower")
        return ctx.event(id, "ERROR", change.id, `${what}: it accepts fewer values`);
      if (verdict === "wider") return ctx.event(id, "NOTE", change.id, `${what} (wider)`);
      return ctx.event(id, "WARNING", change.id, `${what}: cannot prove it still accepts every old value`);
    }),
};
