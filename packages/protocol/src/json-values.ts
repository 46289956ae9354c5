// JSON body values as restJson1 reads and writes them: member names by @jsonName, timestamps and blobs
// in their JSON forms, NaN/±Infinity as strings, @sparse collections, @default values, unions with
// exactly one member. Reading reports every value that does not fit its type, with a JSON pointer.
import { fromBase64, toBase64 } from "./base64.js";
import { isIntegerInRange, readJsonFloat, writeJsonBigNumber, writeJsonFloat } from "./numbers.js";
import type { CodecFailure, ReadOptions, Structures, WireType, WriteOptions } from "./service.js";
import { formatTimestamp, readJsonTimestamp } from "./timestamps.js";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** RFC 6901 escaping of one JSON pointer token. */
export function pointerToken(token: string): string {
  if (!token.includes("~") && !token.includes("/")) return token;
  return token.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** What a JSON value was expected to be, for the message of one that does not fit. */
export function describeJson(type: WireType): string {
  switch (type.kind) {
    case "structure":
    case "map":
      return "an object";
    case "union":
      return "an object with exactly one member set";
    case "list":
      return "an array";
    case "timestamp":
      return type.format === "epoch-seconds" ? "a timestamp in epoch seconds" : `a ${type.format} timestamp`;
    case "blob":
      return "base64-encoded data";
    case "number":
      return type.integer ? (type.integer === "integer" ? "an integer" : `a ${type.integer}`) : "a number";
    case "bigNumber":
      return "a number";
    case "document":
      return "a JSON value";
    default:
      return `a ${type.kind}`;
  }
}

function mismatch(type: WireType, path: string, failures: CodecFailure[]): undefined {
  failures.push({ path, message: `Expected ${describeJson(type)}.` });
  return undefined;
}

/**
 * A bigInteger (as a bigint) or bigDecimal (as its decimal text) from a JSON number, or a failure when the
 * number does not fit, or when the double JSON.parse made of it does not hold its digits exactly.
 */
function readJsonBigNumber(
  value: unknown,
  type: WireType & { kind: "bigNumber" },
  path: string,
  failures: CodecFailure[],
  options: ReadOptions | undefined,
): unknown {
  if (typeof value !== "number" || (type.integer && !Number.isInteger(value))) {
    return mismatch(type, path, failures);
  }
  if (type.integer ? !Number.isSafeInteger(value) : options?.inexactNumbers?.has(value)) {
    failures.push({
      path,
      message: type.integer
        ? "Expected a bigInteger within ±(2^53 - 1): this server reads JSON numbers as doubles, which would round it."
        : "Expected a bigDecimal a double holds exactly: this server reads JSON numbers as doubles, which would round it.",
    });
    return undefined;
  }
  return type.integer ? BigInt(value) : String(value);
}

/**
 * A JSON value read as `type`. Values that do not fit are pushed to `failures` (with the JSON pointer
 * `path`) and read as undefined, so one pass reports every broken field. null reads as undefined (absent),
 * except as an item of a @sparse collection; in a dense list or map it is malformed. Unknown structure
 * members are dropped (a newer peer may send members this side does not know yet); a union must hold
 * exactly one member (see ReadOptions for unknown ones). Absent members with a @default read as it.
 */
export function readJson(
  value: unknown,
  type: WireType,
  structures: Structures,
  path: string,
  failures: CodecFailure[],
  options?: ReadOptions,
): unknown {
  if (value === null || value === undefined) return undefined;
  switch (type.kind) {
    case "string":
      return typeof value === "string" ? value : mismatch(type, path, failures);
    case "boolean":
      return typeof value === "boolean" ? value : mismatch(type, path, failures);
    case "number":
      if (type.integer) {
        return typeof value === "number" && isIntegerInRange(value, type.integer)
          ? value
          : mismatch(type, path, failures);
      }
      return readJsonFloat(value) ?? mismatch(type, path, failures);
    case "bigNumber":
      return readJsonBigNumber(value, type, path, failures, options);
    case "document":
      return value;
    case "timestamp":
      return (
        readJsonTimestamp(value, type.format, { offsets: options?.timestampOffsets === true }) ??
        mismatch(type, path, failures)
      );
    case "blob":
      return (typeof value === "string" ? fromBase64(value) : undefined) ?? mismatch(type, path, failures);
    case "list": {
      if (!Array.isArray(value)) return mismatch(type, path, failures);
      const list: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (item === null) {
          if (type.sparse) list.push(null);
          else failures.push({ path: `${path}/${i}`, message: "Expected a value: the list is not sparse." });
          continue;
        }
        list.push(readJson(item, type.member, structures, `${path}/${i}`, failures, options));
      }
      return list;
    }
    case "map": {
      if (!isPlainObject(value)) return mismatch(type, path, failures);
      const map: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const item = value[key];
        const itemPath = `${path}/${pointerToken(key)}`;
        if (item === null) {
          if (type.sparse) map[key] = null;
          else failures.push({ path: itemPath, message: "Expected a value: the map is not sparse." });
          continue;
        }
        const read = readJson(item, type.value, structures, itemPath, failures, options);
        if (read !== undefined) map[key] = read;
      }
      return map;
    }
    case "structure":
    case "union": {
      if (!isPlainObject(value)) return mismatch(type, path, failures);
      const result: Record<string, unknown> = {};
      const failed = failures.length;
      let set = 0;
      for (const member of structures[type.shape]?.members ?? []) {
        const memberPath = `${path}/${pointerToken(member.member)}`;
        const raw = value[member.jsonName];
        let read = readJson(raw, member.type, structures, memberPath, failures, options);
        if (
          read === undefined &&
          member.default !== undefined &&
          raw === undefined &&
          type.kind === "structure"
        ) {
          read = readJson(member.default, member.type, structures, memberPath, failures);
        }
        if (read !== undefined) {
          result[member.member] = read;
          set++;
        }
      }
      if (type.kind === "union" && failures.length === failed) {
        // Exactly one member set; one this side does not know is malformed unless the caller keeps it.
        const keys = Object.keys(value).filter((k) => value[k] !== null);
        if (keys.length !== 1) return mismatch(type, path, failures);
        if (set === 0) {
          if (options?.unknownUnionMember !== "keep") {
            failures.push({ path, message: `Unknown union member "${keys[0]}".` });
            return undefined;
          }
          return { $unknown: [keys[0], value[keys[0]!]] };
        }
      }
      return result;
    }
  }
}

/**
 * A Smithy-level value as JSON-ready data for `type`; undefined (absent) members are left out, or written as
 * their @default with `fillDefaults`.
 */
export function writeJson(
  value: unknown,
  type: WireType,
  structures: Structures,
  options?: WriteOptions,
): unknown {
  if (value === null || value === undefined) return undefined;
  switch (type.kind) {
    case "number":
      return typeof value === "number" && !type.integer ? writeJsonFloat(value) : value;
    case "bigNumber":
      return writeJsonBigNumber(value);
    case "timestamp":
      return value instanceof Date ? formatTimestamp(value, type.format) : value;
    case "blob":
      return value instanceof Uint8Array ? toBase64(value) : value;
    case "list":
      return Array.isArray(value)
        ? value.map((item) => writeJson(item, type.member, structures, options) ?? null)
        : value;
    case "map": {
      if (!isPlainObject(value)) return value;
      const map: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const item = writeJson(value[key], type.value, structures, options);
        if (item !== undefined) map[key] = item;
        else if (type.sparse && value[key] === null) map[key] = null;
      }
      return map;
    }
    case "structure":
    case "union": {
      if (!isPlainObject(value)) return value;
      const result: Record<string, unknown> = {};
      for (const member of structures[type.shape]?.members ?? []) {
        const item = writeJson(value[member.member], member.type, structures, options);
        if (item !== undefined) result[member.jsonName] = item;
        else if (options?.fillDefaults && member.default !== undefined && type.kind === "structure") {
          result[member.jsonName] = member.default;
        }
      }
      const unknown = value.$unknown;
      if (type.kind === "union" && Array.isArray(unknown) && typeof unknown[0] === "string") {
        result[unknown[0]] = unknown[1];
      }
      return result;
    }
    default:
      return value;
  }
}
