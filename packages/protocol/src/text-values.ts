// Values of labels, query parameters and headers: text on the wire, typed values in a structure.
import { fromBase64, textFromBase64, textToBase64, toBase64 } from "./base64.js";
import { describeJson } from "./json-values.js";
import { parseBigNumberText, parseFloatText, parseIntegerText } from "./numbers.js";
import type { WireType } from "./service.js";
import { formatTimestamp, parseTimestamp, type TimestampOptions } from "./timestamps.js";

/** What a text value was expected to be, for the message of a value that does not parse. */
export function describeText(type: WireType): string {
  switch (type.kind) {
    case "boolean":
      return "true or false";
    case "string":
      return type.mediaType ? "base64-encoded text" : "a string";
    case "bigNumber":
      return type.integer ? "an integer" : "a number";
    case "number":
    case "timestamp":
    case "blob":
      return describeJson(type);
    default:
      return "a simple value";
  }
}

/**
 * One text value as `type` (a simple type: lists are split by the caller); undefined when the text does
 * not parse strictly ("1.0" is no integer, "TRUE" no boolean, "xyz" no base64).
 */
export function parseText(text: string, type: WireType, options?: TimestampOptions): unknown {
  switch (type.kind) {
    case "string":
      return type.mediaType ? textFromBase64(text) : text;
    case "boolean":
      return text === "true" ? true : text === "false" ? false : undefined;
    case "number":
      return type.integer ? parseIntegerText(text, type.integer) : parseFloatText(text);
    case "bigNumber":
      return parseBigNumberText(text, type.integer);
    case "timestamp":
      return parseTimestamp(text, type.format, options);
    case "blob":
      return fromBase64(text);
    default:
      return undefined;
  }
}

/** One simple value as text for a label, query parameter or header. */
export function formatText(value: unknown, type: WireType): string {
  if (value instanceof Date)
    return String(formatTimestamp(value, type.kind === "timestamp" ? type.format : "date-time"));
  if (value instanceof Uint8Array) return toBase64(value);
  if (type.kind === "string" && type.mediaType) return textToBase64(String(value));
  return String(value);
}
