// Finds mixin cycles and reports them the way Smithy does: each cycle is a strongly connected
// component found by Tarjan's algorithm over "is mixed into" edges, and every participant gets
// an error listing the other participants. The order of that list depends on where the search
// starts; Smithy starts from its shape map, a java.util.HashMap keyed by ShapeId, so the start
// is emulated from ShapeId.hashCode and HashMap bucket order to produce the same messages.

import type { Assembly } from "./assemble.js";

export function reportMixinCycles(assembly: Assembly): Set<string> {
  const order = javaHashMapOrder([...assembly.shapes.keys()].filter((id) => !id.startsWith("smithy.api#")));
  // Graph nodes in insertion order; dependents = shapes that use a node as a mixin.
  const dependents = new Map<string, string[]>();
  const addNode = (id: string) => {
    if (!dependents.has(id)) dependents.set(id, []);
  };
  for (const id of order) {
    addNode(id);
    for (const mixin of assembly.shapes.get(id)?.mixins ?? []) {
      addNode(mixin);
      const list = dependents.get(mixin) as string[];
      if (!list.includes(id)) list.push(id);
    }
  }
  const cycles = stronglyConnected(dependents);
  const inCycle = new Set<string>();
  for (const cycle of cycles) {
    for (const participant of cycle) {
      inCycle.add(participant);
      const shape = assembly.shapes.get(participant);
      if (shape === undefined) continue;
      const others = cycle.filter((id) => id !== participant);
      assembly.error(
        `Unable to resolve mixins; cycles detected between this shape and [${others.join(", ")}]`,
        shape.location,
        participant,
      );
      shape.failed = true;
      shape.flattened = true;
    }
  }
  return inCycle;
}

function stronglyConnected(dependents: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const indexes = new Map<string, number>();
  const lowLinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let index = 0;
  const connect = (node: string): void => {
    indexes.set(node, index);
    lowLinks.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of dependents.get(node) ?? []) {
      if (!indexes.has(next)) {
        connect(next);
        lowLinks.set(node, Math.min(lowLinks.get(node) as number, lowLinks.get(next) as number));
      } else if (onStack.has(next)) {
        lowLinks.set(node, Math.min(lowLinks.get(node) as number, indexes.get(next) as number));
      }
    }
    if (lowLinks.get(node) === indexes.get(node)) {
      const cycle: string[] = [];
      let popped: string;
      do {
        popped = stack.pop() as string;
        onStack.delete(popped);
        cycle.push(popped);
      } while (popped !== node);
      if (cycle.length > 1) cycles.push(cycle);
    }
  };
  for (const node of dependents.keys()) if (!indexes.has(node)) connect(node);
  return cycles;
}

function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

/** ShapeId.hashCode(): 17 + 31 * ns.hashCode() * 31 + name.hashCode() * 17 + member.hashCode(). */
function shapeIdHash(id: string): number {
  const hash = id.indexOf("#");
  const dollar = id.indexOf("$");
  const namespace = id.slice(0, hash);
  const name = id.slice(hash + 1, dollar === -1 ? undefined : dollar);
  const member = dollar === -1 ? 0 : javaStringHash(id.slice(dollar + 1));
  return (
    (17 +
      Math.imul(Math.imul(31, javaStringHash(namespace)), 31) +
      Math.imul(javaStringHash(name), 17) +
      member) |
    0
  );
}

/** Iteration order of a java.util.HashMap holding these keys (inserted in this order). */
function javaHashMapOrder(ids: string[]): string[] {
  let capacity = 16;
  while (ids.length > capacity * 0.75) capacity *= 2;
  return ids
    .map((id, position) => {
      const hash = shapeIdHash(id);
      return { id, position, bucket: (hash ^ (hash >>> 16)) & (capacity - 1) };
    })
    .sort((a, b) => a.bucket - b.bucket || a.position - b.position)
    .map((entry) => entry.id);
}
