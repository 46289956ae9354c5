// Smithy's URI encoding for labels and query strings: every byte but RFC 3986's unreserved characters
// (A–Z a–z 0–9 - . _ ~) is percent-encoded, stricter than encodeURIComponent. A greedy label keeps its "/".

const STRICTER = /[!'()*]/g;

function hex(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
}

/** One label, query key or query value, percent-encoded (UTF-8). */
export function encodeUriComponent(text: string): string {
  return encodeURIComponent(text).replace(STRICTER, hex);
}

/** A label's value for the path; a greedy label (`{name+}`) keeps its slashes. */
export function encodeLabel(text: string, greedy?: boolean): string {
  return greedy ? text.split("/").map(encodeUriComponent).join("/") : encodeUriComponent(text);
}

/** A percent-encoded component decoded; undefined for a bad escape or bytes that are not UTF-8. */
export function decodeUriComponent(text: string): string | undefined {
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
