// The unassembled form of a model file, produced by both the IDL parser and the JSON AST reader.
// Shape references stay as written (relative names in IDL) until every file is loaded, because
// a relative name can refer to a shape defined later or in another file (forward references).

import type { NodeValue, ShapeType } from "../ast.js";
import type { SourceLocation, ValidationEvent } from "../events.js";

export type IdlVersion = "1.0" | "2.0";

/** Where and how the names in one file resolve. */
export interface FileContext {
  filename: string;
  /** Namespace of the file; relative names in it resolve here (`smithy.api` before one is declared). */
  namespace: string;
  /** `use` imports: local name → absolute shape ID. */
  uses: Map<string, string>;
  version: IdlVersion;
  /** JSON AST files contain only absolute shape IDs. */
  absoluteOnly: boolean;
}

/** A shape ID as written in a model file. */
export interface ShapeRef {
  name: string;
  location: SourceLocation;
  context: FileContext;
}

/** An unquoted shape ID in an IDL node value (a "syntactic shape ID"), resolved when assembling. */
export class ShapeIdNode {
  constructor(readonly ref: ShapeRef) {}
}

export type DraftNode = null | boolean | number | string | DraftNode[] | DraftObject | ShapeIdNode;
export interface DraftObject {
  [key: string]: DraftNode;
}

export interface DraftTrait {
  name: ShapeRef;
  /** `undefined` for an annotation trait written without a value (`@required`, `@foo()`). */
  value: DraftNode | undefined;
  location: SourceLocation;
  /** The number as written, for values whose exact form matters (intEnum values). */
  numberLexeme?: string;
}

export interface DraftMember {
  name: string;
  /** Absent when the target is elided (`$name`) and must come from a mixin or bound resource. */
  target?: ShapeRef;
  traits: DraftTrait[];
  location: SourceLocation;
}

export interface DraftShape {
  /** Absolute shape ID. */
  id: string;
  type: ShapeType;
  location: SourceLocation;
  context: FileContext;
  traits: DraftTrait[];
  mixins: ShapeRef[];
  members: DraftMember[];
  /** `for Resource` on a structure: elided members may take their targets from the resource. */
  forResource?: ShapeRef;
  /** Properties of service, resource and operation shapes; shape IDs appear as ShapeIdNode. */
  properties: Map<string, { value: DraftNode; location: SourceLocation }>;
}

export interface DraftApply {
  target: ShapeRef;
  traits: DraftTrait[];
  location: SourceLocation;
}

export interface DraftMetadata {
  key: string;
  value: DraftNode;
  location: SourceLocation;
}

/** Everything read from one model file. */
export interface DraftFile {
  context: FileContext;
  shapes: DraftShape[];
  applies: DraftApply[];
  metadata: DraftMetadata[];
  events: ValidationEvent[];
}

/** Converts a plain JSON value into a draft node (JSON contains no syntactic shape IDs). */
export function draftFromJson(value: NodeValue): DraftNode {
  return value;
}
