// Basic lookups over an assembled AstModel (see the assembled-model contract in the brief).
import type { AstMember, AstModel, AstShape, NodeValue, ShapeType } from "../ast.js";

/** Types of the prelude's simple shapes, so hand-built models without the prelude still resolve. */
const PRELUDE_TYPES: Record<string, ShapeType> = {
  Blob: "blob",
  Boolean: "boolean",
  PrimitiveBoolean: "boolean",
  String: "string",
  Byte: "byte",
  PrimitiveByte: "byte",
  Short: "short",
  PrimitiveShort: "short",
  Integer: "integer",
  PrimitiveInteger: "integer",
  Long: "long",
  PrimitiveLong: "long",
  Float: "float",
  PrimitiveFloat: "float",
  Double: "double",
  PrimitiveDouble: "double",
  BigInteger: "bigInteger",
  BigDecimal: "bigDecimal",
  Timestamp: "timestamp",
  Document: "document",
  Unit: "structure",
};

/** The shape with this absolute ID, or undefined. Prelude simple shapes resolve even when absent from `model`. */
export function getShape(model: AstModel, id: string): AstShape | undefined {
  const shape = model.shapes[id];
  if (shape) return shape;
  if (id.startsWith("smithy.api#")) {
    const type = PRELUDE_TYPES[id.slice("smithy.api#".length)];
    if (type)
      return type === "structure" ? { type, members: {}, traits: { "smithy.api#unitType": {} } } : { type };
  }
  return undefined;
}

/** Like getShape but throws when the shape is missing (for IDs a valid model guarantees). */
export function expectShape(model: AstModel, id: string): AstShape {
  const shape = getShape(model, id);
  if (!shape) throw new Error(`Shape not found in model: ${id}`);
  return shape;
}

/** The shape a member targets (undefined when the target is missing). */
export function memberTarget(model: AstModel, member: AstMember): AstShape | undefined {
  return getShape(model, member.target);
}

/** The type of the shape a member targets, e.g. "string" for a member targeting smithy.api#String. */
export function targetType(model: AstModel, member: AstMember): ShapeType | undefined {
  const type = getShape(model, member.target)?.type;
  return type === "apply" ? undefined : type;
}

type HasTraits = { traits?: Record<string, NodeValue> } | undefined;

/** Whether a shape or member carries the trait (`traitId` is absolute, e.g. "smithy.api#required"). */
export function hasTrait(node: HasTraits, traitId: string): boolean {
  return node?.traits !== undefined && Object.hasOwn(node.traits, traitId);
}

/** The trait's value on a shape or member, or undefined. */
export function getTrait(node: HasTraits, traitId: string): NodeValue | undefined {
  if (!node?.traits || !Object.hasOwn(node.traits, traitId)) return undefined;
  return node.traits[traitId];
}

/** The trait value when it is a string (e.g. documentation, httpHeader), else undefined. */
export function getStringTrait(node: HasTraits, traitId: string): string | undefined {
  const value = getTrait(node, traitId);
  return typeof value === "string" ? value : undefined;
}

/**
 * A member trait, falling back to the target shape's trait — the rule Smithy uses for traits
 * such as documentation, timestampFormat or length that may sit on either.
 */
export function getMemberOrTargetTrait(
  model: AstModel,
  member: AstMember,
  traitId: string,
): NodeValue | undefined {
  return getTrait(member, traitId) ?? getTrait(getShape(model, member.target), traitId);
}

/** "com.example#Foo" → "Foo"; "com.example#Foo$bar" → "Foo$bar". */
export function shapeName(id: string): string {
  const hash = id.indexOf("#");
  return hash < 0 ? id : id.slice(hash + 1);
}

/** "com.example#Foo" → "com.example". */
export function shapeNamespace(id: string): string {
  const hash = id.indexOf("#");
  return hash < 0 ? "" : id.slice(0, hash);
}

/** The members of a structure/union/enum shape in declaration order (mixin members first). */
export function structureMembers(model: AstModel, id: string): [string, AstMember][] {
  return Object.entries(getShape(model, id)?.members ?? {});
}

/** Whether a member is @required (and so must be present on the wire). */
export function isRequired(member: AstMember): boolean {
  return hasTrait(member, "smithy.api#required");
}

/** True for smithy.api#Unit (the "no input/output" marker). */
export function isUnit(id: string | undefined): boolean {
  return id === undefined || id === "smithy.api#Unit";
}
