// Assembles draft files into one fully resolved JSON AST model (the contract in BRIEF.md):
// absolute IDs everywhere, `apply` merged, mixins flattened, enum values filled in, inline
// I/O already named by the parser, IDL 1.0 upgraded, annotation trait values normalized.

import type { AstMember, AstModel, AstShape, AstTarget, NodeValue } from "../ast.js";
import type { SourceLocation, ValidationEvent } from "../events.js";
import type { BuildingMember, BuildingShape, TraitMap, TraitSlot } from "./building.js";
import { type DraftApply, type DraftFile, type DraftShape, type DraftTrait, ShapeIdNode } from "./draft.js";
import { flattenMixins } from "./mixins.js";
import { nodeEquals } from "./node-equal.js";
import { Resolver } from "./resolver.js";
import { normalizeTraitValues } from "./trait-values.js";
import { upgradeVersion1 } from "./upgrade.js";
import { ENTITY_PROPERTIES } from "./entity-properties.js";

export interface AssembledModel {
  model: AstModel;
  events: ValidationEvent[];
  /** Where each shape and member (`id$member`) was defined. */
  locations: Map<string, SourceLocation>;
}

/** Context shared by the assembly steps. */
export interface Assembly {
  shapes: Map<string, BuildingShape>;
  events: ValidationEvent[];
  resolver: Resolver;
  error(message: string, location: SourceLocation | undefined, shapeId?: string, id?: string): void;
}

const PRELUDE_FILE_NAME = "smithy.api.smithy";
const TARGET_KEYS = new Set(["input", "output", "create", "put", "read", "update", "delete", "list"]);
const TARGET_LIST_KEYS = new Set(["operations", "resources", "errors", "collectionOperations"]);
const TARGET_MAP_KEYS = new Set(["identifiers", "properties"]);
const ALLOWED_PROPERTIES: Record<string, Set<string>> = Object.fromEntries(
  Object.entries(ENTITY_PROPERTIES).map(([type, properties]) => [type, new Set<string>(properties)]),
);

export function assemble(files: DraftFile[]): AssembledModel {
  const events: ValidationEvent[] = [];
  for (const file of files) events.push(...file.events);
  const drafts = new Map<string, DraftShape>();
  const extraApplies: DraftApply[] = [];
  const error: Assembly["error"] = (message, location, shapeId, id = "Model") => {
    const event: ValidationEvent = { id, severity: "ERROR", message };
    if (shapeId !== undefined) event.shapeId = shapeId;
    if (location !== undefined) event.sourceLocation = location;
    events.push(event);
  };

  for (const file of files) {
    for (const draft of file.shapes) {
      const existing = drafts.get(draft.id);
      if (existing !== undefined) {
        const where = `${formatLocation(existing.location)} and ${formatLocation(draft.location)}`;
        if (draftSignature(existing) === draftSignature(draft)) {
          events.push({
            id: "Model.IgnoredDuplicateDefinition",
            severity: "NOTE",
            shapeId: draft.id,
            message: `Ignoring duplicate but equivalent shape definition: ${draft.id} defined at ${where}`,
            sourceLocation: draft.location,
          });
        } else if (draftSignature(existing, false) === draftSignature(draft, false)) {
          // Same shape, other traits: the traits are merged as if applied.
          extraApplies.push({ target: refTo(draft), traits: draft.traits, location: draft.location });
          for (const member of draft.members) {
            const target = { ...refTo(draft), name: `${draft.id}$${member.name}` };
            extraApplies.push({ target, traits: member.traits, location: member.location });
          }
        } else {
          error(
            `Conflicting shape definition for \`${draft.id}\` found at ${where}`,
            draft.location,
            draft.id,
          );
        }
        continue;
      }
      drafts.set(draft.id, draft);
    }
  }

  const shapes = new Map<string, BuildingShape>();
  const resolver = new Resolver((id) => drafts.has(id), events);
  const assembly: Assembly = { shapes, events, resolver, error };

  for (const draft of drafts.values()) shapes.set(draft.id, buildShape(draft, assembly));
  const metadata = mergeMetadata(files, assembly);
  for (const file of files) {
    for (const apply of file.applies) applyTraits(apply.target.name, apply, assembly);
  }
  for (const apply of extraApplies) applyTraits(apply.target.name, apply, assembly);
  flattenMixins(assembly);
  for (const [id, shape] of shapes) if (shape.failed) shapes.delete(id);
  checkUses(files, assembly);
  fillEnumValues(assembly);
  upgradeVersion1(assembly);
  normalizeTraitValues(assembly);

  const locations = new Map<string, SourceLocation>();
  const astShapes: Record<string, AstShape> = {};
  for (const shape of shapes.values()) {
    locations.set(shape.id, shape.location);
    for (const member of shape.members) locations.set(`${shape.id}$${member.name}`, member.location);
    astShapes[shape.id] = toAstShape(shape);
  }
  const model: AstModel = { smithy: "2.0", shapes: astShapes };
  if (Object.keys(metadata).length > 0) model.metadata = metadata;
  return { model, events, locations };
}

/** A comparable text of a shape definition, to tell harmless duplicates from conflicts. */
function draftSignature(draft: DraftShape, withTraits = true): string {
  const plain = (value: unknown): unknown => {
    if (value instanceof ShapeIdNode) return { $id: value.ref.name };
    if (value instanceof Map) return [...value].map(([key, entry]) => [key, plain(entry.value)]);
    if (Array.isArray(value)) return value.map(plain);
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, plain(entry)]));
    }
    return value;
  };
  const traits = (list: DraftTrait[]) =>
    withTraits ? list.map((trait) => [trait.name.name, plain(trait.value)]) : [];
  return JSON.stringify([
    draft.type,
    traits(draft.traits),
    draft.mixins.map((ref) => ref.name),
    draft.members.map((member) => [member.name, member.target?.name, traits(member.traits)]),
    plain(draft.properties),
  ]);
}

function refTo(draft: DraftShape): DraftApply["target"] {
  return { name: draft.id, location: draft.location, context: { ...draft.context, absoluteOnly: true } };
}

function checkUses(files: DraftFile[], assembly: Assembly): void {
  for (const file of files) {
    for (const id of file.context.uses.values()) {
      if (!assembly.shapes.has(id)) {
        assembly.events.push({
          id: "Model",
          severity: "WARNING",
          message: `Use statement refers to undefined shape: ${id}`,
          sourceLocation: { filename: file.context.filename, line: 1, column: 1 },
        });
      }
    }
  }
}

function formatLocation(location: SourceLocation): string {
  return `${location.filename} [${location.line}, ${location.column}]`;
}

function buildShape(draft: DraftShape, assembly: Assembly): BuildingShape {
  const { resolver } = assembly;
  const shape: BuildingShape = {
    id: draft.id,
    type: draft.type,
    location: draft.location,
    version: draft.context.version,
    draft,
    traits: new Map(),
    members: [],
    mixins: draft.mixins.map((ref) => resolver.resolve(ref)),
    properties: new Map(),
    flattened: false,
  };
  addTraits(shape.traits, draft.traits, assembly, draft.id);
  for (const member of draft.members) {
    if (!memberNameAllowed(draft.type, member.name)) {
      assembly.error(memberNameMessage(draft.type, member.name), member.location, draft.id);
      continue;
    }
    const built: BuildingMember = {
      name: member.name,
      traits: new Map(),
      location: member.location,
      local: true,
    };
    if (member.target !== undefined) built.target = resolver.resolve(member.target);
    addTraits(built.traits, member.traits, assembly, `${draft.id}$${member.name}`);
    shape.members.push(built);
  }
  if (draft.forResource !== undefined) shape.forResource = resolver.resolve(draft.forResource);
  const allowed = ALLOWED_PROPERTIES[draft.type];
  for (const [key, { value, location }] of draft.properties) {
    if (allowed !== undefined && !allowed.has(key)) {
      assembly.error(`Unknown property ${key} for ${draft.id}`, location, draft.id);
      continue;
    }
    const resolved = resolver.resolveNode(value);
    shape.properties.set(key, resolvePropertyStrings(key, resolved, draft, assembly));
  }
  return shape;
}

function memberNameAllowed(type: string, name: string): boolean {
  if (type === "list" || type === "set") return name === "member";
  if (type === "map") return name === "key" || name === "value";
  return true;
}

function memberNameMessage(type: string, name: string): string {
  if (type === "map") return `Map shapes may only have \`key\` and \`value\` members, but found \`${name}\``;
  return `${type === "set" ? "Set" : "List"} shapes may only have a \`member\` member, but found \`${name}\``;
}

/** In IDL, targets may also be written as quoted strings; resolve those like shape IDs. */
function resolvePropertyStrings(
  key: string,
  value: NodeValue,
  draft: DraftShape,
  assembly: Assembly,
): NodeValue {
  const resolveText = (text: NodeValue): NodeValue =>
    typeof text === "string" && !draft.context.absoluteOnly
      ? assembly.resolver.resolve({ name: text, location: draft.location, context: draft.context })
      : text;
  if (TARGET_KEYS.has(key)) return resolveText(value);
  if (TARGET_LIST_KEYS.has(key) && Array.isArray(value)) return value.map(resolveText);
  if (TARGET_MAP_KEYS.has(key) && value !== null && typeof value === "object" && !Array.isArray(value)) {
    const result: Record<string, NodeValue> = {};
    for (const [name, target] of Object.entries(value)) result[name] = resolveText(target);
    return result;
  }
  return value;
}

/** Adds traits to a trait map, merging a trait given twice as Smithy does. */
export function addTraits(target: TraitMap, traits: DraftTrait[], assembly: Assembly, owner: string): void {
  for (const trait of traits) {
    const name = assembly.resolver.resolve(trait.name);
    // JSON AST values hold no syntactic shape IDs, so they need no resolving (nor copying).
    const value =
      trait.value === undefined
        ? undefined
        : trait.name.context.absoluteOnly
          ? (trait.value as NodeValue)
          : assembly.resolver.resolveNode(trait.value);
    const slot: TraitSlot = { value, location: trait.location };
    if (trait.numberLexeme !== undefined) slot.numberLexeme = trait.numberLexeme;
    mergeTrait(target, name, slot, assembly, owner);
  }
}

export function mergeTrait(
  target: TraitMap,
  name: string,
  slot: TraitSlot,
  assembly: Assembly,
  owner: string,
): void {
  const existing = target.get(name);
  if (existing === undefined) {
    target.set(name, slot);
    return;
  }
  if (Array.isArray(existing.value) && Array.isArray(slot.value)) {
    target.set(name, { ...existing, value: [...existing.value, ...slot.value] });
    return;
  }
  if (nodeEquals(existing.value, slot.value)) return;
  assembly.error(
    `Conflicting \`${name}\` trait found on shape \`${owner}\`. The previous trait was defined at ${formatLocation(existing.location)}, and a conflicting trait was defined at ${formatLocation(slot.location)}.`,
    slot.location,
    owner,
  );
}

function applyTraits(
  written: string,
  apply: {
    target: { name: string; location: SourceLocation; context: DraftShape["context"] };
    traits: DraftTrait[];
    location: SourceLocation;
  },
  assembly: Assembly,
): void {
  const id = assembly.resolver.resolve(apply.target);
  const dollar = id.indexOf("$");
  const shapeId = dollar === -1 ? id : id.slice(0, dollar);
  const shape = assembly.shapes.get(shapeId);
  if (shape === undefined) {
    for (const trait of apply.traits) {
      const name = assembly.resolver.resolve(trait.name).replace(/^smithy\.api#/, "");
      assembly.error(
        `Trait \`${name}\` applied to unknown shape \`${id}\` (written as \`${written}\`)`,
        apply.location,
      );
    }
    return;
  }
  if (shapeId.startsWith("smithy.api#") && !apply.target.context.filename.endsWith(PRELUDE_FILE_NAME)) {
    for (const trait of apply.traits) {
      const name = assembly.resolver.resolve(trait.name);
      assembly.error(
        `Cannot apply \`${name}\` to an immutable prelude shape defined in \`smithy.api\`.`,
        apply.location,
        shapeId,
      );
    }
    return;
  }
  if (dollar === -1) {
    addTraits(shape.traits, apply.traits, assembly, id);
    return;
  }
  const memberName = id.slice(dollar + 1);
  let member = shape.members.find((candidate) => candidate.name === memberName);
  if (member === undefined) {
    // The member may come from a mixin: an applied trait makes it a local override.
    member = { name: memberName, traits: new Map(), location: apply.location, local: false };
    shape.members.push(member);
  }
  addTraits(member.traits, apply.traits, assembly, id);
}

function mergeMetadata(files: DraftFile[], assembly: Assembly): Record<string, NodeValue> {
  const result: Record<string, NodeValue> = {};
  const metadataFiles = new Map<string, string>();
  for (const file of files) {
    for (const entry of file.metadata) {
      const value = assembly.resolver.resolveNode(entry.value);
      const existing = result[entry.key];
      if (existing === undefined || !Object.hasOwn(result, entry.key)) {
        result[entry.key] = value;
        metadataFiles.set(entry.key, file.context.filename);
      } else if (Array.isArray(existing) && Array.isArray(value)) {
        result[entry.key] = [...existing, ...value];
      } else if (!nodeEquals(existing, value)) {
        assembly.error(
          `Metadata conflict for key \`${entry.key}\`. Defined in both \`${metadataFiles.get(entry.key) ?? "?"}\` and \`${file.context.filename}\``,
          entry.location,
        );
      }
    }
  }
  return result;
}

function fillEnumValues(assembly: Assembly): void {
  for (const shape of assembly.shapes.values()) {
    if (shape.type !== "enum" && shape.type !== "intEnum") continue;
    for (const member of shape.members) {
      const memberId = `${shape.id}$${member.name}`;
      member.target = "smithy.api#Unit";
      const slot = member.traits.get("smithy.api#enumValue");
      if (shape.type === "enum") {
        if (slot === undefined) {
          member.traits.set("smithy.api#enumValue", { value: member.name, location: member.location });
        } else if (typeof slot.value !== "string") {
          assembly.error(
            `enum members can only be assigned string values, but found: ${describeValue(slot.value, slot.numberLexeme)}`,
            slot.location,
            memberId,
            "EnumShape",
          );
        }
        continue;
      }
      if (slot === undefined) {
        assembly.error("intEnum members must have an enumValue", member.location, memberId, "EnumShape");
      } else if (typeof slot.value !== "number") {
        assembly.error(
          `intEnum members require integer values, but found: ${describeValue(slot.value)}`,
          slot.location,
          memberId,
          "EnumShape",
        );
      } else if (/[.eE]/.test(slot.numberLexeme ?? "") || !Number.isInteger(slot.value)) {
        assembly.error(
          "intEnum members do not support floating point values",
          slot.location,
          memberId,
          "EnumShape",
        );
      } else if (slot.value > 2147483647 || slot.value < -2147483648) {
        assembly.error(
          `intEnum members must fit within an integer, but found: ${slot.numberLexeme ?? slot.value}`,
          slot.location,
          memberId,
          "EnumShape",
        );
      }
    }
  }
}

function describeValue(value: NodeValue | undefined, lexeme?: string): string {
  if (lexeme !== undefined) return lexeme;
  if (value === undefined) return "null";
  return JSON.stringify(value);
}

function traitsToAst(traits: TraitMap): Record<string, NodeValue> | undefined {
  if (traits.size === 0) return undefined;
  const result: Record<string, NodeValue> = {};
  for (const [name, slot] of traits) result[name] = slot.value ?? null;
  return result;
}

function memberToAst(member: BuildingMember): AstMember {
  const result: AstMember = { target: member.target ?? "smithy.api#Unit" };
  const traits = traitsToAst(member.traits);
  if (traits !== undefined) result.traits = traits;
  return result;
}

function target(value: NodeValue | undefined): AstTarget | undefined {
  return typeof value === "string" ? { target: value } : undefined;
}

function targets(value: NodeValue | undefined): AstTarget[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((item): item is string => typeof item === "string").map((item) => ({ target: item }));
}

function toAstShape(shape: BuildingShape): AstShape {
  const result: AstShape = { type: shape.type };
  if (shape.mixins.length > 0) result.mixins = shape.mixins.map((id) => ({ target: id }));
  switch (shape.type) {
    case "list":
    case "set": {
      const member = shape.members.find((candidate) => candidate.name === "member");
      if (member) result.member = memberToAst(member);
      break;
    }
    case "map": {
      const key = shape.members.find((candidate) => candidate.name === "key");
      const value = shape.members.find((candidate) => candidate.name === "value");
      if (key) result.key = memberToAst(key);
      if (value) result.value = memberToAst(value);
      break;
    }
    case "structure":
    case "union":
    case "enum":
    case "intEnum": {
      const members: Record<string, AstMember> = {};
      for (const member of shape.members) members[member.name] = memberToAst(member);
      result.members = members;
      break;
    }
    default:
      break;
  }
  const props = shape.properties;
  for (const key of ["input", "output", "create", "put", "read", "update", "delete", "list"] as const) {
    const value = target(props.get(key));
    if (value && value.target !== "smithy.api#Unit") result[key] = value;
    else if (value && shape.type !== "operation") result[key] = value;
  }
  for (const key of ["operations", "resources", "errors", "collectionOperations"] as const) {
    const value = targets(props.get(key));
    if (value && value.length > 0) result[key] = value;
  }
  for (const key of ["identifiers", "properties"] as const) {
    const value = props.get(key);
    if (
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      Object.keys(value).length > 0
    ) {
      const map: Record<string, AstTarget> = {};
      for (const [name, id] of Object.entries(value)) if (typeof id === "string") map[name] = { target: id };
      result[key] = map;
    }
  }
  const version = props.get("version");
  if (typeof version === "string") result.version = version;
  const rename = props.get("rename");
  if (
    rename !== null &&
    typeof rename === "object" &&
    !Array.isArray(rename) &&
    Object.keys(rename).length > 0
  ) {
    const map: Record<string, string> = {};
    for (const [from, to] of Object.entries(rename)) if (typeof to === "string") map[from] = to;
    result.rename = map;
  }
  const traits = traitsToAst(shape.traits);
  if (traits !== undefined) result.traits = traits;
  return result;
}
