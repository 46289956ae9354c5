// Attribute values of selectors (https://smithy.io/2.0/spec/selectors.html#attributes):
// `id`, `trait`, `service`, `var`, node values, projections, and the comparators over them.

import type { NodeValue } from "../ast.js";
import type { Comparator } from "./ast.js";
import type { SelectorGraph, SelectorShape } from "./graph.js";

export type Variables = ReadonlyMap<string, ReadonlySet<string>>;

export type AttributeValue =
  | { kind: "empty" }
  | { kind: "shape"; shape: SelectorShape; vars: Variables }
  | { kind: "id"; id: string }
  | { kind: "string"; value: string }
  | { kind: "service"; shape: SelectorShape }
  | { kind: "traits"; shape: SelectorShape }
  | { kind: "node"; value: NodeValue }
  | { kind: "vars"; vars: Variables }
  | { kind: "projection"; items: AttributeValue[] };

const EMPTY: AttributeValue = { kind: "empty" };
const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

export function shapeAttribute(shape: SelectorShape, vars: Variables): AttributeValue {
  return { kind: "shape", shape, vars };
}

/** Follows a `|`-separated path from an attribute value. */
export function attributePath(value: AttributeValue, path: string[], graph: SelectorGraph): AttributeValue {
  let current = value;
  for (const key of path) current = property(current, key, graph);
  return current;
}

function property(value: AttributeValue, key: string, graph: SelectorGraph): AttributeValue {
  switch (value.kind) {
    case "empty":
      return EMPTY;
    case "shape":
      switch (key) {
        case "id":
          return { kind: "id", id: value.shape.id };
        case "trait":
          return { kind: "traits", shape: value.shape };
        case "service":
          return value.shape.type === "service" ? { kind: "service", shape: value.shape } : EMPTY;
        case "var":
          return { kind: "vars", vars: value.vars };
        default:
          return EMPTY;
      }
    case "id": {
      const hash = value.id.indexOf("#");
      const dollar = value.id.indexOf("$");
      switch (key) {
        case "namespace":
          return { kind: "string", value: value.id.slice(0, hash) };
        case "name":
          return { kind: "string", value: value.id.slice(hash + 1, dollar === -1 ? undefined : dollar) };
        case "member":
          return dollar === -1 ? EMPTY : { kind: "string", value: value.id.slice(dollar + 1) };
        case "(length)":
          return { kind: "node", value: value.id.length };
        default:
          return EMPTY;
      }
    }
    case "string":
      return key === "(length)" ? { kind: "node", value: value.value.length } : EMPTY;
    case "service": {
      if (key === "id") return { kind: "id", id: value.shape.id };
      if (key === "version") {
        const version = value.shape.shape?.version;
        return version === undefined ? EMPTY : { kind: "string", value: version };
      }
      return EMPTY;
    }
    case "traits": {
      const traits = value.shape.traits;
      if (key === "(keys)") return projection(Object.keys(traits).map((id) => ({ kind: "id", id })));
      if (key === "(values)")
        return projection(Object.values(traits).map((node) => ({ kind: "node", value: node })));
      if (key === "(length)") return { kind: "node", value: Object.keys(traits).length };
      const id = key.includes("#") ? key : `smithy.api#${key}`;
      return Object.hasOwn(traits, id) ? { kind: "node", value: traits[id] ?? null } : EMPTY;
    }
    case "node":
      return nodeProperty(value.value, key);
    case "vars": {
      const shapes = value.vars.get(key);
      if (shapes === undefined) return EMPTY;
      const items: AttributeValue[] = [];
      for (const id of shapes) {
        const shape = graph.shapes.get(id);
        if (shape !== undefined) items.push({ kind: "shape", shape, vars: value.vars });
      }
      return projection(items);
    }
    case "projection": {
      if (key === "(first)") return flatten(value)[0] ?? EMPTY;
      return projection(
        value.items.map((item) => property(item, key, graph)).filter((item) => item.kind !== "empty"),
      );
    }
  }
}

function nodeProperty(node: NodeValue, key: string): AttributeValue {
  const isObject = node !== null && typeof node === "object" && !Array.isArray(node);
  switch (key) {
    case "(keys)":
      return isObject ? projection(Object.keys(node).map((item) => ({ kind: "node", value: item }))) : EMPTY;
    case "(values)":
      if (Array.isArray(node)) return projection(node.map((item) => ({ kind: "node", value: item })));
      if (isObject) return projection(Object.values(node).map((item) => ({ kind: "node", value: item })));
      return EMPTY;
    case "(length)":
      if (Array.isArray(node)) return { kind: "node", value: node.length };
      if (isObject) return { kind: "node", value: Object.keys(node).length };
      if (typeof node === "string") return { kind: "node", value: node.length };
      return EMPTY;
    default:
      return isObject && Object.hasOwn(node, key) ? { kind: "node", value: node[key] ?? null } : EMPTY;
  }
}

function projection(items: AttributeValue[]): AttributeValue {
  return { kind: "projection", items };
}

function flatten(value: AttributeValue): AttributeValue[] {
  return value.kind === "projection" ? value.items.flatMap(flatten) : [value];
}

export function exists(value: AttributeValue): boolean {
  if (value.kind === "empty") return false;
  if (value.kind === "projection") return value.items.length > 0;
  return true;
}

/** The string form used by string comparators; undefined when there is no value. */
export function stringOf(value: AttributeValue): string | undefined {
  switch (value.kind) {
    case "empty":
      return undefined;
    case "shape":
    case "service":
      return value.shape.id;
    case "id":
      return value.id;
    case "string":
      return value.value;
    case "node": {
      const node = value.value;
      if (typeof node === "string") return node;
      if (typeof node === "number" || typeof node === "boolean") return String(node);
      return "";
    }
    default:
      return "";
  }
}

/** Does `left` satisfy `comparator` against at least one of `right`? */
export function compare(
  left: AttributeValue,
  comparator: Comparator,
  right: AttributeValue[],
  insensitive: boolean,
): boolean {
  if (comparator.startsWith("{")) return compareProjections(left, comparator, right, insensitive);
  const lefts = flatten(left);
  const rights = right.flatMap(flatten);
  return lefts.some((l) => rights.some((r) => compareOne(l, comparator, r, insensitive)));
}

function compareOne(
  left: AttributeValue,
  comparator: Comparator,
  right: AttributeValue,
  insensitive: boolean,
): boolean {
  if (comparator === "?=") {
    const wanted = stringOf(right);
    if (wanted === "true") return exists(left);
    if (wanted === "false") return !exists(left);
    return false;
  }
  let l = stringOf(left);
  let r = stringOf(right);
  if (l === undefined || r === undefined) return false;
  if (insensitive) {
    l = l.toLowerCase();
    r = r.toLowerCase();
  }
  switch (comparator) {
    case "=":
      return l === r;
    case "!=":
      return l !== r;
    case "^=":
      return l.startsWith(r);
    case "$=":
      return l.endsWith(r);
    case "*=":
      return l.includes(r);
    default: {
      if (!NUMBER.test(l) || !NUMBER.test(r)) return false;
      const a = Number(l);
      const b = Number(r);
      if (comparator === ">") return a > b;
      if (comparator === ">=") return a >= b;
      if (comparator === "<") return a < b;
      return a <= b;
    }
  }
}

function compareProjections(
  left: AttributeValue,
  comparator: Comparator,
  right: AttributeValue[],
  insensitive: boolean,
): boolean {
  const strings = (values: AttributeValue[]): Set<string> => {
    const result = new Set<string>();
    for (const value of values.flatMap(flatten)) {
      const text = stringOf(value);
      if (text !== undefined) result.add(insensitive ? text.toLowerCase() : text);
    }
    return result;
  };
  const a = strings([left]);
  const b = strings(right);
  const subset = [...a].every((item) => b.has(item));
  switch (comparator) {
    case "{=}":
      return subset && a.size === b.size;
    case "{!=}":
      return !(subset && a.size === b.size);
    case "{<}":
      return subset;
    default:
      return subset && a.size < b.size;
  }
}
