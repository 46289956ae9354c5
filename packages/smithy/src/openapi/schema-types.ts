// The JSON values an OpenAPI document is made of. Schemas are plain mutable objects while being
// built; the converter fixes their key order only when the document is finished.
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** A JSON Schema object (a subset of draft-07 / 2020-12 as OpenAPI uses it). */
export type Schema = JsonObject;

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Deep copy of a JSON value (schemas are edited in place while being derived). */
export function cloneJson<T extends Json>(value: T): T {
  return copy(value) as T;
}

// A plain recursive copy: much faster than structuredClone for small JSON trees.
function copy(value: Json): Json {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(copy);
  const out: JsonObject = {};
  for (const key in value) out[key] = copy(value[key] as Json);
  return out;
}
