// Upgrading shapes read from IDL/JSON version 1.0 files to 2.0 semantics
// (https://smithy.io/2.0/guides/model-translations/migrating-idl-1-to-2.html):
// - number and boolean shapes without @box were "primitive" and get a zero @default;
// - members targeting such shapes get the same default, unless boxed or required;
// - set becomes a list with @uniqueItems.

import type { NodeValue } from "../ast.js";
import type { Assembly } from "./assemble.js";
import type { BuildingShape } from "./building.js";

const BOX = "smithy.api#box";
const DEFAULT = "smithy.api#default";
const REQUIRED = "smithy.api#required";
const UNIQUE_ITEMS = "smithy.api#uniqueItems";

const ZERO_BY_TYPE: Record<string, NodeValue> = {
  boolean: false,
  byte: 0,
  short: 0,
  integer: 0,
  long: 0,
  float: 0,
  double: 0,
};

export function upgradeVersion1(assembly: Assembly): void {
  for (const shape of assembly.shapes.values()) {
    if (shape.version !== "1.0") continue;
    for (const member of shape.members) {
      const written = shape.draft.members.find((draft) => draft.name === member.name);
      if (written?.traits.some((trait) => trait.name.name === "default" || trait.name.name === DEFAULT)) {
        assembly.error(
          "The @default trait can only be used in Smithy 2.0 or later",
          member.location,
          `${shape.id}$${member.name}`,
        );
      }
    }
    if (shape.type === "set") {
      assembly.events.push({
        id: "ModelDeprecation",
        severity: "WARNING",
        shapeId: shape.id,
        message:
          "Set shapes are deprecated and have been removed in Smithy IDL v2. Use a list shape with the @uniqueItems trait instead.",
        sourceLocation: shape.location,
      });
      shape.type = "list";
      if (!shape.traits.has(UNIQUE_ITEMS))
        shape.traits.set(UNIQUE_ITEMS, { value: {}, location: shape.location });
    }
    const zero = ZERO_BY_TYPE[shape.type];
    if (
      zero !== undefined &&
      !shape.id.startsWith("smithy.api#") &&
      !shape.traits.has(BOX) &&
      !shape.traits.has(DEFAULT)
    ) {
      shape.traits.set(DEFAULT, { value: zero, location: shape.location });
    }
  }
  for (const shape of assembly.shapes.values()) {
    if (shape.version !== "1.0" || shape.type !== "structure") continue;
    for (const member of shape.members) {
      if (member.traits.has(BOX) || member.traits.has(DEFAULT) || member.traits.has(REQUIRED)) continue;
      const target = member.target === undefined ? undefined : assembly.shapes.get(member.target);
      const zero = defaultZero(target);
      if (zero !== undefined) member.traits.set(DEFAULT, { value: zero, location: member.location });
    }
  }
}

function defaultZero(target: BuildingShape | undefined): NodeValue | undefined {
  if (target === undefined || ZERO_BY_TYPE[target.type] === undefined || target.traits.has(BOX))
    return undefined;
  const value = target.traits.get(DEFAULT)?.value;
  return value === undefined || value === null ? undefined : value;
}
