// The Smithy JSON AST (https://smithy.io/2.0/spec/json-ast.html) as TypeScript types.
// It is both an input format (JSON model files) and the in-memory form of an assembled model:
// every stage after loading reads and writes these plain objects.

/** A JSON-compatible node value: trait values, metadata, defaults. */
export type NodeValue = null | boolean | number | string | NodeValue[] | NodeObject;
export interface NodeObject {
  [key: string]: NodeValue;
}

export type SimpleShapeType =
  | "blob"
  | "boolean"
  | "string"
  | "byte"
  | "short"
  | "integer"
  | "long"
  | "float"
  | "double"
  | "bigInteger"
  | "bigDecimal"
  | "timestamp"
  | "document"
  | "enum"
  | "intEnum";

/** Simple shapes whose values are numbers (intEnum, a number with members, is not one of them). */
export const NUMBER_SHAPE_TYPES: ReadonlySet<string> = new Set([
  "byte",
  "short",
  "integer",
  "long",
  "float",
  "double",
  "bigInteger",
  "bigDecimal",
]);

/** Simple shapes that hold one value (not enum or intEnum, which have members). */
export const SCALAR_SHAPE_TYPES: ReadonlySet<string> = new Set([
  "blob",
  "boolean",
  "string",
  "byte",
  "short",
  "integer",
  "long",
  "float",
  "double",
  "bigInteger",
  "bigDecimal",
  "timestamp",
  "document",
]);

/** Every simple shape type: the scalars plus enum and intEnum. */
export const SIMPLE_SHAPE_TYPES: ReadonlySet<string> = new Set([...SCALAR_SHAPE_TYPES, "enum", "intEnum"]);

export type AggregateShapeType = "list" | "set" | "map" | "structure" | "union";
export type ServiceShapeType = "service" | "operation" | "resource";
export type ShapeType = SimpleShapeType | AggregateShapeType | ServiceShapeType;

/** A reference to another shape by absolute shape ID. */
export interface AstTarget {
  target: string;
}

export interface AstMember extends AstTarget {
  traits?: Record<string, NodeValue>;
}

export interface AstShape {
  type: ShapeType | "apply";
  traits?: Record<string, NodeValue>;
  mixins?: AstTarget[];
  /** structure, union, enum, intEnum */
  members?: Record<string, AstMember>;
  /** list, set */
  member?: AstMember;
  /** map */
  key?: AstMember;
  value?: AstMember;
  /** service */
  version?: string;
  rename?: Record<string, string>;
  /** service, resource */
  operations?: AstTarget[];
  resources?: AstTarget[];
  /** service, operation */
  errors?: AstTarget[];
  /** operation */
  input?: AstTarget;
  output?: AstTarget;
  /** resource */
  identifiers?: Record<string, AstTarget>;
  properties?: Record<string, AstTarget>;
  create?: AstTarget;
  put?: AstTarget;
  read?: AstTarget;
  update?: AstTarget;
  delete?: AstTarget;
  list?: AstTarget;
  collectionOperations?: AstTarget[];
}

export interface AstModel {
  smithy: string;
  metadata?: Record<string, NodeValue>;
  shapes: Record<string, AstShape>;
}
