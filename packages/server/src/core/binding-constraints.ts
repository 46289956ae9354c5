// Constraint checks for the bindings the OpenAPI document cannot carry to a schema validator (list headers,
// greedy labels, prefix headers, @httpQueryParams maps; see validatable-document.ts), on the values the
// binder read, so both adapters judge them alike. Compiled once per operation from the table's
// `constraints`; worded as the schema validators word theirs, so one ValidationException reads the same
// whichever part of the request was wrong.
import { pointerToken } from "@seqstore/protocol";
import type { OperationSpec, ValueConstraints } from "./operation-table.js";
import type { ValidationFailure } from "./protocol-errors.js";

type Check = (value: unknown, path: string, failures: ValidationFailure[]) => void;

/** The constraint failures of a bound input (empty when it satisfies them all). */
export type InputConstraintCheck = (input: Record<string, unknown>) => ValidationFailure[];

function isObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

/** A string's length as Smithy's @length counts it: in Unicode code points. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/** A list item as a key that equal items share (header and query items are simple values). */
function itemKey(item: unknown): unknown {
  if (item instanceof Date) return `date:${item.getTime()}`;
  if (item instanceof Uint8Array) return `bytes:${Buffer.from(item).toString("base64")}`;
  if (typeof item === "bigint") return `bigint:${item}`;
  return item;
}

/** What @length counts in `value`, and its name: characters, items, entries (properties) or bytes. */
function measure(value: unknown): [number, string] | undefined {
  if (typeof value === "string") return [codePoints(value), "characters"];
  if (Array.isArray(value)) return [value.length, "items"];
  if (value instanceof Uint8Array) return [value.length, "bytes"];
  if (isObject(value)) return [Object.keys(value).length, "properties"];
  return undefined;
}

/** A @pattern as ECMAScript reads it; `u` as the schema validators use it, when the pattern allows it. */
function compilePattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, "u");
  } catch {
    return new RegExp(pattern);
  }
}

/** The checks of one value's own constraints, then of its items, map keys and map values. */
function compile(constraints: ValueConstraints, subject = ""): Check {
  const own: Check[] = [];
  const fail = (failures: ValidationFailure[], path: string, message: string) => {
    failures.push({ path, message: `${subject}${message}` });
  };
  const { length, pattern, range } = constraints;
  if (length) {
    own.push((value, path, failures) => {
      const measured = measure(value);
      if (!measured) return;
      const [size, unit] = measured;
      if (length.min !== undefined && size < length.min)
        fail(failures, path, `must NOT have fewer than ${length.min} ${unit}`);
      if (length.max !== undefined && size > length.max)
        fail(failures, path, `must NOT have more than ${length.max} ${unit}`);
    });
  }
  if (pattern !== undefined) {
    const regex = compilePattern(pattern);
    own.push((value, path, failures) => {
      if (typeof value === "string" && !regex.test(value))
        fail(failures, path, `must match pattern "${pattern}"`);
    });
  }
  if (range) {
    own.push((value, path, failures) => {
      // A bigInteger is a bigint, compared exactly with the bounds (JavaScript compares bigint and number).
      const number = typeof value === "bigint" || typeof value === "number" ? value : undefined;
      if (number === undefined || Number.isNaN(number)) return;
      if (range.min !== undefined && number < range.min) fail(failures, path, `must be >= ${range.min}`);
      if (range.max !== undefined && number > range.max) fail(failures, path, `must be <= ${range.max}`);
    });
  }
  const allowed = constraints.enum;
  if (allowed) {
    const values = new Set<unknown>(allowed);
    own.push((value, path, failures) => {
      if ((typeof value === "string" || typeof value === "number") && !values.has(value))
        fail(failures, path, `must be equal to one of the allowed values: ${allowed.join(", ")}`);
    });
  }
  if (constraints.uniqueItems) {
    own.push((value, path, failures) => {
      if (!Array.isArray(value)) return;
      // As the schema validators look: from the end, the first item equal to a later one.
      const seen = new Map<unknown, number>();
      for (let i = value.length - 1; i >= 0; i--) {
        const key = itemKey(value[i]);
        const later = seen.get(key);
        if (later !== undefined) {
          fail(failures, path, `must NOT have duplicate items (items ## ${i} and ${later} are identical)`);
          return;
        }
        seen.set(key, i);
      }
    });
  }
  const item = constraints.member && compile(constraints.member);
  const key = constraints.key && compile(constraints.key, "key ");
  const entry = constraints.value && compile(constraints.value);
  return (value, path, failures) => {
    for (const check of own) check(value, path, failures);
    if (item && Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (value[i] !== null && value[i] !== undefined) item(value[i], `${path}/${i}`, failures);
      }
    }
    if ((key || entry) && isObject(value)) {
      for (const name of Object.keys(value)) {
        const at = `${path}/${pointerToken(name)}`;
        key?.(name, at, failures);
        const held = value[name];
        if (entry && held !== null && held !== undefined) entry(held, at, failures);
      }
    }
  };
}

/** The operation's input constraint check, or undefined when no input binding carries constraints. */
export function compileInputConstraints(operation: OperationSpec): InputConstraintCheck | undefined {
  const checks: { member: string; path: string; check: Check }[] = [];
  for (const binding of operation.input) {
    if (!binding.constraints) continue;
    checks.push({
      member: binding.member,
      path: `/${pointerToken(binding.member)}`,
      check: compile(binding.constraints),
    });
  }
  if (checks.length === 0) return undefined;
  return (input) => {
    const failures: ValidationFailure[] = [];
    for (const { member, path, check } of checks) {
      const value = input[member];
      if (value !== undefined) check(value, path, failures);
    }
    return failures;
  };
}
