import { ALGORITHM, SCOPE_TERMINATOR } from "./constants.js";
import { uriDecodeLenient, uriEncode } from "./encoding.js";

/** A header value as Node (`IncomingHttpHeaders`), fetch users or tests hand it over. */
export type HeaderValue = string | readonly string[] | undefined;
export type HeaderInput = Readonly<Record<string, HeaderValue>>;

/**
 * Canonical URI of a non-S3 service, as the AWS SDKs compute it: dot segments and empty
 * segments are removed, then the (already percent-encoded) path is encoded once more, so
 * `%20` becomes `%2520`. Both the signer and the verifier start from the path exactly as it
 * travels on the wire.
 */
export function canonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== "" && segment !== ".") segments.push(uriEncode(segment));
  }
  const trailingSlash = segments.length > 0 && rawPath.endsWith("/") ? "/" : "";
  // A path not starting with "/" only happens with a malformed request line; the SDKs keep it
  // relative, and so do we, so it simply fails to match.
  const leadingSlash = rawPath.startsWith("/") || rawPath === "" ? "/" : "";
  return leadingSlash + segments.join("/") + trailingSlash;
}

/** One decoded query parameter; `value` is "" for a bare `?key`. */
export interface QueryParameter {
  readonly key: string;
  readonly value: string;
}

/** Splits a raw query string (without `?`) into decoded parameters, keeping order and repeats. */
export function parseQuery(rawQuery: string): QueryParameter[] {
  return rawQuery
    .replace(/^\?/, "")
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => {
      // Split at the first "=" only: a value may hold more.
      const [rawKey = "", ...rawValue] = pair.split("=");
      // "+" is a literal plus in RFC 3986 (the SDKs send spaces as %20), not a space.
      return { key: uriDecodeLenient(rawKey), value: uriDecodeLenient(rawValue.join("=")) };
    });
}

/**
 * Canonical query string: every key and value RFC 3986-encoded, sorted by encoded key and then
 * by encoded value (repeated keys), joined with "&". `X-Amz-Signature` never takes part: a
 * presigned URL carries its own signature in the query.
 */
export function canonicalQuery(parameters: readonly QueryParameter[]): string {
  // Sorting whole `key=value` strings would misorder `a=1` and `a-b=2` ("=" sorts after "-").
  // Encoded keys and values never hold "\0", which sorts before anything they do hold: sorting
  // `key\0value` in code-unit order (ASCII, so byte order as the spec asks) orders by key, then
  // by value, and "=" takes the separator's place after the sort.
  return parameters
    .filter(({ key }) => key.toLowerCase() !== "x-amz-signature")
    .map(({ key, value }) => `${uriEncode(key)}\0${uriEncode(value)}`)
    .sort()
    .join("&")
    .replaceAll("\0", "=");
}

/** What canonicalizing would change: a tab or line break, two spaces in a row, a space at either end. */
const NOT_CANONICAL = /[\t\r\n]| {2}|^ | $/;

/**
 * Canonical header value: line breaks become spaces, runs of spaces and tabs collapse to one
 * space, the ends are trimmed. Repeated headers are joined with "," after trimming each.
 */
export function canonicalHeaderValue(value: string | readonly string[]): string {
  if (typeof value !== "string") return value.map((part) => canonicalHeaderValue(part)).join(",");
  // Most values are already canonical: one test instead of two replacing passes (every header of every
  // request the server verifies goes through here).
  if (!NOT_CANONICAL.test(value)) return value;
  return value.replace(/[ \t\r\n]+/g, " ").replace(/^ | $/g, "");
}

/** Lowercases header names and canonicalizes values; duplicate names (different case) are joined. */
export function normalizeHeaders(headers: HeaderInput): Map<string, string> {
  const normalized = new Map<string, string>();
  // for…in, not Object.entries: no [name, value] pair allocated per header of every verified request.
  for (const name in headers) {
    if (!Object.hasOwn(headers, name)) continue;
    const value = headers[name];
    if (value === undefined) continue;
    const lowerName = name.toLowerCase();
    const canonical = canonicalHeaderValue(value);
    const previous = normalized.get(lowerName);
    normalized.set(lowerName, previous === undefined ? canonical : `${previous},${canonical}`);
  }
  return normalized;
}

/** The parts that make up a canonical request. */
export interface CanonicalRequestParts {
  readonly method: string;
  /** Output of {@link canonicalPath}. */
  readonly canonicalPath: string;
  /** Output of {@link canonicalQuery}. */
  readonly canonicalQuery: string;
  /** Lowercase header names in the order they are signed (sorted, for a well-formed request). */
  readonly signedHeaders: readonly string[];
  /** Canonical values by lowercase name; a signed header that is absent counts as empty. */
  readonly headers: ReadonlyMap<string, string>;
  /** Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`, or the `x-amz-content-sha256` value sent. */
  readonly payloadHash: string;
}

export function canonicalRequest(parts: CanonicalRequestParts): string {
  const headerLines = parts.signedHeaders.map((name) => `${name}:${parts.headers.get(name) ?? ""}\n`);
  return [
    parts.method.toUpperCase(),
    parts.canonicalPath,
    parts.canonicalQuery,
    headerLines.join(""),
    parts.signedHeaders.join(";"),
    parts.payloadHash,
  ].join("\n");
}

/** `20240101/us-east-1/omics/aws4_request` */
export function credentialScope(shortDate: string, region: string, service: string): string {
  return `${shortDate}/${region}/${service}/${SCOPE_TERMINATOR}`;
}

export function stringToSign(longDate: string, scope: string, canonicalRequestSha256Hex: string): string {
  return `${ALGORITHM}\n${longDate}\n${scope}\n${canonicalRequestSha256Hex}`;
}
