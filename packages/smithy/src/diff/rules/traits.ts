// Traits no specific rule judges: documentation, deprecation, the `breakingChanges` a trait
// definition declares, and a catch-all so no trait change goes unreported.
import type { NodeValue } from "../../ast.js";
import { nodeEquals } from "../../loader/node-equal.js";
import type { DiffContext, TraitHolderPair } from "../context.js";
import type { DiffEvent, DiffRule, DiffSeverity } from "../types.js";
import { isProtocolOrAuthTrait } from "./service.js";

const DOCUMENTATION = "smithy.api#documentation";
const DEPRECATED = "smithy.api#deprecated";

export const changedDocumentation: DiffRule = {
  id: "ChangedDocumentation",
  category: "other",
  description: "NOTE: documentation was added, changed or removed (generated doc comments change).",
  traits: [DOCUMENTATION],
  check: (ctx) =>
    ctx.traitHolders().flatMap((holder) => {
      const before = holder.oldTraits[DOCUMENTATION];
      const after = holder.newTraits[DOCUMENTATION];
      if (before === after) return [];
      const verb = before === undefined ? "added" : after === undefined ? "removed" : "changed";
      return [
        ctx.event("ChangedDocumentation", "NOTE", holder.id, `Documentation of \`${holder.id}\` ${verb}`),
      ];
    }),
};

export const changedDeprecation: DiffRule = {
  id: "ChangedDeprecation",
  category: "other",
  description:
    "NOTE: a shape or member was marked @deprecated (callers get a warning) or is no longer deprecated.",
  traits: [DEPRECATED],
  check: (ctx) =>
    ctx.traitHolders().flatMap((holder) => {
      const before = holder.oldTraits[DEPRECATED];
      const after = holder.newTraits[DEPRECATED];
      if ((before === undefined) === (after === undefined)) return [];
      return [
        after === undefined
          ? ctx.event("ChangedDeprecation", "NOTE", holder.id, `\`${holder.id}\` is no longer @deprecated`)
          : ctx.event("ChangedDeprecation", "NOTE", holder.id, `\`${holder.id}\` was marked @deprecated`),
      ];
    }),
};

/** Traits judged elsewhere: by a specific rule, or as service protocols / auth schemes. */
function isHandled(ctx: DiffContext, traitId: string): boolean {
  return ctx.handledTraits.has(traitId) || isProtocolOrAuthTrait(ctx, traitId);
}

interface BreakingChangeRule {
  change: string;
  path: string;
  severity: DiffSeverity;
  message?: string;
}

function breakingChangeRules(ctx: DiffContext, traitId: string): BreakingChangeRule[] {
  const list = ctx.traitDefinition(traitId)?.breakingChanges;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return [];
    const severity = entry.severity === "WARNING" || entry.severity === "NOTE" ? entry.severity : "ERROR";
    const rule: BreakingChangeRule = {
      change: String(entry.change ?? "any"),
      path: typeof entry.path === "string" ? entry.path : "",
      severity,
    };
    if (typeof entry.message === "string") rule.message = entry.message;
    return [rule];
  });
}

type Slot = [before: NodeValue | undefined, after: NodeValue | undefined, path: string];

/** The values a breakingChanges `path` points at (`/member` walks every list element). */
function resolvePath(
  before: NodeValue | undefined,
  after: NodeValue | undefined,
  segments: string[],
  path = "",
): Slot[] {
  const [segment, ...rest] = segments;
  if (segment === undefined) return [[before, after, path || "/"]];
  const child = (value: NodeValue | undefined, key: string | number): NodeValue | undefined => {
    if (Array.isArray(value)) return typeof key === "number" ? value[key] : undefined;
    return value !== null && typeof value === "object" ? value[String(key)] : undefined;
  };
  if (segment === "member" && (Array.isArray(before) || Array.isArray(after))) {
    const length = Math.max(
      Array.isArray(before) ? before.length : 0,
      Array.isArray(after) ? after.length : 0,
    );
    return Array.from({ length }, (_, index) =>
      resolvePath(child(before, index), child(after, index), rest, `${path}/${index}`),
    ).flat();
  }
  return resolvePath(child(before, segment), child(after, segment), rest, `${path}/${segment}`);
}

function matches(change: string, before: NodeValue | undefined, after: NodeValue | undefined): boolean {
  const added = before === undefined && after !== undefined;
  const removed = before !== undefined && after === undefined;
  const updated = before !== undefined && after !== undefined && !nodeEquals(before, after);
  switch (change) {
    case "add":
      return added;
    case "remove":
      return removed;
    case "presence":
      return added || removed;
    case "update":
      return updated;
    default:
      return added || removed || updated;
  }
}

export const traitBreakingChange: DiffRule = {
  id: "TraitBreakingChange",
  category: "other",
  description:
    "Severity as declared: a trait change matches a `breakingChanges` entry of the trait's definition (add, remove, presence, update, any; optional path).",
  check: (ctx) =>
    ctx.traitHolders().flatMap((holder) =>
      traitIds(holder)
        .filter((traitId) => !isHandled(ctx, traitId))
        .flatMap((traitId) =>
          breakingChangeRules(ctx, traitId).flatMap((rule) =>
            resolvePath(
              holder.oldTraits[traitId],
              holder.newTraits[traitId],
              rule.path.split("/").filter(Boolean),
            )
              .filter(([before, after]) => matches(rule.change, before, after))
              .map(([, , path]) =>
                ctx.event(
                  `TraitBreakingChange.${rule.change}.${traitId}`,
                  rule.severity,
                  holder.id,
                  rule.message ??
                    `Trait \`${traitId}\` of \`${holder.id}\` changed (${rule.change} at ${path})`,
                ),
              ),
          ),
        ),
    ),
};

function traitIds(holder: TraitHolderPair): string[] {
  return [...new Set([...Object.keys(holder.oldTraits), ...Object.keys(holder.newTraits)])].sort();
}

export const modifiedTrait: DiffRule = {
  id: "ModifiedTrait",
  category: "other",
  description:
    "Catch-all for traits no other rule judges and whose definition declares no breakingChanges: NOTE when added or changed, WARNING when removed.",
  check: (ctx) =>
    ctx.traitHolders().flatMap((holder) =>
      traitIds(holder)
        .filter((traitId) => !isHandled(ctx, traitId) && breakingChangeRules(ctx, traitId).length === 0)
        .flatMap((traitId): DiffEvent[] => {
          const before = holder.oldTraits[traitId];
          const after = holder.newTraits[traitId];
          if (nodeEquals(before, after)) return [];
          if (before === undefined) {
            return [
              ctx.event(
                `ModifiedTrait.Add.${traitId}`,
                "NOTE",
                holder.id,
                `Added trait \`${traitId}\` to \`${holder.id}\``,
              ),
            ];
          }
          if (after === undefined) {
            return [
              ctx.event(
                `ModifiedTrait.Remove.${traitId}`,
                "WARNING",
                holder.id,
                `Removed trait \`${traitId}\` from \`${holder.id}\``,
              ),
            ];
          }
          return [
            ctx.event(
              `ModifiedTrait.Update.${traitId}`,
              "NOTE",
              holder.id,
              `Changed trait \`${traitId}\` of \`${holder.id}\` from ${JSON.stringify(before)} to ${JSON.stringify(after)}`,
            ),
          ];
        }),
    ),
};
