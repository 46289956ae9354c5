// Small helpers the generated serializers call (src/generated/serde.ts): restJson1 document rules
// for what the straight-line code cannot say in one expression. Each is imported only where the
// model needs it, so a bundle keeps only those it uses.
import { readJsonFloat, writeJsonBigNumber, writeJsonFloat } from "@seqstore/protocol";
import type { Json, TimestampFormat } from "./spec.js";
import { serializeTimestamp } from "./timestamps.js";

/**
 * Drops null and undefined members (absent and null members are never sent or returned). Copies
 * rather than deletes: `delete` turns an object into a slow dictionary for V8 (and for JSON.stringify).
 */
export function compact(object: Json): Json {
  const out: Json = {};
  for (const key in object) if (object[key] != null) out[key] = object[key];
  return out;
}

/** Whether a parsed JSON value is an object (not null, not an array). */
export const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** `convert(value)`, or undefined when the value is absent. */
export function opt<R>(value: unknown, convert: (value: never) => R): R | undefined {
  return value == null ? undefined : convert(value as never);
}

export const toTimestamp = (value: unknown, format: TimestampFormat): string | number | undefined =>
  value == null ? undefined : serializeTimestamp(value as Date, format);

/**
 * A bigInteger (bigint) or bigDecimal (decimal text) going out: a JSON number where a double holds it
 * exactly, else a RangeError before anything is sent (shared codec): never a rounded number.
 */
export const toBigJsonNumber = (value: unknown): unknown =>
  value == null ? undefined : writeJsonBigNumber(value);

/**
 * A bigInteger coming in, as a bigint. JSON.parse has read it as a double: beyond ±(2^53 - 1) that may
 * have rounded it, so such a value is a RangeError rather than a wrong number.
 */
export const fromJsonBigInteger = (value: unknown): unknown => {
  if (typeof value !== "number") return value ?? undefined;
  if (Number.isSafeInteger(value)) return BigInt(value);
  throw new RangeError(
    `The response holds the bigInteger ${value}, beyond ±(2^53 - 1): JSON.parse may have rounded it.`,
  );
};

/** A bigDecimal coming in, as the decimal text of the double JSON.parse read (about 15-17 significant digits). */
export const fromJsonBigDecimal = (value: unknown): unknown =>
  typeof value === "number" ? String(value) : (value ?? undefined);

/** A float or double going out: NaN and ±Infinity as the strings JSON has for them (shared codec). */
export const toJsonNumber = (value: unknown): unknown =>
  typeof value === "number" ? writeJsonFloat(value) : value;

/** A float or double coming in: "NaN", "Infinity" and "-Infinity" as numbers (shared codec). */
export const fromJsonNumber = (value: unknown): unknown => (value == null ? value : readJsonFloat(value));

/** A list going out: items converted, nulls kept as null. */
export const writeList = (list: unknown[], convert: (item: never) => unknown): unknown[] =>
  list.map((item) => (item == null ? null : convert(item as never)));

/** A list coming in: nulls dropped unless the list is @sparse, items converted. */
export function readList(
  list: unknown,
  convert?: (item: never) => unknown,
  sparse?: 1,
): unknown[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list
    .filter((item) => sparse || item != null)
    .map((item) => (item == null || !convert ? item : convert(item as never)));
}

/** A map either way: values converted, null values dropped unless the map is @sparse. */
export function convertMap(map: unknown, convert?: (value: never) => unknown, sparse?: 1): Json | undefined {
  if (map === null || typeof map !== "object") return undefined;
  const out: Json = {};
  for (const [key, value] of Object.entries(map)) {
    if (value != null) out[key] = convert ? convert(value as never) : value;
    else if (sparse && value === null) out[key] = null;
  }
  return out;
}

/** A union going out: its known member, or the `$unknown: [name, value]` pair the caller carried through. */
export function writeUnion(known: Json, union: Json): Json {
  const unknown = union.$unknown;
  if (Array.isArray(unknown) && typeof unknown[0] === "string") known[unknown[0]] = unknown[1];
  return known;
}

/** A union coming in: its known member, else the first other member as `{ $unknown: [name, value] }`. */
export function readUnion(known: Json, json: Json, wireNames: string[]): Json | undefined {
  if (Object.keys(known).length > 0) return known;
  const other = Object.entries(json).find(([key, value]) => !wireNames.includes(key) && value !== null);
  return other ? { $unknown: other } : undefined;
}
