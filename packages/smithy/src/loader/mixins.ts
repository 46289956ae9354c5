// Flattening mixins (https://smithy.io/2.0/spec/mixins.html) and resolving elided member targets.
// Inherited members come first (mixin order), then local ones; a local member may redefine an
// inherited one only with the same target, and then adds traits to it in place.

import type { NodeValue } from "../ast.js";
import type { Assembly } from "./assemble.js";
import { type BuildingMember, type BuildingShape, cloneTraits, type TraitMap } from "./building.js";
import { reportMixinCycles } from "./mixin-cycles.js";

const MIXIN_TRAIT = "smithy.api#mixin";
const LIST_PROPERTIES = ["errors", "operations", "resources", "collectionOperations"];

interface InheritedMember extends BuildingMember {
  /** ID of the mixin member this one comes from, for conflict messages. */
  origin: string;
}

export function flattenMixins(assembly: Assembly): void {
  reportMixinCycles(assembly);
  const visiting = new Set<string>();
  const flatten = (shape: BuildingShape): void => {
    if (shape.flattened) return;
    if (visiting.has(shape.id)) {
      assembly.error(`Mixin cycle detected involving \`${shape.id}\``, shape.location, shape.id);
      shape.mixins = [];
    }
    visiting.add(shape.id);
    const inheritedMembers: InheritedMember[] = [];
    const inheritedTraits: TraitMap = new Map();
    const wrongType: string[] = [];
    for (const mixinId of shape.mixins) {
      const mixin = assembly.shapes.get(mixinId);
      if (mixin !== undefined) flatten(mixin);
      if (mixin === undefined || mixin.failed) {
        // Smithy drops a shape whose mixin is missing, so shapes using it fail in turn.
        const elided = shape.members.find((member) => member.local && member.target === undefined);
        const subject = elided === undefined ? shape.id : `${shape.id}$${elided.name}`;
        assembly.error(`Cannot apply mixin to ${subject}: ${mixinId} not found`, shape.location, shape.id);
        shape.failed = true;
        continue;
      }
      if (!mixin.traits.has(MIXIN_TRAIT)) {
        assembly.error(
          `Attempted to use ${mixinId} as a mixin, but it is not marked with the mixin trait`,
          shape.location,
          shape.id,
          "Target",
        );
      }
      if (mixin.type !== shape.type) wrongType.push(mixinId);
      for (const member of mixin.members) {
        const existing = inheritedMembers.find((candidate) => candidate.name === member.name);
        if (existing !== undefined) {
          if (existing.target !== member.target) {
            // Smithy names the mixin's member when a local member exists, else the inherited copy.
            const hasLocal = shape.members.some((local) => local.local && local.name === member.name);
            const other = hasLocal ? `${mixinId}$${member.name}` : `${shape.id}$${member.name}`;
            assembly.error(
              `Member conflicts with an inherited mixin member: \`${other}\``,
              shape.location,
              `${shape.id}$${member.name}`,
            );
          }
          continue;
        }
        const inherited: InheritedMember = {
          name: member.name,
          traits: cloneTraits(member.traits),
          location: member.location,
          local: false,
          origin: `${mixinId}$${member.name}`,
        };
        if (member.target !== undefined) inherited.target = member.target;
        inheritedMembers.push(inherited);
      }
      const localOnly = localTraitsOf(mixin);
      for (const [name, slot] of mixin.traits) {
        if (!localOnly.has(name)) inheritedTraits.set(name, { ...slot });
      }
      inheritProperties(shape, mixin);
    }
    if (wrongType.length > 0) {
      assembly.error(
        `Mixins may only be mixed into shapes of the same type. The following mixins were applied to the ${shape.type} shape \`${shape.id}\` which are not ${shape.type} shapes: [${wrongType.map((id) => `\`${id}\``).join(", ")}]`,
        shape.location,
        shape.id,
      );
    }
    if (shape.failed) {
      shape.flattened = true;
      visiting.delete(shape.id);
      return;
    }
    shape.members = mergeMembers(shape, inheritedMembers, assembly);
    checkRequiredMembers(shape, assembly);
    if (inheritedTraits.size > 0) {
      for (const [name, slot] of shape.traits) inheritedTraits.set(name, slot);
      shape.traits = inheritedTraits;
    }
    shape.flattened = true;
    visiting.delete(shape.id);
  };
  for (const shape of assembly.shapes.values()) flatten(shape);
  checkMixinShapes(assembly);
}

/** Lists need `member`, maps `key` and `value`; without them the shape cannot be built. */
function checkRequiredMembers(shape: BuildingShape, assembly: Assembly): void {
  const names = new Set(shape.members.map((member) => member.name));
  const required =
    shape.type === "list" || shape.type === "set" ? ["member"] : shape.type === "map" ? ["key", "value"] : [];
  const missing = required.filter((name) => !names.has(name));
  if (missing.length === 0) return;
  const noun = missing.length === 1 ? "member" : "members";
  assembly.error(
    `Missing required ${noun} of shape \`${shape.id}\`: ${missing.join(", ")}`,
    shape.location,
    shape.id,
  );
  shape.failed = true;
}

/** Traits of a mixin that are not inherited: @mixin itself and those listed in localTraits. */
function localTraitsOf(mixin: BuildingShape): Set<string> {
  const result = new Set([MIXIN_TRAIT]);
  const value = mixin.traits.get(MIXIN_TRAIT)?.value;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const local = value.localTraits;
    if (Array.isArray(local)) for (const id of local) if (typeof id === "string") result.add(id);
  }
  return result;
}

function inheritProperties(shape: BuildingShape, mixin: BuildingShape): void {
  for (const [key, value] of mixin.properties) {
    const own = shape.properties.get(key);
    if (LIST_PROPERTIES.includes(key) && Array.isArray(value)) {
      const merged: NodeValue[] = [...value];
      if (Array.isArray(own)) for (const item of own) if (!merged.includes(item)) merged.push(item);
      shape.properties.set(key, merged);
    } else if (own === undefined) {
      shape.properties.set(key, value);
    } else if (isObject(value) && isObject(own)) {
      shape.properties.set(key, { ...value, ...own });
    }
  }
}

function isObject(value: NodeValue | undefined): value is Record<string, NodeValue> {
  return value !== null && value !== undefined && typeof value === "object" && !Array.isArray(value);
}

function mergeMembers(
  shape: BuildingShape,
  inherited: InheritedMember[],
  assembly: Assembly,
): BuildingMember[] {
  const result: BuildingMember[] = inherited.map(({ origin: _origin, ...member }) => member);
  for (const member of shape.members) {
    const memberId = `${shape.id}$${member.name}`;
    const index = inherited.findIndex((candidate) => candidate.name === member.name);
    // An elided member takes its target from the bound resource first, then from mixins.
    if (member.target === undefined && member.local)
      resolveElidedFromResource(shape, member, assembly, index === -1);
    if (index !== -1) {
      const base = inherited[index] as InheritedMember;
      if (member.target !== undefined && member.target !== base.target) {
        assembly.error(
          `Member conflicts with an inherited mixin member: \`${base.origin}\``,
          member.location,
          memberId,
        );
      }
      const traits = cloneTraits(base.traits);
      for (const [name, slot] of member.traits) traits.set(name, slot);
      const merged: BuildingMember = { name: member.name, traits, location: member.location, local: true };
      if (base.target !== undefined) merged.target = base.target;
      result[index] = merged;
      continue;
    }
    if (!member.local) {
      assembly.error(
        `Traits were applied to member \`${memberId}\`, but that member does not exist`,
        member.location,
        memberId,
      );
      continue;
    }
    result.push(member);
  }
  return result;
}

function resolveElidedFromResource(
  shape: BuildingShape,
  member: BuildingMember,
  assembly: Assembly,
  required: boolean,
): void {
  const memberId = `${shape.id}$${member.name}`;
  const resource = shape.forResource === undefined ? undefined : assembly.shapes.get(shape.forResource);
  if (resource !== undefined && resource.type === "resource") {
    for (const key of ["identifiers", "properties"]) {
      const map = resource.properties.get(key);
      const target = isObject(map) ? map[member.name] : undefined;
      if (typeof target === "string") {
        member.target = target;
        return;
      }
    }
  }
  if (!required) return;
  assembly.error(
    "Member target was elided, but no bound resource or mixin contained a matching identifier or member name.",
    member.location,
    memberId,
  );
  member.target = "smithy.api#Unit";
}

function checkMixinShapes(assembly: Assembly): void {
  for (const shape of assembly.shapes.values()) {
    if (shape.forResource !== undefined) {
      const resource = assembly.shapes.get(shape.forResource);
      if (resource === undefined) {
        assembly.error(
          `The \`for\` target \`${shape.forResource}\` of \`${shape.id}\` does not exist`,
          shape.location,
          shape.id,
        );
      } else if (resource.type !== "resource") {
        assembly.error(
          `The target of the \`for\` production must be a resource shape, but found a ${resource.type} shape: ${resource.id}`,
          shape.location,
          shape.id,
        );
      }
    }
    if (!shape.draft.traits.some((trait) => trait.name.name === "mixin" || trait.name.name === MIXIN_TRAIT))
      continue;
    if (shape.version === "1.0") {
      assembly.error(
        `Mixins can only be used in Smithy 2.0 or later. Attempted to apply a @mixin trait to \`${shape.id}\` in a model file using version \`1.0\`.`,
        shape.location,
        shape.id,
      );
    }
    if (shape.type === "operation") {
      const input = shape.properties.get("input");
      const output = shape.properties.get("output");
      const isUnit = (value: NodeValue | undefined) => value === undefined || value === "smithy.api#Unit";
      if (!isUnit(input) || !isUnit(output)) {
        assembly.error(
          `Operation shapes with the mixin trait MUST target \`smithy.api#Unit\` for their input and output. Operation mixin shape \`${shape.id}\` defines one or both of these properties.`,
          shape.location,
          shape.id,
        );
      }
    }
    if (shape.type === "resource") {
      const defines = (key: string) => {
        const value = shape.properties.get(key);
        return isObject(value) && Object.keys(value).length > 0;
      };
      if (defines("properties") || defines("identifiers")) {
        assembly.error(
          `Resource shapes with the mixin trait may not define any properties. Resource mixin shape \`${shape.id}\` defines one or more properties.`,
          shape.location,
          shape.id,
        );
      }
    }
  }
}
