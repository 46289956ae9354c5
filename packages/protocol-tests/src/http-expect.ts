// The checks the smithy.test traits define on one HTTP message, shared by the client and server
// judges: headers, forbidden and required headers, query parameters, and the body compared by its
// media type (JSON as parsed values, anything else byte for byte).
import { difference } from "./values.js";

/** One HTTP message as the judges saw it on the wire (header names in lower case). */
export interface WireMessage {
  headers: Map<string, string>;
  body: Uint8Array;
}

export interface MessageExpectations {
  headers?: Record<string, string> | undefined;
  forbidHeaders?: string[] | undefined;
  requireHeaders?: string[] | undefined;
  body?: string | undefined;
  bodyMediaType?: string | undefined;
}

/** Every failed expectation, one line each (empty when the message passes). */
export function checkMessage(expect: MessageExpectations, actual: WireMessage): string[] {
  const failures: string[] = [];
  for (const [name, value] of Object.entries(expect.headers ?? {})) {
    const got = actual.headers.get(name.toLowerCase());
    if (got === undefined) failures.push(`header ${name}: expected "${value}", absent`);
    else if (normalizeHeader(got) !== normalizeHeader(value)) {
      failures.push(`header ${name}: expected "${value}", got "${got}"`);
    }
  }
  for (const name of expect.forbidHeaders ?? []) {
    const got = actual.headers.get(name.toLowerCase());
    if (got !== undefined) failures.push(`header ${name} is forbidden, got "${got}"`);
  }
  for (const name of expect.requireHeaders ?? []) {
    if (!actual.headers.has(name.toLowerCase())) failures.push(`header ${name} is required, absent`);
  }
  if (expect.body !== undefined) {
    const failure = compareBody(expect.body, expect.bodyMediaType, actual.body);
    if (failure) failures.push(failure);
  }
  return failures;
}

/** Leading and trailing whitespace is not part of a header value (RFC 9110 5.5). */
const normalizeHeader = (value: string) => value.trim();

export function isJsonMediaType(mediaType: string | undefined): boolean {
  return mediaType !== undefined && /(^|[/+])json(;|$)/i.test(mediaType.split(";")[0]?.trim() ?? "");
}

/** The spec's body rule: an empty expected body means none; JSON compares as values; the rest as bytes. */
export function compareBody(
  expected: string,
  mediaType: string | undefined,
  actual: Uint8Array,
): string | undefined {
  const text = new TextDecoder().decode(actual);
  if (expected === "") return actual.byteLength === 0 ? undefined : `body: expected none, got ${clip(text)}`;
  if (isJsonMediaType(mediaType)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return `body: expected JSON ${clip(expected)}, got ${clip(text)} (not JSON)`;
    }
    const found = difference(JSON.parse(expected), parsed, "body");
    return found && `${found} (body ${clip(text)})`;
  }
  const expectedBytes = new TextEncoder().encode(expected);
  return Buffer.from(expectedBytes).equals(Buffer.from(actual))
    ? undefined
    : `body: expected ${clip(expected)}, got ${clip(text)}`;
}

const clip = (text: string) => JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text);

/**
 * A query string as its `name=value` components, still percent-encoded: the traits compare the
 * encoded form, with the hex digits of escapes in any case (so `%2f` and `%2F` are one character).
 */
export function queryComponents(query: string): string[] {
  if (query === "") return [];
  return query.split("&").map(normalizeEscapes);
}

const normalizeEscapes = (component: string) =>
  component.replace(/%[0-9a-fA-F]{2}/g, (hex) => hex.toUpperCase());

/** A component's key, decoded (forbidQueryParams and requireQueryParams name keys as they read). */
function keyOf(component: string): string {
  const key = component.split("=")[0] ?? "";
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

export interface QueryExpectations {
  queryParams?: string[] | undefined;
  forbidQueryParams?: string[] | undefined;
  requireQueryParams?: string[] | undefined;
}

/**
 * queryParams must each appear, encoded as listed (as many times as listed); forbidden keys must not,
 * required keys must.
 */
export function checkQuery(expect: QueryExpectations, actualQuery: string): string[] {
  const failures: string[] = [];
  const actual = queryComponents(actualQuery);
  const remaining = [...actual];
  for (const expected of (expect.queryParams ?? []).map(normalizeEscapes)) {
    const at = remaining.indexOf(expected);
    if (at < 0) failures.push(`query ${expected}: absent (query "${actualQuery}")`);
    else remaining.splice(at, 1);
  }
  const keys = new Set(actual.map(keyOf));
  for (const key of expect.forbidQueryParams ?? []) {
    if (keys.has(key)) failures.push(`query key ${key} is forbidden (query "${actualQuery}")`);
  }
  for (const key of expect.requireQueryParams ?? []) {
    if (!keys.has(key)) failures.push(`query key ${key} is required (query "${actualQuery}")`);
  }
  return failures;
}
