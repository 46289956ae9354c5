// The constraint traits (@length, @pattern, @range, @uniqueItems, enum values) of a member and of what it holds (list
// items, map keys and values), as the server core checks them for bindings the OpenAPI document cannot
// carry to a schema validator: list headers, greedy labels, prefix headers and @httpQueryParams maps.
import type { AstMember, AstModel, AstShape, NodeValue } from "@seqstore/smithy";
import { getMemberOrTargetTrait, getShape } from "@seqstore/smithy";
import type { ValueConstraints } from "../src/core/operation-table.js";

function isRecord(value: NodeValue | undefined): value is Record<string, NodeValue> {
  return value !== null && value !== undefined && typeof value === "object" && !Array.isArray(value);
}

function bounds(trait: NodeValue | undefined): { min?: number; max?: number } | undefined {
  if (!isRecord(trait)) return undefined;
  const result: { min?: number; max?: number } = {};
  if (typeof trait.min === "number") result.min = trait.min;
  if (typeof trait.max === "number") result.max = trait.max;
  return result.min === undefined && result.max === undefined ? undefined : result;
}

/** Values of an enum or intEnum shape, or of a string shape's Smithy 1.0 @enum trait. */
function enumValues(shape: AstShape): (string | number)[] | undefined {
  if (shape.type === "enum" || shape.type === "intEnum") {
    return Object.entries(shape.members ?? {}).map(([name, m]) => {
      const value = m.traits?.["smithy.api#enumValue"];
      return typeof value === "string" || typeof value === "number" ? value : name;
    });
  }
  const trait = shape.traits?.["smithy.api#enum"];
  if (!Array.isArray(trait)) return undefined;
  return trait.map((d) => (isRecord(d) ? String(d.value) : String(d)));
}

/** The constraints of `member` (its own traits win over its target's), or undefined when it has none. */
export function memberConstraints(model: AstModel, member: AstMember): ValueConstraints | undefined {
  const shape = getShape(model, member.target);
  if (!shape) return undefined;
  const constraints: ValueConstraints = {};
  const length = bounds(getMemberOrTargetTrait(model, member, "smithy.api#length"));
  if (length) constraints.length = length;
  const pattern = getMemberOrTargetTrait(model, member, "smithy.api#pattern");
  if (typeof pattern === "string") constraints.pattern = pattern;
  const range = bounds(getMemberOrTargetTrait(model, member, "smithy.api#range"));
  if (range) constraints.range = range;
  const values = enumValues(shape);
  if (values) constraints.enum = values;
  if (getMemberOrTargetTrait(model, member, "smithy.api#uniqueItems") !== undefined)
    constraints.uniqueItems = true;
  const nested = (key: "member" | "key" | "value", inner: AstMember | undefined) => {
    const found = inner ? memberConstraints(model, inner) : undefined;
    if (found) constraints[key] = found;
  };
  if (shape.type === "list" || shape.type === "set") nested("member", shape.member);
  if (shape.type === "map") {
    nested("key", shape.key);
    nested("value", shape.value);
  }
  return Object.keys(constraints).length > 0 ? constraints : undefined;
}
