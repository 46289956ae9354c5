const utf8Encoder = new TextEncoder();

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return utf8Encoder.encode(text);
}

/** Lowercase hex of bytes (a view, or a whole ArrayBuffer such as Web Crypto returns). */
export function toHex(bytes: Uint8Array | ArrayBuffer): string {
  let hex = "";
  for (const byte of new Uint8Array(bytes)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/**
 * RFC 3986 percent-encoding as SigV4 requires: everything except A-Z a-z 0-9 - _ . ~ is encoded
 * (encodeURIComponent leaves ! ' ( ) * alone, so those are encoded on top).
 */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Percent-decodes one query component. A malformed escape (`%zz`, invalid UTF-8) is kept
 * literally instead of throwing: it then re-encodes as `%25…`, so a bad query fails the
 * signature check rather than crashing the verifier.
 */
export function uriDecodeLenient(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
