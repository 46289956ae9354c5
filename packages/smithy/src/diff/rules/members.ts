// Members that appear, disappear, move, or point at another shape.
import type { AstShape, NodeValue } from "../../ast.js";
import { nodeEquals } from "../../loader/node-equal.js";
import { type DiffContext, hasTrait, type MemberPair, namedMembers } from "../context.js";
import type { DiffRule } from "../types.js";

export const addedMember: DiffRule = {
  id: "AddedMember",
  category: "members",
  description:
    "NOTE: an optional member was added; ERROR (AddedMember.Required) for a new @required member without a @default, which old clients never send.",
  check: (ctx) =>
    ctx.addedMembers.map((added) => {
      const required = hasTrait(added.member, "smithy.api#required");
      const defaulted = hasTrait(added.member, "smithy.api#default");
      if (required && !defaulted && added.container.type === "structure") {
        return ctx.event(
          "AddedMember.Required",
          "ERROR",
          added.id,
          `Added required member \`${added.name}\` without a default to \`${added.containerId}\``,
        );
      }
      const what = required ? "required member with a default" : "optional member";
      return ctx.event(
        "AddedMember",
        "NOTE",
        added.id,
        `Added ${what} \`${added.name}\` to \`${added.containerId}\``,
      );
    }),
};

export const removedMember: DiffRule = {
  id: "RemovedMember",
  category: "members",
  description:
    "ERROR: a member was removed from a shape that still exists (the field disappears from its type).",
  check: (ctx) =>
    ctx.removedMembers.map((removed) =>
      ctx.event(
        "RemovedMember",
        "ERROR",
        removed.id,
        `Removed member \`${removed.name}\` from \`${removed.containerId}\``,
      ),
    ),
};

/** Traits that change no generated type or wire format, so targets differing only in them are alike. */
const COSMETIC_TRAITS = new Set([
  "smithy.api#documentation",
  "smithy.api#externalDocumentation",
  "smithy.api#since",
  "smithy.api#tags",
  "smithy.api#title",
  "smithy.api#examples",
]);

function withoutCosmetic(shape: AstShape): Record<string, NodeValue> {
  return Object.fromEntries(Object.entries(shape.traits ?? {}).filter(([id]) => !COSMETIC_TRAITS.has(id)));
}

/** Whether two differently named shapes describe the same data (same type, members and constraints). */
function sameData(ctx: DiffContext, oldId: string, newId: string, depth = 0): boolean {
  if (oldId === newId) return true;
  const oldShape = ctx.shape("old", oldId);
  const newShape = ctx.shape("new", newId);
  if (oldShape === undefined || newShape === undefined || oldShape.type !== newShape.type) return false;
  if (oldShape.type === "structure" || oldShape.type === "union" || depth > 8) return false;
  if (!nodeEquals(withoutCosmetic(oldShape), withoutCosmetic(newShape))) return false;
  if (oldShape.type === "enum" || oldShape.type === "intEnum") {
    const values = (shape: AstShape): NodeValue[] =>
      Object.entries(shape.members ?? {}).map(([name, m]) => [
        name,
        m.traits?.["smithy.api#enumValue"] ?? name,
      ]);
    return nodeEquals(values(oldShape), values(newShape));
  }
  const oldMembers = namedMembers(oldShape);
  const newMembers = namedMembers(newShape);
  return (
    oldMembers.length === newMembers.length &&
    oldMembers.every(([name, member], index) => {
      const other = newMembers[index];
      return (
        other !== undefined &&
        other[0] === name &&
        nodeEquals(member.traits ?? {}, other[1].traits ?? {}) &&
        sameData(ctx, member.target, other[1].target, depth + 1)
      );
    })
  );
}

export const changedMemberTarget: DiffRule = {
  id: "ChangedMemberTarget",
  category: "members",
  description:
    "ERROR: a member now targets a different shape; NOTE when the new target describes exactly the same data (same type, values and constraints).",
  check: (ctx) =>
    ctx.members
      .filter((pair) => pair.old.target !== pair.new.target)
      .map((pair) => {
        const change = `Member \`${pair.name}\` of \`${pair.containerId}\` changed target from \`${pair.old.target}\` to \`${pair.new.target}\``;
        return sameData(ctx, pair.old.target, pair.new.target)
          ? ctx.event("ChangedMemberTarget", "NOTE", pair.id, `${change} (an equivalent shape)`)
          : ctx.event("ChangedMemberTarget", "ERROR", pair.id, change);
      }),
};

function keptOrder(pairs: MemberPair[], containerId: string, side: "old" | "new"): string[] {
  const kept = new Set(pairs.filter((p) => p.containerId === containerId).map((p) => p.name));
  const container = pairs.find((p) => p.containerId === containerId);
  const shape = side === "old" ? container?.oldContainer : container?.newContainer;
  return Object.keys(shape?.members ?? {}).filter((name) => kept.has(name));
}

export const changedMemberOrder: DiffRule = {
  id: "ChangedMemberOrder",
  category: "members",
  description:
    "WARNING: existing structure members were reordered (harmless for JSON, but breaks positional constructors and ordered serializers).",
  check: (ctx) =>
    ctx.kept
      .filter((pair) => pair.old.type === "structure" && pair.new.type === "structure")
      .flatMap((pair) => {
        const before = keptOrder(ctx.members, pair.id, "old");
        const after = keptOrder(ctx.members, pair.id, "new");
        if (before.join(",") === after.join(",")) return [];
        return [
          ctx.event(
            "ChangedMemberOrder",
            "WARNING",
            pair.id,
            `Members of \`${pair.id}\` were reordered from [${before.join(", ")}] to [${after.join(", ")}]`,
          ),
        ];
      }),
};
