// Serializing an assembled model for output (`smithy ast`): without the prelude and bundled
// trait models, shapes and traits in sorted order, member order kept (it is significant).

import type { AstModel, AstShape, NodeValue } from "../ast.js";
import { builtInShapeIds } from "./load-model.js";

export interface SerializeOptions {
  /** Keep smithy.api shapes and the bundled trait models (default false). */
  includePrelude?: boolean;
}

function sortObject<T>(value: Record<string, T>): Record<string, T> {
  const result: Record<string, T> = {};
  for (const key of Object.keys(value).sort()) result[key] = value[key] as T;
  return result;
}

function sortNode(value: NodeValue): NodeValue {
  if (Array.isArray(value)) return value.map(sortNode);
  if (value !== null && typeof value === "object") {
    const result: Record<string, NodeValue> = {};
    for (const key of Object.keys(value).sort()) result[key] = sortNode(value[key] as NodeValue);
    return result;
  }
  return value;
}

function sortShape(shape: AstShape): AstShape {
  const result: AstShape = { ...shape };
  if (shape.traits) result.traits = sortNode(shape.traits) as Record<string, NodeValue>;
  if (shape.members) {
    const members: NonNullable<AstShape["members"]> = {};
    for (const [name, member] of Object.entries(shape.members)) {
      members[name] = member.traits
        ? { ...member, traits: sortNode(member.traits) as Record<string, NodeValue> }
        : member;
    }
    result.members = members;
  }
  for (const key of ["member", "key", "value"] as const) {
    const member = shape[key];
    if (member?.traits)
      result[key] = { ...member, traits: sortNode(member.traits) as Record<string, NodeValue> };
  }
  return result;
}

export function serializeModel(model: AstModel, options: SerializeOptions = {}): AstModel {
  const hidden = options.includePrelude ? new Set<string>() : builtInShapeIds();
  const shapes: AstModel["shapes"] = {};
  for (const id of Object.keys(model.shapes).sort()) {
    if (hidden.has(id) || (!options.includePrelude && id.startsWith("smithy.api#"))) continue;
    shapes[id] = sortShape(model.shapes[id] as AstShape);
  }
  if (model.metadata && Object.keys(model.metadata).length > 0) {
    return {
      smithy: model.smithy,
      metadata: sortNode(sortObject(model.metadata)) as Record<string, NodeValue>,
      shapes,
    };
  }
  return { smithy: model.smithy, shapes };
}
