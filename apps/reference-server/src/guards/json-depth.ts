// A cap on how deeply a request body's JSON nests. Nothing in the model goes deeper than a few levels,
// while a body of a few kilobytes of "[[[[…" can nest thousands of levels deep, which exhausts the call stack of
// recursive code downstream (copying and schema validation in the server stub answered 500). Counting
// brackets over the raw bytes is linear and needs no parse.
import { validationError } from "@seqstore/server";

/** Deeper than any input of the model (3 levels) by far, shallow enough for any recursive walker. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** The deepest nesting of objects and arrays in `bytes`, ignoring brackets inside strings. */
export function jsonNestingDepth(bytes: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
  }
  return deepest;
}

/** Throws ValidationException (400) for a body nested deeper than `limit`. */
export function assertJsonDepth(body: Uint8Array, limit: number = MAX_JSON_DEPTH): void {
  if (jsonNestingDepth(body) > limit) {
    throw validationError(`The request body nests objects or arrays more than ${limit} levels deep.`);
  }
}
