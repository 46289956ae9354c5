// Turns request bytes into text safely: strict UTF-8 (a bad byte is refused, never replaced by U+FFFD,
// which would silently change what the client sent) and a bound on JSON nesting (deep nesting overflows
// the stack of recursive code further on: structuredClone, schema validators, the binder).
import { serializationError } from "./protocol-errors.js";

/** Default of AdapterOptions.maxJsonDepth: far deeper than any modeled shape, far below stack limits. */
export const DEFAULT_MAX_JSON_DEPTH = 64;

// One decoder for every request (decode() without `stream` keeps no state between calls). The BOM is kept,
// so JSON.parse refuses it as before.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The bytes as a string; a 400 SerializationException when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array, what = "request body"): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw serializationError(`The ${what} is not valid UTF-8.`);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Whether the bytes hold at most `max` opening brackets, counting those in strings too: then nothing can
 * nest deeper than `max`. Native indexOf jumps between them, much faster than walking every byte.
 */
function fewOpenings(bytes: Uint8Array, max: number): boolean {
  let count = 0;
  for (const opening of [OPEN_BRACE, OPEN_BRACKET]) {
    for (let i = bytes.indexOf(opening); i !== -1; i = bytes.indexOf(opening, i + 1)) {
      if (++count > max) return false;
    }
  }
  return true;
}

/**
 * Whether JSON text nests arrays/objects more than `maxDepth` levels deep (one pass over the bytes,
 * skipping strings; stops at the first level too deep). Works on bytes: UTF-8 multi-byte sequences never
 * contain ASCII bytes, so they cannot be mistaken for brackets or quotes.
 */
export function nestsDeeperThan(bytes: Uint8Array, maxDepth: number): boolean {
  if (fewOpenings(bytes, maxDepth)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      if (++depth > maxDepth) return true;
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}
