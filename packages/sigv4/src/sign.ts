import {
  canonicalPath,
  canonicalQuery,
  canonicalRequest,
  credentialScope,
  normalizeHeaders,
  parseQuery,
  stringToSign,
} from "./canonical.js";
import { ALGORITHM, UNSIGNED_PAYLOAD } from "./constants.js";
import { formatAmzDate } from "./date.js";
import { toHex } from "./encoding.js";
import { isSignableHeader } from "./signable-headers.js";
import { deriveSigningKey, type Hashable, hmacSha256, sha256Hex } from "./web-crypto.js";

export interface SignableRequest {
  readonly method: string;
  /** Absolute URL the request goes to, path and query exactly as they will be sent. */
  readonly url: string | URL;
  readonly headers?: Readonly<Record<string, string>>;
  /** Omitted or null = no body. Streams cannot be hashed up front: sign them with `unsignedPayload`. */
  readonly body?: Hashable | null;
}

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
  const url = typeof request.url === "string" ? new URL(request.url) : request.url;
  const { longDate, shortDate } = formatAmzDate(options.now ?? new Date());

  const outgoing: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const lowerName = name.toLowerCase();
    // A previous signature or date must not survive a re-sign (retries sign again).
    if (lowerName !== "authorization" && lowerName !== "x-amz-date") outgoing[lowerName] = value;
  }
  outgoing["x-amz-date"] = longDate;
  if (options.sessionToken) outgoing["x-amz-security-token"] = options.sessionToken;
  outgoing["x-amz-content-sha256"] ??= options.unsignedPayload
    ? UNSIGNED_PAYLOAD
    : await sha256Hex(request.body ?? "");
  const payloadHash = outgoing["x-amz-content-sha256"];

  const signedValues = normalizeHeaders(outgoing);
  if (!signedValues.has("host")) signedValues.set("host", url.host);
  const signedHeaders = [...signedValues.keys()].filter(isSignableHeader).sort();

  const scope = credentialScope(shortDate, options.region, options.service);
  const canonical = canonicalRequest({
    method: request.method,
    canonicalPath: canonicalPath(url.pathname),
    canonicalQuery: canonicalQuery(parseQuery(url.search)),
    signedHeaders,
    headers: signedValues,
    payloadHash,
  });
  const toSign = stringToSign(longDate, scope, await sha256Hex(canonical));
  const signingKey = await deriveSigningKey(
    options.secretAccessKey,
    shortDate,
    options.region,
    options.service,
  );
  const signature = toHex(await hmacSha256(signingKey, toSign));

  outgoing.authorization =
    `${ALGORITHM} Credential=${options.accessKeyId}/${scope}, ` +
    `SignedHeaders=${signedHeaders.join(";")}, Signature=${signature}`;
  return outgoing;
}
