// The shapes of an assembled model as selectors see them: every shape and every member is a
// node, connected by the labelled relationships of
// https://smithy.io/2.0/spec/selectors.html#selector-relationships.

import { type AstModel, type AstShape, NUMBER_SHAPE_TYPES, type NodeValue } from "../ast.js";

export interface SelectorShape {
  id: string;
  /** Shape type; members are "member". */
  type: string;
  traits: Record<string, NodeValue>;
  /** The JSON AST of a top-level shape. */
  shape?: AstShape;
  /** For members: the containing shape and the target. */
  container?: string;
  target?: string;
}

export interface Relationship {
  /** Selector label; "" for a member's target (which has no label). */
  label: string;
  to: string;
}

const LIFECYCLE = ["create", "put", "read", "update", "delete", "list"] as const;
const UNIT = "smithy.api#Unit";

export class SelectorGraph {
  readonly shapes = new Map<string, SelectorShape>();
  private readonly forward = new Map<string, Relationship[]>();
  private reverse: Map<string, Relationship[]> | undefined;
  private reverseWithTraits: Map<string, Relationship[]> | undefined;
  /** Results of whole-model selectors used by `:in` and `:root`, keyed by expression. */
  readonly cache = new Map<unknown, Set<string>>();

  constructor(readonly model: AstModel) {
    for (const [id, shape] of Object.entries(model.shapes)) {
      if (shape.type === "apply") continue;
      this.shapes.set(id, { id, type: shape.type, traits: shape.traits ?? {}, shape });
      for (const [name, member] of memberList(shape)) {
        const memberId = `${id}$${name}`;
        this.shapes.set(memberId, {
          id: memberId,
          type: "member",
          traits: member.traits ?? {},
          container: id,
          target: member.target,
        });
      }
    }
  }

  /** All shapes, members included, in model order. */
  all(): IterableIterator<SelectorShape> {
    return this.shapes.values();
  }

  /** Forward relationships, without `trait` ones unless asked for. */
  neighbors(shape: SelectorShape, withTraits: boolean): Relationship[] {
    let result = this.forward.get(shape.id);
    if (result === undefined) {
      result = this.computeForward(shape);
      this.forward.set(shape.id, result);
    }
    if (!withTraits) return result;
    return [...result, ...Object.keys(shape.traits).map((id) => ({ label: "trait", to: id }))];
  }

  /** Reverse relationships: `to` is the shape the relationship comes from. */
  reverseNeighbors(shape: SelectorShape, withTraits: boolean): Relationship[] {
    if (withTraits) {
      this.reverseWithTraits ??= this.buildReverse(true);
      return this.reverseWithTraits.get(shape.id) ?? [];
    }
    this.reverse ??= this.buildReverse(false);
    return this.reverse.get(shape.id) ?? [];
  }

  private buildReverse(withTraits: boolean): Map<string, Relationship[]> {
    const result = new Map<string, Relationship[]>();
    for (const shape of this.shapes.values()) {
      for (const rel of this.neighbors(shape, withTraits)) {
        let list = result.get(rel.to);
        if (list === undefined) {
          list = [];
          result.set(rel.to, list);
        }
        list.push({ label: rel.label, to: shape.id });
      }
    }
    return result;
  }

  private computeForward(node: SelectorShape): Relationship[] {
    const result: Relationship[] = [];
    const add = (label: string, to: string | undefined) => {
      if (to !== undefined && this.shapes.has(to)) result.push({ label, to });
    };
    if (node.type === "member") {
      add("", node.target);
      return result;
    }
    const shape = node.shape;
    if (shape === undefined) return result;
    for (const [name] of memberList(shape)) add("member", `${node.id}$${name}`);
    for (const mixin of shape.mixins ?? []) add("mixin", mixin.target);
    switch (shape.type) {
      case "service":
        for (const ref of shape.operations ?? []) add("operation", ref.target);
        for (const ref of shape.resources ?? []) add("resource", ref.target);
        for (const ref of shape.errors ?? []) add("error", ref.target);
        break;
      case "resource":
        for (const ref of Object.values(shape.identifiers ?? {})) add("identifier", ref.target);
        for (const ref of Object.values(shape.properties ?? {})) add("property", ref.target);
        for (const key of LIFECYCLE) add(key, shape[key]?.target);
        for (const ref of shape.operations ?? []) add("operation", ref.target);
        for (const ref of shape.collectionOperations ?? []) add("collectionOperation", ref.target);
        for (const ref of shape.resources ?? []) add("resource", ref.target);
        break;
      case "operation":
        if (shape.input && shape.input.target !== UNIT) add("input", shape.input.target);
        if (shape.output && shape.output.target !== UNIT) add("output", shape.output.target);
        for (const ref of shape.errors ?? []) add("error", ref.target);
        break;
      default:
        break;
    }
    return result;
  }
}

function memberList(shape: AstShape): [string, { target: string; traits?: Record<string, NodeValue> }][] {
  const result: [string, { target: string; traits?: Record<string, NodeValue> }][] = [];
  if (shape.members) result.push(...Object.entries(shape.members));
  if (shape.member) result.push(["member", shape.member]);
  if (shape.key) result.push(["key", shape.key]);
  if (shape.value) result.push(["value", shape.value]);
  return result;
}

// The selector's `number` matches intEnum shapes too, as Smithy's does.
const NUMBER_TYPES = new Set([...NUMBER_SHAPE_TYPES, "intEnum"]);
const SIMPLE_TYPES = new Set([...NUMBER_TYPES, "blob", "boolean", "document", "string", "enum", "timestamp"]);
const AGGREGATE_TYPES = new Set(["list", "set", "map", "structure", "union"]);
const SERVICE_TYPES = new Set(["service", "operation", "resource"]);

/** Does a shape of `type` match the shape type keyword (enum is a string, intEnum an integer, …)? */
export function matchesShapeType(keyword: string, type: string): boolean {
  switch (keyword) {
    case "number":
      return NUMBER_TYPES.has(type);
    case "simpleType":
      return SIMPLE_TYPES.has(type);
    case "collection":
      return type === "list" || type === "set";
    case "aggregateType":
      return AGGREGATE_TYPES.has(type);
    case "serviceType":
      return SERVICE_TYPES.has(type);
    case "dataType":
      return SIMPLE_TYPES.has(type) || AGGREGATE_TYPES.has(type);
    case "string":
      return type === "string" || type === "enum";
    case "integer":
      return type === "integer" || type === "intEnum";
    case "list":
      return type === "list" || type === "set";
    default:
      return keyword === type;
  }
}
