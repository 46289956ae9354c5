// Finds each operation's request and response schemas in the OpenAPI document, arranged the way
// express-openapi-validator arranges them (parameters grouped by location, body under "body"), so
// the core's validator reports the same violations at the same places.
import type { OpenApiDocument } from "../openapi-document.js";
import type { OperationSpec } from "./operation-table.js";

type JsonObject = Record<string, unknown>;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Where a parameter is, named as express-openapi-validator names the request's parts. */
const PARAMETER_GROUPS: Record<string, "query" | "headers" | "params" | undefined> = {
  query: "query",
  header: "headers",
  path: "params",
};

export interface ParameterGroup {
  type: "object";
  properties: Record<string, unknown>;
  required?: string[];
}

export interface OperationSchemas {
  /** Schemas of query, header and path parameters; absent groups accept anything. */
  parameters: { query?: ParameterGroup; headers?: ParameterGroup; params?: ParameterGroup };
  /** Schema of the application/json request body, if the operation has one. */
  body?: unknown;
  /** Whether the document requires a request body. */
  bodyRequired: boolean;
  /** Schemas of application/json responses, by status code. */
  responses: Map<number, unknown>;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Follow a local "#/components/…" reference (parameters and request bodies may be references). */
function resolve(document: OpenApiDocument, value: unknown): unknown {
  let current = value;
  for (let depth = 0; isObject(current) && typeof current.$ref === "string" && depth < 16; depth++) {
    const ref = current.$ref;
    if (!ref.startsWith("#/")) return current;
    current = ref
      .slice(2)
      .split("/")
      .map((t) => t.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce<unknown>((node, token) => (isObject(node) ? node[token] : undefined), document);
  }
  return current;
}

function jsonSchema(content: unknown): unknown {
  if (!isObject(content)) return undefined;
  const media = Object.entries(content).find(([type]) => type.split(";")[0]?.trim() === "application/json");
  return media && isObject(media[1]) ? media[1].schema : undefined;
}

/** The document's operation object for `operation` (matched by operationId, else by method and path). */
function findOperation(document: OpenApiDocument, operation: OperationSpec) {
  const paths = isObject(document.paths) ? document.paths : {};
  const uriPath = operation.uri.split("?")[0];
  let byRoute: { pathItem: JsonObject; op: JsonObject } | undefined;
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem)) continue;
    for (const method of METHODS) {
      const op = pathItem[method];
      if (!isObject(op)) continue;
      if (op.operationId === operation.name) return { pathItem, op };
      if (method === operation.method.toLowerCase() && path === uriPath) byRoute = { pathItem, op };
    }
  }
  return byRoute;
}

export function operationSchemas(document: OpenApiDocument, operation: OperationSpec): OperationSchemas {
  const found = findOperation(document, operation);
  const schemas: OperationSchemas = { parameters: {}, bodyRequired: false, responses: new Map() };
  if (!found) return schemas;
  const { pathItem, op } = found;

  // Operation-level parameters override path-level ones with the same name and location.
  const declared = [
    ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
    ...(Array.isArray(op.parameters) ? op.parameters : []),
  ].map((p) => resolve(document, p));
  const parameters = new Map<string, JsonObject>();
  for (const p of declared) if (isObject(p)) parameters.set(`${p.in}:${p.name}`, p);
  for (const parameter of parameters.values()) {
    const group = PARAMETER_GROUPS[String(parameter.in)];
    if (!group || typeof parameter.name !== "string") continue;
    const name = group === "headers" ? parameter.name.toLowerCase() : parameter.name;
    const target = schemas.parameters[group] ?? { type: "object", properties: {} };
    schemas.parameters[group] = target;
    target.properties[name] = parameter.schema ?? jsonSchema(parameter.content) ?? {};
    if (parameter.required === true) target.required = [...(target.required ?? []), name];
  }

  const requestBody = resolve(document, op.requestBody);
  if (isObject(requestBody)) {
    schemas.body = jsonSchema(requestBody.content);
    schemas.bodyRequired = requestBody.required === true;
  }

  if (isObject(op.responses)) {
    for (const [status, response] of Object.entries(op.responses)) {
      const resolved = resolve(document, response);
      const schema = isObject(resolved) ? jsonSchema(resolved.content) : undefined;
      if (/^\d{3}$/.test(status) && schema !== undefined) schemas.responses.set(Number(status), schema);
    }
  }
  return schemas;
}
