// Blobs (and @mediaType strings in headers) travel as standard base64 with padding (RFC 4648 §4).
// btoa/atob, not Buffer: this runs in browsers too. They work on "binary strings", one char per byte.

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  // Chunks keep String.fromCharCode's argument list short for large blobs.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The bytes of strict base64 text (padded, standard alphabet); undefined for anything else. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder("utf-8", { fatal: true });

/** A string as base64 of its UTF-8 bytes (a @mediaType string in a header). */
export function textToBase64(text: string): string {
  return toBase64(encoder.encode(text));
}

/** The UTF-8 text that base64 `text` encodes; undefined when either layer is malformed. */
export function textFromBase64(text: string): string | undefined {
  const bytes = fromBase64(text);
  if (!bytes) return undefined;
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}
