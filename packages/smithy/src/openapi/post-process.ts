// Whole-document passes that run after the paths and components are built
// (smithy-openapi's RemoveUnusedComponents, substitutions, jsonAdd, RemoveEmptyComponents).
import { OpenApiError } from "./config.js";
import type { OpenApiConfig } from "./config.js";
import { SCHEMA_POINTER_PREFIX } from "./json-schema.js";
import { isJsonObject } from "./schema-types.js";
import type { Json, JsonObject } from "./schema-types.js";

function collectRefs(node: Json, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
  } else if (isJsonObject(node)) {
    if (typeof node.$ref === "string") {
      into.add(node.$ref);
      return;
    }
    for (const value of Object.values(node)) collectRefs(value, into);
  }
}

/** Drop schemas nothing references (directly or through other schemas), then unused security schemes. */
export function removeUnusedComponents(doc: JsonObject): void {
  const components = doc.components;
  if (!isJsonObject(components)) return;
  const schemas = components.schemas;
  if (isJsonObject(schemas)) {
    // Roots: refs anywhere outside components.schemas; then follow refs schema to schema.
    const reached = new Set<string>();
    const pending: string[] = [];
    const visit = (refs: Set<string>) => {
      for (const ref of refs) {
        if (!ref.startsWith(SCHEMA_POINTER_PREFIX)) continue;
        const name = ref.slice(SCHEMA_POINTER_PREFIX.length);
        if (!reached.has(name)) {
          reached.add(name);
          pending.push(name);
        }
      }
    };
    const rootRefs = new Set<string>();
    for (const [key, value] of Object.entries(doc)) {
      if (key !== "components") collectRefs(value, rootRefs);
    }
    for (const [key, value] of Object.entries(components)) {
      if (key !== "schemas") collectRefs(value, rootRefs);
    }
    visit(rootRefs);
    while (pending.length > 0) {
      const schema = schemas[pending.pop() as string];
      const refs = new Set<string>();
      if (schema !== undefined) collectRefs(schema, refs);
      visit(refs);
    }
    for (const name of Object.keys(schemas)) if (!reached.has(name)) delete schemas[name];
  }
  const schemes = components.securitySchemes;
  if (isJsonObject(schemes)) {
    const used = new Set<string>();
    const addRequirements = (list: Json | undefined) => {
      if (Array.isArray(list))
        for (const r of list) if (isJsonObject(r)) for (const k of Object.keys(r)) used.add(k);
    };
    addRequirements(doc.security);
    for (const item of Object.values(isJsonObject(doc.paths) ? doc.paths : {})) {
      if (isJsonObject(item))
        for (const op of Object.values(item)) if (isJsonObject(op)) addRequirements(op.security);
    }
    for (const name of Object.keys(schemes)) if (!used.has(name)) delete schemes[name];
  }
}

/** Remove empty maps inside components, and components itself when nothing is left. */
export function removeEmptyComponents(doc: JsonObject): void {
  const components = doc.components;
  if (!isJsonObject(components)) return;
  for (const [key, value] of Object.entries(components)) {
    if (isJsonObject(value) && Object.keys(value).length === 0) delete components[key];
  }
  if (Object.keys(components).length === 0) delete doc.components;
}

/** Replace every string value equal to a substitution key with the configured value. */
export function applySubstitutions(node: Json, substitutions: OpenApiConfig["substitutions"]): Json {
  if (typeof node === "string" && Object.hasOwn(substitutions, node)) return substitutions[node] as Json;
  if (Array.isArray(node)) return node.map((n) => applySubstitutions(n, substitutions));
  if (isJsonObject(node)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(node)) out[k] = applySubstitutions(v, substitutions);
    return out;
  }
  return node;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Set a value at a JSON pointer, creating intermediate objects (smithy-openapi's `jsonAdd`). */
export function addAtPointer(doc: JsonObject, pointer: string, value: Json): void {
  if (!pointer.startsWith("/"))
    throw new OpenApiError(`Invalid jsonAdd pointer \`${pointer}\`: must start with "/"`);
  const segments = pointer.slice(1).split("/").map(unescapePointer);
  let current: Json = doc;
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    if (Array.isArray(current)) {
      const index = segment === "-" ? current.length : Number(segment);
      if (!Number.isInteger(index) || index < 0 || index > current.length) {
        throw new OpenApiError(`Invalid jsonAdd pointer \`${pointer}\`: bad array index \`${segment}\``);
      }
      if (last) current.splice(index, 0, value);
      else current = current[index] as Json;
      continue;
    }
    if (!isJsonObject(current))
      throw new OpenApiError(`Invalid jsonAdd pointer \`${pointer}\`: parent is not an object`);
    if (last) {
      current[segment] = value;
    } else {
      if (!isJsonObject(current[segment]) && !Array.isArray(current[segment])) current[segment] = {};
      current = current[segment] as Json;
    }
  }
}
