// The signer, written for browser bundles: one pass over the headers, the canonical request built
// as one string, no general-purpose helpers it would not use (the verifier has those). Its output
// is checked byte for byte against the AWS SDK signer (test/sign.test.ts).
import { canonicalHeaderValue, canonicalPath, canonicalQuery, parseQuery } from "./canonical.js";
import { ALGORITHM, SCOPE_TERMINATOR, UNSIGNED_PAYLOAD } from "./constants.js";
import { isSignableHeader } from "./signable-headers.js";
import { toHex } from "./encoding.js";
import { deriveSigningKey, type Hashable, hmacSha256, sha256Hex } from "./web-crypto.js";

export interface SignableRequest {
  readonly method: string;
  /** Absolute URL the request goes to, path and query exactly as they will be sent. */
  readonly url: string | URL;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Omitted or null = no body. A stream (or Blob) is not read: it is signed as `UNSIGNED-PAYLOAD`, as
   * the AWS SDK for JavaScript signs streams, unless the caller sends its `x-amz-content-sha256`.
   */
  readonly body?: Hashable | StreamingBody | null;
}

/** A body the signer never reads, so that it can flow without being buffered. */
export type StreamingBody = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Blob;

/** Text or bytes, from any realm (`instanceof` fails for arrays made in another frame or worker). */
const isHashable = (body: unknown): body is Hashable =>
  typeof body === "string" ||
  /^\[object (Uint8Array|ArrayBuffer)\]$/.test(Object.prototype.toString.call(body));

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignOptions extends SigningCredentials {
  readonly region: string;
  /** Signing name of the service, e.g. `omics`. */
  readonly service: string;
  /** Signing time; defaults to the current time. */
  readonly now?: Date;
  /** Sign `UNSIGNED-PAYLOAD` instead of the body's SHA-256 (only where the service accepts it). */
  readonly unsignedPayload?: boolean;
}

/**
 * Signs a request with SigV4 (Authorization header) and returns the headers to send: the
 * caller's headers (names lowercased) plus `authorization`, `x-amz-date`,
 * `x-amz-content-sha256` and, with temporary credentials, `x-amz-security-token`.
 * `host` is signed as `url.host` but only returned when the caller passed it: fetch sets it
 * itself (browsers forbid setting it).
 */
export async function signRequest(
  request: SignableRequest,
  options: SignOptions,
): Promise<Record<string, string>> {
  const url = new URL(request.url);
  // `20240101T000000Z`: ISO 8601 basic, whole seconds.
  const longDate = (options.now ?? new Date()).toISOString().replace(/\.\d{3}|[-:]/g, "");
  const shortDate = longDate.slice(0, 8);

  const outgoing: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const lowerName = name.toLowerCase();
    // A previous signature or date must not survive a re-sign (retries sign again).
    if (lowerName !== "authorization" && lowerName !== "x-amz-date") outgoing[lowerName] = value;
  }
  outgoing["x-amz-date"] = longDate;
  if (options.sessionToken) outgoing["x-amz-security-token"] = options.sessionToken;
  const body = request.body ?? "";
  outgoing["x-amz-content-sha256"] ??=
    options.unsignedPayload || !isHashable(body) ? UNSIGNED_PAYLOAD : await sha256Hex(body);
  const payloadHash = outgoing["x-amz-content-sha256"];

  const signed: Record<string, string> = { host: url.host, ...outgoing };
  const names = Object.keys(signed).filter(isSignableHeader).sort();
  const signedHeaders = names.join(";");
  const canonical = [
    request.method.toUpperCase(),
    canonicalPath(url.pathname),
    canonicalQuery(parseQuery(url.search)),
    names.map((name) => `${name}:${canonicalHeaderValue(signed[name] as string)}\n`).join(""),
    signedHeaders,
    payloadHash,
  ].join("\n");
  const scope = `${shortDate}/${options.region}/${options.service}/${SCOPE_TERMINATOR}`;
  const signature = toHex(
    await hmacSha256(
      await deriveSigningKey(options.secretAccessKey, shortDate, options.region, options.service),
      `${ALGORITHM}\n${longDate}\n${scope}\n${await sha256Hex(canonical)}`,
    ),
  );
  outgoing.authorization = `${ALGORITHM} Credential=${options.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return outgoing;
}
