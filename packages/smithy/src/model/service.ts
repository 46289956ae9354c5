// Service closure queries: which operations and errors a service exposes.
import type { AstModel, AstShape, AstTarget } from "../ast.js";
import { getShape, shapeName } from "./shapes.js";

const RESOURCE_LIFECYCLE = ["create", "put", "read", "update", "delete", "list"] as const;

function targets(list: AstTarget[] | undefined): string[] {
  return (list ?? []).map((t) => t.target);
}

/** Operation IDs bound directly to a service or resource (not recursing into child resources). */
function directOperations(shape: AstShape): string[] {
  const ids = [...targets(shape.operations), ...targets(shape.collectionOperations)];
  for (const key of RESOURCE_LIFECYCLE) {
    const ref = shape[key];
    if (ref) ids.push(ref.target);
  }
  return ids;
}

/** Resource IDs reachable from a service (recursively), sorted. */
export function serviceResources(model: AstModel, serviceId: string): string[] {
  const seen = new Set<string>();
  const pending = targets(getShape(model, serviceId)?.resources);
  while (pending.length > 0) {
    const id = pending.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    pending.push(...targets(getShape(model, id)?.resources));
  }
  return [...seen].sort();
}

/** Every operation ID of a service: bound directly or through its resources (recursively); sorted, unique. */
export function serviceOperations(model: AstModel, serviceId: string): string[] {
  const service = getShape(model, serviceId);
  if (!service) return [];
  const ops = new Set(directOperations(service));
  for (const resourceId of serviceResources(model, serviceId)) {
    const resource = getShape(model, resourceId);
    if (resource) for (const op of directOperations(resource)) ops.add(op);
  }
  return [...ops].sort();
}

/** Error shape IDs an operation can return within a service: its own errors then the service's common errors, unique. */
export function operationErrors(
  model: AstModel,
  serviceId: string | undefined,
  operationId: string,
): string[] {
  const own = targets(getShape(model, operationId)?.errors);
  const common = serviceId ? targets(getShape(model, serviceId)?.errors) : [];
  return [...new Set([...own, ...common])];
}

/** IDs of all service shapes in the model, sorted. */
export function findServices(model: AstModel): string[] {
  return Object.keys(model.shapes)
    .filter((id) => model.shapes[id]?.type === "service")
    .sort();
}

/** The name a shape has inside a service, honouring the service's `rename` map. */
export function contextualName(model: AstModel, serviceId: string | undefined, id: string): string {
  const rename = serviceId ? getShape(model, serviceId)?.rename : undefined;
  return rename?.[id] ?? shapeName(id);
}
