// Mutable shapes used while assembling, before they become plain JSON AST objects.

import type { NodeValue, ShapeType } from "../ast.js";
import type { SourceLocation } from "../events.js";
import type { DraftShape, IdlVersion } from "./draft.js";

export interface TraitSlot {
  /** `undefined` until an annotation trait written without a value is normalized. */
  value: NodeValue | undefined;
  location: SourceLocation;
  numberLexeme?: string;
}

export type TraitMap = Map<string, TraitSlot>;

export interface BuildingMember {
  name: string;
  /** Absolute target; absent while elided. */
  target?: string;
  traits: TraitMap;
  location: SourceLocation;
  /** The member was declared on this shape (not only inherited from a mixin). */
  local: boolean;
}

export interface BuildingShape {
  id: string;
  type: ShapeType;
  location: SourceLocation;
  version: IdlVersion;
  draft: DraftShape;
  traits: TraitMap;
  members: BuildingMember[];
  mixins: string[];
  forResource?: string;
  /** service/resource/operation properties with shape IDs resolved. */
  properties: Map<string, NodeValue>;
  /** Set once mixins are flattened into this shape. */
  flattened: boolean;
  /** The shape could not be built (e.g. a list without member); it is left out of the model. */
  failed?: boolean;
}

export function cloneTraits(traits: TraitMap): TraitMap {
  return new Map([...traits].map(([key, slot]) => [key, { ...slot }]));
}
