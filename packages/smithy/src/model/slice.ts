// A slice of a model: some shapes and everything they need (members' targets, operation input, output
// and errors, resource bindings, mixins, custom traits), e.g. to bring a few of AWS's operations into
// another model (`smithy idl --shapes`).
import type { AstModel, AstShape, AstTarget } from "../ast.js";
import { memberEntries } from "../validate/targets.js";

/** The shapes of `roots` and their closure; the model's metadata is left out. Throws on an unknown root. */
export function sliceModel(model: AstModel, roots: readonly string[]): AstModel {
  const missing = roots.filter((id) => model.shapes[id] === undefined);
  if (missing.length > 0) throw new Error(`No shape ${missing.join(", ")} in the model`);
  const kept = new Set<string>();
  const pending = [...roots];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (kept.has(id)) continue;
    const shape = model.shapes[id];
    if (shape === undefined) continue;
    kept.add(id);
    pending.push(...references(shape));
  }
  const shapes: AstModel["shapes"] = {};
  for (const id of Object.keys(model.shapes)) {
    if (kept.has(id)) shapes[id] = model.shapes[id] as AstShape;
  }
  return { smithy: model.smithy, shapes };
}

/** Every shape a shape names: targets, bindings, mixins and the traits applied to it and its members. */
function references(shape: AstShape): string[] {
  const targets = (list: AstTarget[] | undefined) => (list ?? []).map((t) => t.target);
  const ids = [
    ...Object.keys(shape.traits ?? {}),
    ...targets(shape.mixins),
    ...targets(shape.operations),
    ...targets(shape.resources),
    ...targets(shape.errors),
    ...targets(shape.collectionOperations),
    ...Object.values(shape.identifiers ?? {}).map((t) => t.target),
    ...Object.values(shape.properties ?? {}).map((t) => t.target),
  ];
  for (const key of ["input", "output", "create", "put", "read", "update", "delete", "list"] as const) {
    const target = shape[key];
    if (target !== undefined) ids.push(target.target);
  }
  for (const [, member] of memberEntries(shape)) ids.push(member.target, ...Object.keys(member.traits ?? {}));
  return ids;
}
