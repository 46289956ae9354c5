// Blobs in JSON documents, headers and query strings travel as base64, through the shared codec
// (@seqstore/protocol); these wrappers take absent values and throw where the codec finds no base64.
import { fromBase64 as decode, textFromBase64, textToBase64, toBase64 as encode } from "@seqstore/protocol";

/** Bytes, or a string (its UTF-8 bytes: a @mediaType string in a header), as base64. */
export function toBase64(value: unknown): string | undefined {
  if (value == null) return undefined;
  if (typeof value === "string") return textToBase64(value);
  if (!(value instanceof Uint8Array)) throw new TypeError("Expected a Uint8Array (or string) for a blob");
  return encode(value);
}

export function fromBase64(value: unknown): Uint8Array | undefined {
  if (value == null) return undefined;
  const bytes = typeof value === "string" ? decode(value) : undefined;
  if (bytes === undefined)
    throw new TypeError(`Expected a base64 string for a blob, got ${JSON.stringify(value)}`);
  return bytes;
}

/** A @mediaType string that travelled base64-encoded in a header. */
export function textFromHeader(value: string): string {
  const text = textFromBase64(value);
  if (text === undefined)
    throw new TypeError(`Expected base64 UTF-8 text in a header, got ${JSON.stringify(value)}`);
  return text;
}
