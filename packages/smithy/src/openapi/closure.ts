// The shapes connected to a service (smithy's Walker without trait relationships).
import type { AstModel, AstShape, AstTarget } from "../ast.js";
import { getShape } from "../model/shapes.js";

function neighbors(shape: AstShape): string[] {
  const out: string[] = [];
  const add = (t: AstTarget | undefined) => {
    if (t) out.push(t.target);
  };
  const addAll = (list: AstTarget[] | undefined) => {
    for (const t of list ?? []) out.push(t.target);
  };
  addAll(shape.operations);
  addAll(shape.resources);
  addAll(shape.errors);
  addAll(shape.collectionOperations);
  add(shape.input);
  add(shape.output);
  add(shape.create);
  add(shape.put);
  add(shape.read);
  add(shape.update);
  add(shape.delete);
  add(shape.list);
  add(shape.member);
  add(shape.key);
  add(shape.value);
  for (const m of Object.values(shape.members ?? {})) out.push(m.target);
  for (const t of Object.values(shape.identifiers ?? {})) out.push(t.target);
  for (const t of Object.values(shape.properties ?? {})) out.push(t.target);
  return out;
}

/** IDs of every shape reachable from `rootId` (including itself). */
export function shapeClosure(model: AstModel, rootId: string): Set<string> {
  const seen = new Set<string>();
  const pending = [rootId];
  while (pending.length > 0) {
    const id = pending.pop() as string;
    if (seen.has(id)) continue;
    const shape = getShape(model, id);
    if (!shape) continue;
    seen.add(id);
    for (const next of neighbors(shape)) if (!seen.has(next)) pending.push(next);
  }
  return seen;
}
