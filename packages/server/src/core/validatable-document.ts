// The OpenAPI document as the schema validators (the core's own, express-openapi-validator) see it. What
// OpenAPI cannot express the core checks itself, the same for both adapters: list headers (one header
// holding comma-separated, possibly quoted items; a schema sees one string), greedy labels ({key+} spans
// several path segments), prefix headers (never in the document) and @httpQueryParams maps (every query
// parameter, not one named after the member). Their parameters are left out here; the core's binder parses
// them strictly with the shared codec (SerializationException), reports missing required ones, and checks
// their constraints (binding-constraints.ts).
import type { OpenApiDocument } from "../openapi-document.js";
import type { OperationTable, WireType } from "./operation-table.js";

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
      // A @httpQueryParams map is every parameter, not one named after the member.
      if (binding.location === "queryParams") names.add(`query:${binding.wireName}`);
      if (binding.location === "label" && binding.greedy) {
        names.add(`path:${binding.wireName}`);
        names.add(`path:${binding.wireName}+`);
      }
    }
    if (names.size > 0) byOperation.set(operation.name, names);
  }
  return byOperation;
}

/** Whether a wire type is (or holds, as list items or map values) a float. */
function holdsFloat(type: WireType): boolean {
  if (type.kind === "number") return !type.integer;
  if (type.kind === "list") return holdsFloat(type.member);
  if (type.kind === "map") return holdsFloat(type.value);
  return false;
}

/**
 * Lets a float's schema admit strings: NaN and ±Infinity travel as "NaN", "Infinity" and "-Infinity", and
 * the core's codec has already refused any other string. (Ranges still apply to numbers.)
 */
function admitFloatString(schema: unknown, type: WireType, resolve: (node: unknown) => unknown): void {
  const node = resolve(schema);
  if (!isObject(node)) return;
  if (type.kind === "list") admitFloatString(node.items, type.member, resolve);
  else if (type.kind === "map") admitFloatString(node.additionalProperties, type.value, resolve);
  else if (type.kind === "number" && !type.integer && node.type === "number")
    node.type = ["number", "string"];
}

/** The float members of every structure, in the document's component schemas; returns whether any. */
function admitFloatStrings(
  copy: OpenApiDocument,
  table: OperationTable,
  resolve: (node: unknown) => unknown,
): boolean {
  let any = false;
  const schemas = (copy.components as JsonObject | undefined)?.schemas;
  for (const [name, structure] of Object.entries(table.structures)) {
    for (const member of structure.members) {
      if (!holdsFloat(member.type)) continue;
      any = true;
      const component = isObject(schemas) ? resolve(schemas[name]) : undefined;
      const properties = isObject(component) ? component.properties : undefined;
      if (isObject(properties)) admitFloatString(properties[member.jsonName], member.type, resolve);
    }
  }
  return any;
}

/**
 * A copy of `document` without the parameters the core checks itself and with float schemas that admit
 * NaN/±Infinity; the document itself when neither applies (never sharing mutable parts with the original).
 */
export function validatableDocument(document: OpenApiDocument, table: OperationTable): OpenApiDocument {
  const skip = coreCheckedParameters(table);
  const floats = table.operations.some((op) => op.input.some((b) => holdsFloat(b.type)));
  const nestedFloats = Object.values(table.structures).some((s) => s.members.some((m) => holdsFloat(m.type)));
  if (skip.size === 0 && !floats && !nestedFloats) return document;
  const copy = structuredClone(document);
  const refs = (copy.components as JsonObject | undefined)?.parameters;
  const schemaRefs = (copy.components as JsonObject | undefined)?.schemas;
  const resolveParameter = (p: unknown): unknown => {
    if (isObject(p) && typeof p.$ref === "string" && isObject(refs)) {
      return refs[p.$ref.slice(p.$ref.lastIndexOf("/") + 1)];
    }
    return p;
  };
  const resolveSchema = (node: unknown): unknown => {
    if (isObject(node) && typeof node.$ref === "string" && isObject(schemaRefs)) {
      return schemaRefs[node.$ref.slice(node.$ref.lastIndexOf("/") + 1)];
    }
    return node;
  };
  admitFloatStrings(copy, table, resolveSchema);
  const operationsByName = new Map(table.operations.map((op) => [op.name, op]));
  const keep = (names: Set<string>) => (p: unknown) => {
    const parameter = resolveParameter(p);
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
      const spec = operationsByName.get(String(op.operationId));
      if (spec) admitFloatParameters(op, pathItem, spec, resolveParameter, resolveSchema);
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

const PARAMETER_LOCATIONS: Record<string, string> = { label: "path", query: "query", header: "header" };

/** Float labels, query parameters, headers and top-level body members of one operation admit strings. */
function admitFloatParameters(
  op: JsonObject,
  pathItem: JsonObject,
  spec: OperationTable["operations"][number],
  resolveParameter: (p: unknown) => unknown,
  resolveSchema: (node: unknown) => unknown,
): void {
  const parameters = [
    ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
    ...(Array.isArray(op.parameters) ? op.parameters : []),
  ].map(resolveParameter);
  const content = isObject(op.requestBody) ? op.requestBody.content : undefined;
  const json = isObject(content) ? content["application/json"] : undefined;
  const body = resolveSchema(isObject(json) ? json.schema : undefined);
  for (const binding of spec.input) {
    if (!holdsFloat(binding.type)) continue;
    if (binding.location === "body" && isObject(body) && isObject(body.properties)) {
      admitFloatString(body.properties[binding.wireName], binding.type, resolveSchema);
      continue;
    }
    const location = PARAMETER_LOCATIONS[binding.location];
    for (const parameter of parameters) {
      if (!isObject(parameter) || parameter.in !== location) continue;
      const name = location === "header" ? String(parameter.name).toLowerCase() : parameter.name;
      if (name === binding.wireName) admitFloatString(parameter.schema, binding.type, resolveSchema);
    }
  }
}
