// Enum values: `enum` / `intEnum` members, and the legacy `@enum` trait on strings.
import type { AstShape, NodeValue } from "../../ast.js";
import type { DiffContext, ShapePair } from "../context.js";
import type { DiffEvent, DiffRule } from "../types.js";

interface EnumEntry {
  name: string;
  value: string;
}

/** The values of an enum, in order; undefined when the shape is no enum. */
export function enumEntries(shape: AstShape): EnumEntry[] | undefined {
  if (shape.type === "enum" || shape.type === "intEnum") {
    return Object.entries(shape.members ?? {}).map(([name, member]) => ({
      name,
      value: String(member.traits?.["smithy.api#enumValue"] ?? name),
    }));
  }
  const legacy = shape.traits?.["smithy.api#enum"];
  if (!Array.isArray(legacy)) return undefined;
  return legacy.flatMap((definition: NodeValue) => {
    if (definition === null || typeof definition !== "object" || Array.isArray(definition)) return [];
    const value = String(definition.value ?? "");
    return [{ name: typeof definition.name === "string" ? definition.name : value, value }];
  });
}

interface EnumChange {
  pair: ShapePair;
  before: EnumEntry[];
  after: EnumEntry[];
}

function enumChanges(ctx: DiffContext): EnumChange[] {
  return ctx.kept.flatMap((pair) => {
    const before = enumEntries(pair.old);
    const after = enumEntries(pair.new);
    return before && after ? [{ pair, before, after }] : [];
  });
}

function check(ctx: DiffContext, judge: (change: EnumChange) => DiffEvent[]): DiffEvent[] {
  return enumChanges(ctx).flatMap(judge);
}

export const removedEnumValue: DiffRule = {
  id: "RemovedEnumValue",
  category: "enums",
  description:
    "ERROR: an enum value was removed (senders of it get a validation error, readers lose a case).",
  traits: ["smithy.api#enum", "smithy.api#enumValue"],
  check: (ctx) =>
    check(ctx, ({ pair, before, after }) =>
      before
        .filter((old) => !after.some((e) => e.name === old.name || e.value === old.value))
        .map((old) =>
          ctx.event(
            "RemovedEnumValue",
            "ERROR",
            pair.id,
            `Removed value \`${old.value}\` from enum \`${pair.id}\``,
          ),
        ),
    ),
};

export const changedEnumValue: DiffRule = {
  id: "ChangedEnumValue",
  category: "enums",
  description:
    "ERROR: an enum entry kept its name but changed its wire value, or kept its value under a new name (the generated constant is renamed).",
  check: (ctx) =>
    check(ctx, ({ pair, before, after }) =>
      before.flatMap((old) => {
        const sameName = after.find((e) => e.name === old.name);
        if (sameName && sameName.value !== old.value) {
          return [
            ctx.event(
              "ChangedEnumValue",
              "ERROR",
              pair.id,
              `Enum \`${pair.id}\` entry \`${old.name}\` changed value from \`${old.value}\` to \`${sameName.value}\``,
            ),
          ];
        }
        const sameValue = after.find((e) => e.value === old.value);
        if (!sameName && sameValue) {
          return [
            ctx.event(
              "ChangedEnumValue.Name",
              "ERROR",
              pair.id,
              `Enum \`${pair.id}\` value \`${old.value}\` was renamed from \`${old.name}\` to \`${sameValue.name}\``,
            ),
          ];
        }
        return [];
      }),
    ),
};

export const addedEnumValue: DiffRule = {
  id: "AddedEnumValue",
  category: "enums",
  description:
    "NOTE: an enum value was appended; WARNING (AddedEnumValue.Inserted) when inserted before existing values (ordinal-based code shifts). Exhaustive switches in callers need a new case either way.",
  check: (ctx) =>
    check(ctx, ({ pair, before, after }) => {
      const known = (e: EnumEntry) => before.some((old) => old.name === e.name || old.value === e.value);
      const lastKnown = after.reduce((last, e, index) => (known(e) ? index : last), -1);
      return after.flatMap((entry, index) => {
        if (known(entry)) return [];
        return index < lastKnown
          ? [
              ctx.event(
                "AddedEnumValue.Inserted",
                "WARNING",
                pair.id,
                `Value \`${entry.value}\` was inserted before existing values of enum \`${pair.id}\``,
              ),
            ]
          : [
              ctx.event(
                "AddedEnumValue",
                "NOTE",
                pair.id,
                `Added value \`${entry.value}\` to enum \`${pair.id}\``,
              ),
            ];
      });
    }),
};
