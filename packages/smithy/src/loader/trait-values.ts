// Checks that every applied trait is defined, and gives annotation traits their value:
// `{}` for structure and map traits, `[]` for list traits, otherwise null (as Smithy does).

import type { NodeValue } from "../ast.js";
import type { Assembly } from "./assemble.js";
import type { TraitMap } from "./building.js";

const TRAIT_TRAIT = "smithy.api#trait";

export function normalizeTraitValues(assembly: Assembly): void {
  for (const shape of assembly.shapes.values()) {
    normalize(shape.traits, shape.id, assembly);
    for (const member of shape.members) normalize(member.traits, `${shape.id}$${member.name}`, assembly);
  }
}

function normalize(traits: TraitMap, owner: string, assembly: Assembly): void {
  for (const [name, slot] of traits) {
    const definition = assembly.shapes.get(name);
    if (definition === undefined) {
      assembly.error(
        `Unable to resolve trait \`${name}\`. If this is a custom trait, then it must be defined before it can be used in a model.`,
        slot.location,
        owner,
      );
    } else if (!definition.traits.has(TRAIT_TRAIT)) {
      assembly.error(
        `Shape \`${name}\` cannot be applied as a trait. If this is a custom trait, please add \`@trait\` to this shape.`,
        slot.location,
        name,
      );
    }
    if (slot.value !== undefined) continue;
    slot.value = annotationValue(definition?.type);
  }
}

function annotationValue(type: string | undefined): NodeValue {
  if (type === "structure" || type === "map" || type === undefined) return {};
  if (type === "list" || type === "set") return [];
  return null;
}
