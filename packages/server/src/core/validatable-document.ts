// The OpenAPI document as the schema validators (the core's own, express-openapi-validator) see it. What
// OpenAPI cannot express the core checks itself, the same for both adapters: list headers (one header
// holding comma-separated, possibly quoted items; a schema sees one string), greedy labels ({key+} spans
// several path segments) and prefix headers (never in the document). Their parameters are left out here;
// the core's binder parses them strictly with the shared codec (SerializationException) and reports
// missing required ones.
import type { OpenApiDocument } from "../openapi-document.js";
import type { OperationTable } from "./operation-table.js";

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** "in:name" of every parameter the core checks itself, per operation name. */
function coreCheckedParameters(table: OperationTable): Map<string, Set<string>> {
  const byOperation = new Map<string, Set<string>>();
  for (const operation of table.operations) {
    const names = new Set<string>();
    for (const binding of operation.input) {
      if (binding.location === "header" && binding.type.kind === "list")
        names.add(`header:${binding.wireName}`);
      if (binding.location === "label" && binding.greedy) {
        names.add(`path:${binding.wireName}`);
        names.add(`path:${binding.wireName}+`);
      }
    }
    if (names.size > 0) byOperation.set(operation.name, names);
  }
  return byOperation;
}

/**
 * A copy of `document` without the parameters the core checks itself; the document itself when there are
 * none (the copy is only made when needed, and never shares mutable parts with the original).
 */
export function validatableDocument(document: OpenApiDocument, table: OperationTable): OpenApiDocument {
  const skip = coreCheckedParameters(table);
  if (skip.size === 0) return document;
  const copy = structuredClone(document);
  const refs = (copy.components as JsonObject | undefined)?.parameters;
  const resolve = (p: unknown): unknown => {
    if (isObject(p) && typeof p.$ref === "string" && isObject(refs)) {
      return refs[p.$ref.slice(p.$ref.lastIndexOf("/") + 1)];
    }
    return p;
  };
  const keep = (names: Set<string>) => (p: unknown) => {
    const parameter = resolve(p);
    if (!isObject(parameter)) return true;
    const name = parameter.in === "header" ? String(parameter.name).toLowerCase() : String(parameter.name);
    return !names.has(`${String(parameter.in)}:${name}`);
  };
  for (const pathItem of Object.values(copy.paths ?? {})) {
    if (!isObject(pathItem)) continue;
    const operations = Object.values(pathItem).filter(
      (op): op is JsonObject => isObject(op) && typeof op.operationId === "string",
    );
    for (const op of operations) {
      const names = skip.get(String(op.operationId));
      if (!names) continue;
      if (Array.isArray(op.parameters)) op.parameters = op.parameters.filter(keep(names));
      // Path-level parameters apply to every operation of the path; drop them where this one skips them.
      if (Array.isArray(pathItem.parameters)) {
        const shared = pathItem.parameters.filter((p) => !keep(names)(p));
        if (shared.length > 0) pathItem.parameters = pathItem.parameters.filter(keep(names));
      }
    }
  }
  return copy;
}
