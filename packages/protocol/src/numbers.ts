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

/** A big number's text (bigInteger: digits only; bigDecimal: any decimal); undefined when malformed. */
export function parseBigNumberText(text: string, integer?: boolean): number | undefined {
  return (integer ? INTEGER_TEXT : FLOAT_TEXT).test(text) ? Number(text) : undefined;
}
