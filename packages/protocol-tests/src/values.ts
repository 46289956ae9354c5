// Test params (Smithy node values) as the runtime's Smithy-level values, and the comparison the judges
// use between what a test expects and what the client or server produced.
import { type AstModel, type AstShape, expectShape, isUnit, type NodeValue } from "@seqstore/smithy";

const SPECIAL_NUMBERS: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
};

/**
 * `value` (a test's params for the shape `shapeId`) in the form the generated code takes and returns:
 * timestamps as Date (params give epoch seconds), blobs as bytes (params give their text), float
 * specials as numbers; structures, unions, lists and maps member by member; the rest as it is.
 */
export function toRuntimeValue(model: AstModel, shapeId: string, value: NodeValue): unknown {
  if (value === null || isUnit(shapeId)) return value;
  const shape = expectShape(model, shapeId);
  switch (shape.type) {
    case "timestamp":
      if (typeof value === "number") return new Date(Math.round(value * 1000));
      if (typeof value === "string") return new Date(value);
      return value;
    case "blob":
      return typeof value === "string" ? new TextEncoder().encode(value) : value;
    case "float":
    case "double":
      return typeof value === "string" && value in SPECIAL_NUMBERS ? SPECIAL_NUMBERS[value] : value;
    case "list":
    case "set":
      return Array.isArray(value) && shape.member
        ? value.map((item) => toRuntimeValue(model, (shape.member as { target: string }).target, item))
        : value;
    case "map":
      return mapObject(value, (item) =>
        toRuntimeValue(model, (shape.value as { target: string }).target, item),
      );
    case "structure":
    case "union":
      return structureValue(model, shape, value);
    default:
      return value;
  }
}

function structureValue(model: AstModel, shape: AstShape, value: NodeValue): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    // A null member is an absent one (only sparse lists and maps hold nulls).
    if (item === null) continue;
    const member = shape.members?.[name];
    out[name] = member ? toRuntimeValue(model, member.target, item) : item;
  }
  return out;
}

function mapObject(value: NodeValue, convert: (item: NodeValue) => unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, convert(item)]));
}

/** The first difference between `expected` and `actual` as `path: reason`, or undefined when equal. */
export function difference(expected: unknown, actual: unknown, path = "$"): string | undefined {
  if (typeof expected === "number" && typeof actual === "number") {
    return Object.is(expected, actual) || expected === actual
      ? undefined
      : `${path}: expected ${expected}, got ${actual}`;
  }
  if (expected instanceof Date || actual instanceof Date) {
    if (!(expected instanceof Date) || !(actual instanceof Date)) {
      return `${path}: expected ${show(expected)}, got ${show(actual)}`;
    }
    return expected.getTime() === actual.getTime()
      ? undefined
      : `${path}: expected ${expected.toISOString()}, got ${Number.isNaN(actual.getTime()) ? "Invalid Date" : actual.toISOString()}`;
  }
  if (expected instanceof Uint8Array || actual instanceof Uint8Array) {
    if (!(expected instanceof Uint8Array) || !(actual instanceof Uint8Array)) {
      return `${path}: expected ${show(expected)}, got ${show(actual)}`;
    }
    return Buffer.from(expected).equals(Buffer.from(actual))
      ? undefined
      : `${path}: expected bytes ${show(expected)}, got ${show(actual)}`;
  }
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual))
      return `${path}: expected ${show(expected)}, got ${show(actual)}`;
    if (expected.length !== actual.length) {
      return `${path}: expected ${expected.length} items, got ${actual.length} (${show(actual)})`;
    }
    for (let i = 0; i < expected.length; i++) {
      const found = difference(expected[i], actual[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (isPlainRecord(expected) && isPlainRecord(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      const found = difference(expected[key], actual[key], `${path}.${key}`);
      if (found) return found;
    }
    return undefined;
  }
  return expected === actual ? undefined : `${path}: expected ${show(expected)}, got ${show(actual)}`;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object";
}

export function show(value: unknown): string {
  if (value instanceof Uint8Array) return `<${Buffer.from(value).toString("utf8").slice(0, 60)}>`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return String(value);
  }
}

/** Drops members whose value is undefined (absent) from a produced structure, and the client's `$metadata`. */
export function withoutAbsent(value: unknown): unknown {
  if (!isPlainRecord(value) || value instanceof Date || value instanceof Uint8Array || Array.isArray(value)) {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    if (item !== undefined && key !== "$metadata") out[key] = item;
  return out;
}

/**
 * A copy of a structure with each streaming blob member (a ReadableStream) read into its bytes, so it
 * compares with the case's params; a stream that yields nothing reads as absent (the cases write a
 * streaming payload without a body as an absent member).
 */
export async function drainStreams(value: unknown): Promise<unknown> {
  if (!isPlainRecord(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const [key, item] of Object.entries(value)) {
    if (!(item instanceof ReadableStream)) continue;
    const bytes = new Uint8Array(await new Response(item as ReadableStream<Uint8Array>).arrayBuffer());
    out[key] = bytes.byteLength > 0 ? bytes : undefined;
  }
  return out;
}
