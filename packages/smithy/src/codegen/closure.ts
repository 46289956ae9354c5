// Which shapes a service exposes to generated code: everything reachable from its operations and errors.
import type { AstModel } from "../ast.js";
import { operationErrors, serviceOperations } from "../model/service.js";
import { getShape, isUnit } from "../model/shapes.js";

/** True for shapes of the Smithy prelude (smithy.api#String …), which map to built-in TS types. */
export function isPreludeShape(id: string): boolean {
  return id.startsWith("smithy.api#");
}

/** Every non-prelude shape reachable from the service's operations and errors, in walk order. */
export function serviceClosure(model: AstModel, serviceId: string): string[] {
  const seen = new Set<string>();
  const pending: string[] = [];
  const visit = (id: string | undefined) => {
    if (id === undefined || isUnit(id) || isPreludeShape(id) || seen.has(id)) return;
    seen.add(id);
    pending.push(id);
  };
  for (const error of getShape(model, serviceId)?.errors ?? []) visit(error.target);
  for (const operationId of serviceOperations(model, serviceId)) {
    const operation = getShape(model, operationId);
    visit(operation?.input?.target);
    visit(operation?.output?.target);
    for (const errorId of operationErrors(model, serviceId, operationId)) visit(errorId);
  }
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    const shape = getShape(model, next);
    if (!shape) continue;
    for (const member of Object.values(shape.members ?? {})) visit(member.target);
    visit(shape.member?.target);
    visit(shape.key?.target);
    visit(shape.value?.target);
  }
  return [...seen];
}
