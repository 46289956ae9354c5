// Blobs in JSON documents, headers and query strings travel as base64.
// btoa/atob (not Buffer): the client runs in browsers too. They work on "binary strings", one char per byte.

export function toBase64(value: unknown): string | undefined {
  if (value == null) return undefined;
  const bytes = typeof value === "string" ? new TextEncoder().encode(value) : value;
  if (!(bytes instanceof Uint8Array)) throw new TypeError("Expected a Uint8Array (or string) for a blob");
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function fromBase64(value: unknown): Uint8Array | undefined {
  if (value == null) return undefined;
  let binary: string | undefined;
  try {
    binary = typeof value === "string" ? atob(value) : undefined;
  } catch {
    // atob throws a DOMException for characters outside the base64 alphabet.
  }
  if (binary === undefined) throw new TypeError(`Expected a base64 string for a blob, got ${typeof value}`);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
