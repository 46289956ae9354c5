// Smithy values <-> JSON values, driven by the generated ShapeTable (restJson1 document rules).
import type { ShapeSchema, ShapeTable, ValueSchema } from "./spec.js";
import { parseTimestamp, serializeTimestamp } from "./timestamps.js";

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function shapeOf(table: ShapeTable, name: string): ShapeSchema {
  const shape = table[name];
  if (!shape) throw new Error(`Shape ${name} is missing from the client's shape table`);
  return shape;
}

export function toJson(value: unknown, schema: ValueSchema, table: ShapeTable): unknown {
  if (value === undefined || value === null) return value;
  if (schema.timestampFormat) return serializeTimestamp(value as Date, schema.timestampFormat);
  if (schema.blob) return toBase64(value);
  if (!schema.shape) return typeof value === "bigint" ? Number(value) : value;
  const shape = shapeOf(table, schema.shape);
  switch (shape.type) {
    case "structure":
    case "union": {
      const source = value as JsonObject;
      const out: JsonObject = {};
      for (const [member, memberSchema] of Object.entries(shape.members)) {
        const memberValue = source[member];
        if (memberValue !== undefined && memberValue !== null) {
          out[memberSchema.jsonName ?? member] = toJson(memberValue, memberSchema, table);
        }
      }
      // A union member this client does not know, carried through as the caller gave it.
      const unknown = shape.type === "union" ? source.$unknown : undefined;
      if (Array.isArray(unknown) && typeof unknown[0] === "string") out[unknown[0]] = unknown[1];
      return out;
    }
    case "list":
      return (value as unknown[]).map((item) =>
        item === null ? (shape.sparse ? null : undefined) : toJson(item, shape.member, table),
      );
    case "map": {
      const out: JsonObject = {};
      for (const [key, item] of Object.entries(value as JsonObject)) {
        if (item === null && shape.sparse) out[key] = null;
        else if (item !== null && item !== undefined) out[key] = toJson(item, shape.value, table);
      }
      return out;
    }
  }
}

export function fromJson(value: unknown, schema: ValueSchema, table: ShapeTable): unknown {
  if (value === undefined || value === null) return undefined;
  if (schema.timestampFormat) return parseTimestamp(value, schema.timestampFormat);
  if (schema.blob) return fromBase64(value);
  if (!schema.shape) return value;
  const shape = shapeOf(table, schema.shape);
  switch (shape.type) {
    case "structure":
      return isObject(value) ? readMembers(value, shape.members, table) : undefined;
    case "union": {
      if (!isObject(value)) return undefined;
      const known = readMembers(value, shape.members, table);
      if (Object.keys(known).length > 0) return known;
      const wireNames = new Set(Object.entries(shape.members).map(([m, s]) => s.jsonName ?? m));
      const other = Object.entries(value).find(([key, item]) => !wireNames.has(key) && item !== null);
      return other ? { $unknown: other } : undefined;
    }
    case "list":
      return Array.isArray(value)
        ? value
            .filter((item) => shape.sparse || item !== null)
            .map((item) => (item === null ? null : fromJson(item, shape.member, table)))
        : undefined;
    case "map": {
      if (!isObject(value)) return undefined;
      const out: JsonObject = {};
      for (const [key, item] of Object.entries(value)) {
        if (item === null) {
          if (shape.sparse) out[key] = null;
        } else out[key] = fromJson(item, shape.value, table);
      }
      return out;
    }
  }
}

/** Members of a structure read from its JSON object; absent and null members are left out. */
export function readMembers(
  value: JsonObject,
  members: Record<string, ValueSchema>,
  table: ShapeTable,
): JsonObject {
  const out: JsonObject = {};
  for (const [member, memberSchema] of Object.entries(members)) {
    const item = fromJson(value[memberSchema.jsonName ?? member], memberSchema, table);
    if (item !== undefined) out[member] = item;
  }
  return out;
}

// btoa/atob (not Buffer): the client runs in browsers too. They work on "binary strings", one char per byte.
export function toBase64(value: unknown): string {
  const bytes = typeof value === "string" ? new TextEncoder().encode(value) : value;
  if (!(bytes instanceof Uint8Array)) throw new TypeError("Expected a Uint8Array (or string) for a blob");
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function fromBase64(value: unknown): Uint8Array {
  let binary: string | undefined;
  try {
    binary = typeof value === "string" ? atob(value) : undefined;
  } catch {
    // atob throws a DOMException for characters outside the base64 alphabet.
  }
  if (binary === undefined) throw new TypeError(`Expected a base64 string for a blob, got ${typeof value}`);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
