// Evaluating selectors. Shapes are pushed one at a time through the expressions of a selector
// (depth first), so variables captured by `$name(...)` are visible to the expressions after it.

import type { AstModel } from "../ast.js";
import type { SelectorExpression } from "./ast.js";
import { attributePath, compare, exists, shapeAttribute, type Variables } from "./attributes.js";
import { matchesShapeType, SelectorGraph, type SelectorShape } from "./graph.js";
import { parseSelector } from "./parser.js";

/** Receives each shape a selector yields; returns false to stop the evaluation. */
type Receiver = (shape: SelectorShape, vars: Variables) => boolean;

const graphs = new WeakMap<AstModel, SelectorGraph>();

/** The selector view of a model, built once per model object. */
export function selectorGraph(model: AstModel): SelectorGraph {
  let graph = graphs.get(model);
  if (graph === undefined) {
    graph = new SelectorGraph(model);
    graphs.set(model, graph);
  }
  return graph;
}

export class Selector {
  readonly expressions: SelectorExpression[];

  constructor(readonly text: string) {
    this.expressions = parseSelector(text);
  }

  toString(): string {
    return this.text;
  }

  /**
   * Which of `candidates` the selector yields. Instead of starting from every shape, it starts
   * from the shapes that can reach a candidate through the selector's top-level neighbor steps
   * (walked backwards), when those steps allow it.
   */
  matching(model: AstModel, candidates: Iterable<string>): Set<string> {
    const wanted = new Set(candidates);
    const starts = this.startingShapes(selectorGraph(model), wanted);
    const result = new Set<string>();
    for (const id of this.select(model, starts)) if (wanted.has(id)) result.add(id);
    return result;
  }

  private startingShapes(graph: SelectorGraph, targets: Set<string>): Iterable<string> | undefined {
    const steps: Extract<SelectorExpression, { kind: "neighbor" }>[] = [];
    for (const expression of this.expressions) {
      if (expression.kind === "neighbor") steps.push(expression);
      else if (!isFilter(expression)) return undefined;
    }
    let current: Set<string> = targets;
    for (const step of steps.reverse()) {
      const previous = new Set<string>();
      const withTraits = step.relationships.includes("trait");
      for (const id of current) {
        const shape = graph.shapes.get(id);
        if (shape === undefined) continue;
        // Walking a forward step backwards means following reverse relationships, and vice versa.
        const rels =
          step.direction === "forward"
            ? graph.reverseNeighbors(shape, withTraits)
            : graph.neighbors(shape, withTraits);
        for (const rel of rels) {
          if (step.relationships.length === 0 || step.relationships.includes(rel.label)) previous.add(rel.to);
        }
      }
      current = previous;
    }
    return current;
  }

  /** The IDs of the shapes the selector yields, starting from every shape (or from `start`). */
  select(model: AstModel, start?: Iterable<string>): Set<string> {
    const graph = selectorGraph(model);
    const result = new Set<string>();
    const receive: Receiver = (shape) => {
      result.add(shape.id);
      return true;
    };
    const empty: Variables = new Map();
    if (start === undefined) {
      for (const shape of graph.all()) run(graph, this.expressions, 0, shape, empty, receive);
    } else {
      for (const id of start) {
        const shape = graph.shapes.get(id);
        if (shape !== undefined) run(graph, this.expressions, 0, shape, empty, receive);
      }
    }
    return result;
  }

  /** Each yielded shape with the variables captured on the way to it. */
  matches(model: AstModel): { id: string; vars: Variables }[] {
    const graph = selectorGraph(model);
    const result: { id: string; vars: Variables }[] = [];
    for (const shape of graph.all()) {
      run(graph, this.expressions, 0, shape, new Map(), (match, vars) => {
        result.push({ id: match.id, vars });
        return true;
      });
    }
    return result;
  }
}

function isFilter(expression: SelectorExpression): boolean {
  switch (expression.kind) {
    case "any":
    case "type":
    case "attribute":
    case "scoped":
      return true;
    case "function":
      return (
        expression.name === "not" ||
        expression.name === "test" ||
        expression.name === "in" ||
        (expression.name === "is" && expression.args.every((arg) => arg.every(isFilter)))
      );
    case "setVariable":
      return true;
    default:
      return false;
  }
}

/** Pushes `shape` through expressions[index..], calling `next` for every shape that comes out. */
function run(
  graph: SelectorGraph,
  expressions: SelectorExpression[],
  index: number,
  shape: SelectorShape,
  vars: Variables,
  next: Receiver,
): boolean {
  const expression = expressions[index];
  if (expression === undefined) return next(shape, vars);
  const onward: Receiver = (result, resultVars) =>
    run(graph, expressions, index + 1, result, resultVars, next);
  switch (expression.kind) {
    case "any":
      return onward(shape, vars);
    case "type":
      return matchesShapeType(expression.keyword, shape.type) ? onward(shape, vars) : true;
    case "attribute": {
      const value = attributePath(shapeAttribute(shape, vars), expression.path, graph);
      const ok =
        expression.comparator === undefined
          ? exists(value)
          : compare(
              value,
              expression.comparator,
              expression.values.map((text) => ({ kind: "string", value: text })),
              expression.insensitive,
            );
      return ok ? onward(shape, vars) : true;
    }
    case "scoped":
      return scopedMatches(graph, expression, shape, vars) ? onward(shape, vars) : true;
    case "neighbor":
      return pushNeighbors(graph, expression, shape, vars, onward);
    case "recursiveNeighbor": {
      const seen = new Set<string>([shape.id]);
      const stack = [shape];
      while (stack.length > 0) {
        const current = stack.pop() as SelectorShape;
        for (const rel of graph.neighbors(current, false)) {
          if (seen.has(rel.to)) continue;
          seen.add(rel.to);
          const neighbor = graph.shapes.get(rel.to);
          if (neighbor === undefined) continue;
          if (!onward(neighbor, vars)) return false;
          stack.push(neighbor);
        }
      }
      return true;
    }
    case "setVariable": {
      const captured = new Set<string>();
      run(graph, expression.selector, 0, shape, vars, (result) => {
        captured.add(result.id);
        return true;
      });
      const updated = new Map(vars);
      updated.set(expression.name, captured);
      return onward(shape, updated);
    }
    case "getVariable": {
      for (const id of vars.get(expression.name) ?? []) {
        const stored = graph.shapes.get(id);
        if (stored !== undefined && !onward(stored, vars)) return false;
      }
      return true;
    }
    case "function":
      return runFunction(graph, expression, shape, vars, onward);
  }
}

function yieldsAnything(
  graph: SelectorGraph,
  expressions: SelectorExpression[],
  shape: SelectorShape,
  vars: Variables,
): boolean {
  let found = false;
  run(graph, expressions, 0, shape, vars, () => {
    found = true;
    return false;
  });
  return found;
}

function runFunction(
  graph: SelectorGraph,
  expression: Extract<SelectorExpression, { kind: "function" }>,
  shape: SelectorShape,
  vars: Variables,
  onward: Receiver,
): boolean {
  const [first = [], second] = expression.args;
  switch (expression.name) {
    case "not":
      return yieldsAnything(graph, first, shape, vars) ? true : onward(shape, vars);
    case "test":
      return expression.args.some((arg) => yieldsAnything(graph, arg, shape, vars))
        ? onward(shape, vars)
        : true;
    case "is": {
      for (const arg of expression.args) {
        if (!run(graph, arg, 0, shape, vars, onward)) return false;
      }
      return true;
    }
    case "in":
      return wholeModel(graph, first).has(shape.id) ? onward(shape, vars) : true;
    case "root": {
      for (const id of wholeModel(graph, first)) {
        const root = graph.shapes.get(id);
        if (root !== undefined && !onward(root, vars)) return false;
      }
      return true;
    }
    case "recursive": {
      const seen = new Set<string>();
      const visit = (current: SelectorShape): boolean =>
        run(graph, first, 0, current, vars, (result, resultVars) => {
          if (seen.has(result.id)) return true;
          seen.add(result.id);
          return onward(result, resultVars) && visit(result);
        });
      return visit(shape);
    }
    case "topdown": {
      // The nearest enclosing shape that qualifies or disqualifies decides (members look at
      // their container).
      for (let current: SelectorShape | undefined = shape; current !== undefined; ) {
        if (second !== undefined && yieldsAnything(graph, second, current, vars)) return true;
        if (yieldsAnything(graph, first, current, vars)) return onward(shape, vars);
        current = current.container === undefined ? undefined : graph.shapes.get(current.container);
      }
      return true;
    }
    default:
      // Unknown functions match nothing, as in Smithy (which only logs a warning).
      return true;
  }
}

function wholeModel(graph: SelectorGraph, expressions: SelectorExpression[]): Set<string> {
  let result = graph.cache.get(expressions);
  if (result === undefined) {
    const found = new Set<string>();
    for (const shape of graph.all()) {
      run(graph, expressions, 0, shape, new Map(), (match) => {
        found.add(match.id);
        return true;
      });
    }
    result = found;
    graph.cache.set(expressions, result);
  }
  return result;
}

function pushNeighbors(
  graph: SelectorGraph,
  expression: Extract<SelectorExpression, { kind: "neighbor" }>,
  shape: SelectorShape,
  vars: Variables,
  onward: Receiver,
): boolean {
  const wanted = expression.relationships;
  const withTraits = wanted.includes("trait");
  const relationships =
    expression.direction === "forward"
      ? graph.neighbors(shape, withTraits)
      : graph.reverseNeighbors(shape, withTraits);
  for (const rel of relationships) {
    if (wanted.length > 0 && !wanted.includes(rel.label)) continue;
    const neighbor = graph.shapes.get(rel.to);
    if (neighbor !== undefined && !onward(neighbor, vars)) return false;
  }
  return true;
}

function scopedMatches(
  graph: SelectorGraph,
  expression: Extract<SelectorExpression, { kind: "scoped" }>,
  shape: SelectorShape,
  vars: Variables,
): boolean {
  const root = shapeAttribute(shape, vars);
  const scope = expression.path.length === 0 ? root : attributePath(root, expression.path, graph);
  // A projection scope matches when any one of its values satisfies every assertion.
  const scopes = scope.kind === "projection" ? scope.items : [scope];
  return scopes.some((value) =>
    expression.assertions.every((assertion) => {
      const resolve = (scoped: (typeof assertion)["left"]) =>
        scoped.kind === "literal"
          ? ({ kind: "string", value: scoped.text } as const)
          : attributePath(value, scoped.path, graph);
      return compare(
        resolve(assertion.left),
        assertion.comparator,
        assertion.right.map(resolve),
        assertion.insensitive,
      );
    }),
  );
}
