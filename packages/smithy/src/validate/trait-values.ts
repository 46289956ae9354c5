// Trait values must match the shape that defines the trait: structure members (and required
// ones), list items, map values, strings, numbers, booleans, enum values.

import { type AstModel, NUMBER_SHAPE_TYPES, type NodeValue } from "../ast.js";
import type { ValidatorContext } from "./context.js";
import { report } from "./context.js";
import { memberEntries } from "./targets.js";

const INTEGER_TYPES = new Set(["byte", "short", "integer", "long", "bigInteger"]);

export function validateTraitValues(context: ValidatorContext): void {
  const shapes = context.model.shapes;
  for (const [id, shape] of Object.entries(shapes)) {
    const owners: [string, Record<string, NodeValue> | undefined][] = [[id, shape.traits]];
    for (const [name, member] of memberEntries(shape)) {
      owners.push([`${id}$${name}`, member.traits as Record<string, NodeValue> | undefined]);
    }
    for (const [owner, traits] of owners) {
      for (const [traitId, value] of Object.entries(traits ?? {})) {
        if (shapes[traitId] === undefined) continue;
        const problems: string[] = [];
        checkValue(context.model, traitId, value, "", problems, 0);
        const name = traitId.startsWith("smithy.api#") ? traitId.slice("smithy.api#".length) : traitId;
        for (const problem of problems) {
          report(context, "TraitValue", "ERROR", owner, `Error validating trait \`${name}\`${problem}`);
        }
      }
    }
  }
}

function describe(value: NodeValue): string {
  if (value === null) return "null value";
  if (Array.isArray(value)) return "array";
  if (typeof value === "object") return "object";
  return `${typeof value} value, \`${String(value)}\``;
}

function checkValue(
  model: AstModel,
  shapeId: string,
  value: NodeValue,
  path: string,
  problems: string[],
  depth: number,
): void {
  const shape = model.shapes[shapeId];
  if (shape === undefined || depth > 64) return;
  const where = path === "" ? ": " : `${path}: `;
  const expect = (kind: string) =>
    problems.push(
      `${where}Expected ${kind} value for ${shape.type} shape, \`${shapeId}\`; found ${describe(value)}`,
    );
  switch (shape.type) {
    case "document":
      return;
    case "string":
      if (typeof value !== "string") return void expect("string");
      checkEnumTrait(shape.traits, value, where, problems);
      return;
    case "blob":
      if (typeof value !== "string") expect("string");
      return;
    case "boolean":
      if (typeof value !== "boolean") expect("boolean");
      return;
    case "timestamp":
      if (typeof value !== "string" && typeof value !== "number") expect("timestamp");
      return;
    case "enum": {
      if (typeof value !== "string") return void expect("string");
      const allowed = Object.values(shape.members ?? {}).map(
        (member) => member.traits?.["smithy.api#enumValue"],
      );
      if (!allowed.includes(value)) {
        problems.push(
          `${where}String value provided for \`${shapeId}\` must be one of the following values: ${allowed.map((item) => `\`${String(item)}\``).join(", ")}`,
        );
      }
      return;
    }
    case "intEnum": {
      if (typeof value !== "number") return void expect("number");
      const allowed = Object.values(shape.members ?? {}).map(
        (member) => member.traits?.["smithy.api#enumValue"],
      );
      if (!allowed.includes(value)) {
        problems.push(
          `${where}Integer value provided for \`${shapeId}\` must be one of the following values: ${allowed.join(", ")}`,
        );
      }
      return;
    }
    case "list":
    case "set":
      if (!Array.isArray(value)) return void expect("array");
      if (shape.member) {
        value.forEach((item, index) => {
          checkValue(model, shape.member?.target ?? "", item, `${path}.${index}`, problems, depth + 1);
        });
      }
      return;
    case "map":
      if (value === null || typeof value !== "object" || Array.isArray(value)) return void expect("object");
      for (const [key, item] of Object.entries(value)) {
        if (shape.key)
          checkValue(model, shape.key.target, key, `${path}.${key} (map-key)`, problems, depth + 1);
        if (shape.value) checkValue(model, shape.value.target, item, `${path}.${key}`, problems, depth + 1);
      }
      return;
    case "structure":
    case "union": {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return void expect("object");
      const members = shape.members ?? {};
      for (const [key, item] of Object.entries(value)) {
        const member = members[key];
        if (member === undefined) {
          problems.push(`${where}Invalid ${shape.type} member \`${key}\` found for \`${shapeId}\``);
          continue;
        }
        checkValue(model, member.target, item, `${path}.${key}`, problems, depth + 1);
      }
      if (shape.type === "structure") {
        for (const [name, member] of Object.entries(members)) {
          if (member.traits?.["smithy.api#required"] !== undefined && !Object.hasOwn(value, name)) {
            problems.push(`${where}Missing required structure member \`${name}\` for \`${shapeId}\``);
          }
        }
      } else if (Object.keys(value).length !== 1) {
        problems.push(`${where}union values must contain exactly one entry`);
      }
      return;
    }
    default:
      if (NUMBER_SHAPE_TYPES.has(shape.type)) {
        if (typeof value !== "number") return void expect("number");
        if (INTEGER_TYPES.has(shape.type) && !Number.isInteger(value)) {
          problems.push(
            `${where}${shape.type} shapes must not have floating point values, but found \`${value}\``,
          );
        }
      }
  }
}

function checkEnumTrait(
  traits: Record<string, NodeValue> | undefined,
  value: string,
  where: string,
  problems: string[],
): void {
  const definitions = traits?.["smithy.api#enum"];
  if (!Array.isArray(definitions)) return;
  const allowed = definitions
    .map((definition) =>
      definition !== null && typeof definition === "object" && !Array.isArray(definition)
        ? definition.value
        : undefined,
    )
    .filter((item): item is string => typeof item === "string");
  if (!allowed.includes(value)) {
    problems.push(
      `${where}String value provided must be one of the following values: ${allowed.map((item) => `\`${item}\``).join(", ")}`,
    );
  }
}
