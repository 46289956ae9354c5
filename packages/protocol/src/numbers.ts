// Numbers as restJson1 reads and writes them: integers strictly (no fraction, exponent, hex or
// coercion from other types) within their shape's range; floats with NaN and ±Infinity, which JSON
// cannot hold as numbers and so travel as the strings "NaN", "Infinity" and "-Infinity".
import type { IntegerSize } from "./service.js";

/** Inclusive ranges of Smithy's integer shapes (long's bounds are ±2^63, beyond exact doubles). */
export const INTEGER_RANGES: Readonly<Record<IntegerSize, readonly [bigint, bigint]>> = {
  byte: [-128n, 127n],
  short: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  long: [-9223372036854775808n, 9223372036854775807n],
};

const INTEGER_TEXT = /^-?\d+$/;
// A decimal number as text (JSON's grammar, plus a leading "+" never): "1", "-1.5", "2e10".
const FLOAT_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const SPECIAL_FLOATS: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
};

/** Whether a JSON number is an integer within the range of `size`. */
export function isIntegerInRange(value: number, size: IntegerSize): boolean {
  if (!Number.isInteger(value)) return false;
  const [min, max] = INTEGER_RANGES[size];
  // Doubles round ±2^63 - 1 onto ±2^63: compare exactly as bigints past the safe range.
  return Number.isSafeInteger(value)
    ? value >= Number(min) && value <= Number(max)
    : BigInt(value) >= min && BigInt(value) <= max;
}

/** Integer text (label, query, header) for `size`; undefined when it is not plain decimal digits in range. */
export function parseIntegerText(text: string, size: IntegerSize): number | undefined {
  if (!INTEGER_TEXT.test(text)) return undefined;
  const value = BigInt(text);
  const [min, max] = INTEGER_RANGES[size];
  return value >= min && value <= max ? Number(value) : undefined;
}

/** Float text (label, query, header): a decimal number or NaN/Infinity/-Infinity; else undefined. */
export function parseFloatText(text: string): number | undefined {
  const special = SPECIAL_FLOATS[text];
  if (special !== undefined) return special;
  return FLOAT_TEXT.test(text) ? Number(text) : undefined;
}

/** A float from JSON: a number, or one of the strings "NaN", "Infinity", "-Infinity". */
export function readJsonFloat(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  return typeof value === "string" ? SPECIAL_FLOATS[value] : undefined;
}

/** A float for JSON: NaN and ±Infinity as their strings, other numbers as they are. */
export function writeJsonFloat(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

/**
 * A big number's text, exactly: a bigInteger (digits only) as a bigint, a bigDecimal (any decimal) as its
 * text; undefined when malformed.
 */
export function parseBigNumberText(text: string, integer?: boolean): bigint | string | undefined {
  if (integer) return INTEGER_TEXT.test(text) ? BigInt(text) : undefined;
  return FLOAT_TEXT.test(text) ? text : undefined;
}

const DECIMAL_PARTS = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A decimal's value as "<sign><digits>e<exponent>" without leading or trailing zeros ("0" for zero). */
function canonicalDecimal(text: string): string | undefined {
  const parts = DECIMAL_PARTS.exec(text);
  if (!parts) return undefined;
  const [, sign = "", whole = "", fraction = "", exponent = "0"] = parts;
  const digits = `${whole}${fraction}`.replace(/^0+/, "");
  if (digits === "") return "0";
  const significant = digits.replace(/0+$/, "");
  const shift = Number(exponent) - fraction.length + (digits.length - significant.length);
  return `${sign === "-" ? "-" : ""}${significant}e${shift}`;
}

/**
 * Whether a decimal's text survives as a double: the double it parses to prints as the same decimal
 * ("0.1" does; "9007199254740993" and "3.14159265358979323846" do not, nor does "1e400").
 */
export function isExactAsDouble(text: string): boolean {
  const value = Number(text);
  return Number.isFinite(value) && canonicalDecimal(text) === canonicalDecimal(String(value));
}

// JSON string literals (skipped) and number tokens, in a text that is already known to be valid JSON.
const JSON_TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * The doubles that number tokens of a JSON text parse to when a double cannot hold the token exactly
 * (see isExactAsDouble); undefined when every number survives. `text` must be valid JSON.
 */
export function inexactJsonNumbers(text: string): Set<number> | undefined {
  let found: Set<number> | undefined;
  for (const match of text.matchAll(JSON_TOKENS)) {
    const token = match[0];
    if (token.charCodeAt(0) === 0x22 || isExactAsDouble(token)) continue;
    found ??= new Set();
    found.add(Number(token));
  }
  return found;
}

/**
 * A big number as a JSON number: a bigint within ±(2^53 − 1), a bigDecimal string a double holds exactly,
 * or a number as it is. Throws a RangeError for a value JSON's doubles would round: never written wrong.
 */
export function writeJsonBigNumber(value: unknown): unknown {
  if (typeof value === "bigint") {
    if (value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER))
      return Number(value);
    throw new RangeError(
      `The bigInteger ${value} is beyond ±(2^53 - 1): a JSON number read as a double would not hold it exactly.`,
    );
  }
  if (typeof value === "string") {
    if (FLOAT_TEXT.test(value) && isExactAsDouble(value)) return Number(value);
    throw new RangeError(
      `The bigDecimal "${value}" cannot be written as a JSON number that a double holds exactly.`,
    );
  }
  return value;
}
