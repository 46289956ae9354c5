// Small helpers for checking node values read from metadata.

import type { NodeObject, NodeValue } from "../ast.js";

export function isNodeObject(value: NodeValue | undefined): value is NodeObject {
  return value !== null && value !== undefined && typeof value === "object" && !Array.isArray(value);
}

/** The node type name Smithy uses in messages: object, array, string, number, boolean, null. */
export function describeNodeType(value: NodeValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "object" ? "object" : typeof value;
}
