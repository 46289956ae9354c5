// Fixed key order for the finished document, so generated files read like smithy-openapi's
// (JSON object order carries no meaning, but stable, familiar order makes diffs reviewable).
import { isJsonObject } from "./schema-types.js";
import type { Json, JsonObject } from "./schema-types.js";

const SCHEMA_KEYS = [
  "type",
  "$ref",
  "const",
  "default",
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "items",
  "maxItems",
  "minItems",
  "uniqueItems",
  "maxLength",
  "minLength",
  "pattern",
  "additionalProperties",
  "propertyNames",
  "maxProperties",
  "minProperties",
  "not",
  "comment",
  "examples",
  "title",
  "description",
  "format",
  "contentEncoding",
  "contentMediaType",
  "properties",
  "patternProperties",
  "required",
  "enum",
  "allOf",
  "anyOf",
  "oneOf",
  "readOnly",
  "writeOnly",
  "deprecated",
];
const OPERATION_KEYS = [
  "description",
  "summary",
  "externalDocs",
  "operationId",
  "requestBody",
  "deprecated",
  "parameters",
  "responses",
  "callbacks",
  "security",
  "servers",
  "tags",
];
const PARAMETER_KEYS = [
  "name",
  "in",
  "description",
  "style",
  "schema",
  "example",
  "deprecated",
  "allowEmptyValue",
  "allowReserved",
  "explode",
  "required",
  "examples",
  "content",
];
const DOCUMENT_KEYS = [
  "openapi",
  "info",
  "externalDocumentation",
  "servers",
  "paths",
  "components",
  "security",
  "tags",
];

function ordered(node: JsonObject, keys: string[]): JsonObject {
  const out: JsonObject = {};
  for (const k of keys) if (Object.hasOwn(node, k)) out[k] = node[k] as Json;
  for (const [k, v] of Object.entries(node)) if (!Object.hasOwn(out, k)) out[k] = v;
  return out;
}

function mapValues(node: Json | undefined, f: (v: Json) => Json): Json | undefined {
  if (!isJsonObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) out[k] = f(v);
  return out;
}

function schema(node: Json): Json {
  if (!isJsonObject(node)) return node;
  const out = ordered(node, SCHEMA_KEYS);
  for (const k of ["items", "additionalProperties", "propertyNames", "not"])
    if (isJsonObject(out[k])) out[k] = schema(out[k]);
  for (const k of ["allOf", "anyOf", "oneOf"]) {
    const list = out[k];
    if (Array.isArray(list)) out[k] = list.map(schema);
  }
  if (isJsonObject(out.properties)) out.properties = mapValues(out.properties, schema) as Json;
  return out;
}

function parameter(node: Json): Json {
  if (!isJsonObject(node)) return node;
  const out = ordered(node, PARAMETER_KEYS);
  if (out.schema !== undefined) out.schema = schema(out.schema);
  return out;
}

function mediaTypes(node: Json | undefined): Json | undefined {
  return mapValues(node, (media) =>
    isJsonObject(media) && media.schema !== undefined ? { ...media, schema: schema(media.schema) } : media,
  );
}

function operation(node: Json): Json {
  if (!isJsonObject(node)) return node;
  const out = ordered(node, OPERATION_KEYS);
  if (Array.isArray(out.parameters)) out.parameters = out.parameters.map(parameter);
  if (isJsonObject(out.requestBody)) {
    out.requestBody = ordered(out.requestBody, ["description", "content", "required"]);
    out.requestBody.content = mediaTypes(out.requestBody.content) as Json;
  }
  out.responses = mapValues(out.responses, (r) => {
    if (!isJsonObject(r)) return r;
    const response = ordered(r, ["description", "headers", "content", "links"]);
    if (response.headers !== undefined) response.headers = mapValues(response.headers, parameter) as Json;
    if (response.content !== undefined) response.content = mediaTypes(response.content) as Json;
    return response;
  }) as Json;
  return out;
}

/** The document with its objects' keys in smithy-openapi's order. */
export function orderDocumentKeys(doc: JsonObject): JsonObject {
  const out = ordered(doc, DOCUMENT_KEYS);
  if (isJsonObject(out.info))
    out.info = ordered(out.info, ["title", "version", "termsOfService", "description"]);
  out.paths = mapValues(out.paths, (item) => mapValues(item, operation) as Json) as Json;
  if (isJsonObject(out.components)) {
    const components = { ...out.components };
    if (components.schemas !== undefined) components.schemas = mapValues(components.schemas, schema) as Json;
    out.components = components;
  }
  return out;
}
