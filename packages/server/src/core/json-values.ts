// Converts JSON body values to their Smithy-level form (Date, Uint8Array, member names) and back.
import type { OperationTable, WireType } from "./operation-table.js";
import type { ValidationFailure } from "./protocol-errors.js";
import { formatTimestamp, parseTimestamp } from "./timestamps.js";

type Structures = OperationTable["structures"];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** RFC 6901 escaping of one JSON pointer token. */
export function pointerToken(token: string): string {
  // Member names almost never need escaping: skip the two replaceAll passes (hot on every request).
  if (!token.includes("~") && !token.includes("/")) return token;
  return token.replaceAll("~", "~0").replaceAll("/", "~1");
}

function describe(type: WireType): string {
  switch (type.kind) {
    case "structure":
    case "union":
    case "map":
      return "an object";
    case "list":
      return "an array";
    case "timestamp":
      return type.format === "epoch-seconds" ? "a timestamp in epoch seconds" : `a ${type.format} timestamp`;
    case "blob":
      return "base64-encoded data";
    case "bigNumber":
      return "a number";
    case "document":
      return "a JSON value";
    default:
      return `a ${type.kind}`;
  }
}

/** Records a value of the wrong type; reads as undefined. (A function, not a closure made per value.) */
function mismatch(type: WireType, path: string, failures: ValidationFailure[]): undefined {
  failures.push({ path, message: `Expected ${describe(type)}.` });
  return undefined;
}

/**
 * Read a JSON value as `type`. Type mismatches are pushed to `failures` (with a JSON pointer
 * `path`) and read as undefined, so one pass reports every broken field. Unknown object keys are
 * dropped: a newer client may send members this server does not know yet.
 */
export function fromJson(
  value: unknown,
  type: WireType,
  structures: Structures,
  path: string,
  failures: ValidationFailure[],
): unknown {
  if (value === null || value === undefined) return undefined;
  switch (type.kind) {
    case "string":
      return typeof value === "string" ? value : mismatch(type, path, failures);
    case "boolean":
      return typeof value === "boolean" ? value : mismatch(type, path, failures);
    case "number":
    case "bigNumber":
      return typeof value === "number" ? value : mismatch(type, path, failures);
    case "document":
      return value;
    case "timestamp":
      return parseTimestamp(value, type.format) ?? mismatch(type, path, failures);
    case "blob":
      return typeof value === "string"
        ? new Uint8Array(Buffer.from(value, "base64"))
        : mismatch(type, path, failures);
    case "list":
      if (!Array.isArray(value)) return mismatch(type, path, failures);
      return value.map((item, i) => fromJson(item, type.member, structures, `${path}/${i}`, failures));
    case "map": {
      if (!isPlainObject(value)) return mismatch(type, path, failures);
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const converted = fromJson(item, type.value, structures, `${path}/${pointerToken(key)}`, failures);
        if (converted !== undefined) result[key] = converted;
      }
      return result;
    }
    case "structure":
    case "union": {
      if (!isPlainObject(value)) return mismatch(type, path, failures);
      const result: Record<string, unknown> = {};
      for (const member of structures[type.shape]?.members ?? []) {
        const memberPath = `${path}/${pointerToken(member.member)}`;
        const converted = fromJson(value[member.jsonName], member.type, structures, memberPath, failures);
        if (converted !== undefined) result[member.member] = converted;
      }
      return result;
    }
  }
}

/** Write a Smithy-level value as JSON-ready data for `type`; undefined members are left out. */
export function toJson(value: unknown, type: WireType, structures: Structures): unknown {
  if (value === null || value === undefined) return undefined;
  switch (type.kind) {
    case "timestamp":
      return value instanceof Date ? formatTimestamp(value, type.format) : value;
    case "blob":
      return value instanceof Uint8Array ? Buffer.from(value).toString("base64") : value;
    case "list":
      return Array.isArray(value)
        ? value.map((item) => toJson(item, type.member, structures) ?? null)
        : value;
    case "map": {
      if (!isPlainObject(value)) return value;
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const converted = toJson(item, type.value, structures);
        if (converted !== undefined) result[key] = converted;
      }
      return result;
    }
    case "structure":
    case "union": {
      if (!isPlainObject(value)) return value;
      const result: Record<string, unknown> = {};
      for (const member of structures[type.shape]?.members ?? []) {
        const converted = toJson(value[member.member], member.type, structures);
        if (converted !== undefined) result[member.jsonName] = converted;
      }
      return result;
    }
    default:
      return value;
  }
}
