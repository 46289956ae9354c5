// JSON on the wire must be UTF-8 (RFC 8259). Decoding malformed bytes leniently turns them into U+FFFD,
// which the model's \p{S} patterns accept, so "a\xFFb" would quietly become a store named "a�b". Refuse
// such bodies instead, as AWS does.
import { isUtf8 } from "node:buffer";
import { validationError } from "@seqstore/server";

/** Checked natively, without decoding the body into a string first. */
export function isWellFormedUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}

/** Throws ValidationException (400) for a body that is not well-formed UTF-8. */
export function assertUtf8(body: Uint8Array): void {
  if (!isWellFormedUtf8(body)) throw validationError("The request body is not well-formed UTF-8.");
}
