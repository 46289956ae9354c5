import {
  canonicalPath,
  canonicalQuery,
  canonicalRequest,
  credentialScope,
  type HeaderInput,
  normalizeHeaders,
  parseQuery,
  type QueryParameter,
  stringToSign,
} from "../canonical.js";
import { SCOPE_TERMINATOR, UNSIGNED_PAYLOAD } from "../constants.js";
import { formatAmzDate, parseAmzDate } from "../date.js";
import { type ClaimedSignature, readClaimedSignature } from "./authorization.js";
import { fail, MESSAGES, type VerifyFailure } from "./failures.js";
import { deriveSigningKey, hmacSha256Hex, secretsEqual, sha256Hex, signatureMatches } from "./node-crypto.js";
import { HEADER, MAX_PRESIGNED_EXPIRES_SECONDS, QUERY } from "./wire-names.js";

/** A request as the server received it, before any decoding. */
export interface VerifiableRequest {
  readonly method: string;
  /** Raw path as received (`req.url` up to `?`), still percent-encoded. */
  readonly path: string;
  /** Raw query string as received, without the `?` ("" when none). */
  readonly query: string;
  /** Received headers; names in any case (Node lowercases them), repeated values as arrays. */
  readonly headers: HeaderInput;
  readonly body: Uint8Array;
}

export interface SecretRecord {
  readonly secretAccessKey: string;
  readonly accountId: string;
  /** Temporary credentials: the request must carry exactly this `x-amz-security-token`. */
  readonly sessionToken?: string;
}

export interface VerifyOptions {
  /** Signing name the credential scope must name, e.g. `omics`. */
  readonly service: string;
  /** Regions the credential scope may name; undefined = any. */
  readonly regions?: readonly string[];
  lookupSecret(accessKeyId: string): SecretRecord | undefined;
  /** Defaults to the current time. */
  readonly now?: Date;
  /** Allowed distance between `x-amz-date` and now; default 5 minutes. */
  readonly maxSkewMs?: number;
}

export interface VerifySuccess {
  readonly ok: true;
  readonly accessKeyId: string;
  readonly accountId: string;
  readonly region: string;
  readonly signedAt: Date;
  readonly presigned: boolean;
}

export type VerifyResult = VerifySuccess | VerifyFailure;

const DEFAULT_MAX_SKEW_MS = 5 * 60 * 1000;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/** Canonical paths of the raw paths seen last: a server is asked the same few paths over and over. */
const canonicalPaths = new Map<string, string>();
const CANONICAL_PATH_CACHE_SIZE = 512;

function canonicalPathOf(rawPath: string): string {
  let canonical = canonicalPaths.get(rawPath);
  if (canonical === undefined) {
    canonical = canonicalPath(rawPath);
    // Paths carry ids, so the set is unbounded: start over when it is full rather than keep them all.
    if (canonicalPaths.size >= CANONICAL_PATH_CACHE_SIZE) canonicalPaths.clear();
    canonicalPaths.set(rawPath, canonical);
  }
  return canonical;
}

/**
 * Verifies a SigV4-signed request (Authorization header or presigned query) the way an AWS
 * endpoint does. The `host` header is taken as received: clients sign the host they connect
 * to (e.g. a `control-storage-` prefixed one), which is not necessarily the server's own name.
 */
export function verifyRequest(request: VerifiableRequest, options: VerifyOptions): VerifyResult {
  const prepared = prepareVerification(request, options);
  if ("ok" in prepared) return prepared;

  const payload = readPayloadHash(prepared.headers, prepared.query, request.body);
  if ("ok" in payload) return payload;
  const { sentPayloadHash, bodyHash } = payload;

  const result = checkSignature(request, prepared, sentPayloadHash ?? bodyHash!);
  if (!result.ok) return result;
  // Checked after the signature: the signed header vouches for the body only if it matches it.
  if (bodyHash !== undefined && sentPayloadHash !== undefined && sentPayloadHash.toLowerCase() !== bodyHash) {
    return fail("XAmzContentSHA256Mismatch", MESSAGES.contentSha256Mismatch);
  }
  return result;
}

/** What the request's head proves before its signature is computed: who claims to sign, when, with what secret. */
export interface PreparedVerification {
  readonly headers: Map<string, string>;
  readonly query: readonly QueryParameter[];
  readonly claim: ClaimedSignature;
  readonly signedAt: Date;
  readonly longDate: string;
  readonly secret: SecretRecord;
}

/** Every check that needs neither the body nor the signature itself. */
export function prepareVerification(
  request: Pick<VerifiableRequest, "headers" | "query">,
  options: VerifyOptions,
): PreparedVerification | VerifyFailure {
  const headers = normalizeHeaders(request.headers);
  // HTTP/2 carries the host in the :authority pseudo-header.
  const authority = headers.get(":authority");
  if (!headers.has(HEADER.host) && authority !== undefined) headers.set(HEADER.host, authority);
  const query = parseQuery(request.query);

  const claimed = readClaimedSignature(headers, query);
  if (!claimed.ok) return claimed;
  const { claim } = claimed;

  const signedAt = checkScope(claim, options);
  if (!(signedAt instanceof Date)) return signedAt;
  // checkScope parsed the sent date and found it reads back unchanged: it is already in signing format.
  const longDate = claim.longDate ?? formatAmzDate(signedAt).longDate;
  const timeProblem = checkTime(claim, signedAt, options);
  if (timeProblem) return timeProblem;

  const secret = options.lookupSecret(claim.accessKeyId);
  // Temporary credentials: the token is a secret, so it is compared in constant time.
  if (
    !secret ||
    (secret.sessionToken !== undefined && !secretsEqual(secret.sessionToken, claim.sessionToken))
  ) {
    return fail("UnrecognizedClientException", MESSAGES.invalidToken);
  }
  return { headers, query, claim, signedAt, longDate, secret };
}

/** Recomputes the signature over the canonical request with `payloadHash` and compares it with the claim. */
export function checkSignature(
  request: Pick<VerifiableRequest, "method" | "path">,
  prepared: PreparedVerification,
  payloadHash: string,
): VerifyResult {
  const { claim, secret } = prepared;
  const canonical = canonicalRequest({
    method: request.method,
    canonicalPath: canonicalPathOf(request.path),
    canonicalQuery: canonicalQuery(prepared.query),
    signedHeaders: claim.signedHeaders,
    headers: prepared.headers,
    payloadHash,
  });
  const scope = credentialScope(claim.scope.date, claim.scope.region, claim.scope.service);
  const toSign = stringToSign(prepared.longDate, scope, sha256Hex(canonical));
  const signingKey = deriveSigningKey(
    secret.secretAccessKey,
    claim.scope.date,
    claim.scope.region,
    claim.scope.service,
  );
  if (!signatureMatches(hmacSha256Hex(signingKey, toSign), claim.signature)) {
    return fail("SignatureDoesNotMatch", MESSAGES.signatureMismatch, {
      canonicalRequest: canonical,
      stringToSign: toSign,
    });
  }
  return {
    ok: true,
    accessKeyId: claim.accessKeyId,
    accountId: secret.accountId,
    region: claim.scope.region,
    signedAt: prepared.signedAt,
    presigned: claim.mode === "query",
  };
}

/**
 * Checks the required signed headers, the date format and the credential scope against the
 * request and the options; returns the signing time when all is well.
 */
function checkScope(claim: ClaimedSignature, options: VerifyOptions): VerifyFailure | Date {
  const { longDate, scope } = claim;
  if (longDate === undefined) {
    return fail("IncompleteSignature", "Authorization header requires existence of a 'X-Amz-Date' header.");
  }
  const signedAt = parseAmzDate(longDate);
  if (!signedAt) {
    return fail(
      "IncompleteSignature",
      `Date must be in ISO-8601 'basic format'. Got '${longDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  if (!claim.signedHeaders.includes(HEADER.host)) {
    return fail(
      "InvalidSignature",
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
  }
  if (claim.mode === "header" && !claim.signedHeaders.includes(HEADER.date)) {
    return fail("InvalidSignature", "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (scope.terminator !== SCOPE_TERMINATOR) {
    return fail(
      "InvalidSignature",
      `Credential should be scoped with a valid terminator: '${SCOPE_TERMINATOR}', not '${scope.terminator}'.`,
    );
  }
  if (scope.date !== longDate.slice(0, 8)) {
    return fail(
      "InvalidSignature",
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: " +
        `'${scope.date}' != '${longDate.slice(0, 8)}', from '${longDate}'.`,
    );
  }
  if (scope.service !== options.service) {
    return fail("InvalidSignature", `Credential should be scoped to correct service: '${options.service}'.`);
  }
  if (options.regions && !options.regions.includes(scope.region)) {
    return fail("InvalidSignature", `Credential should be scoped to a valid region, not '${scope.region}'.`);
  }
  if (claim.expiresSeconds !== undefined && claim.expiresSeconds > MAX_PRESIGNED_EXPIRES_SECONDS) {
    return fail(
      "InvalidSignature",
      `X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGNED_EXPIRES_SECONDS}.`,
    );
  }
  return signedAt;
}

interface PayloadHashes {
  /** `x-amz-content-sha256` header (or presigned parameter) as sent. */
  readonly sentPayloadHash: string | undefined;
  /** SHA-256 of the body received; undefined for UNSIGNED-PAYLOAD (the body is not hashed). */
  readonly bodyHash: string | undefined;
}

function readPayloadHash(
  headers: ReadonlyMap<string, string>,
  query: readonly QueryParameter[],
  body: Uint8Array,
): PayloadHashes | VerifyFailure {
  const sentPayloadHash =
    headers.get(HEADER.contentSha256) ??
    query.find((parameter) => parameter.key === QUERY.contentSha256)?.value;
  if (sentPayloadHash === UNSIGNED_PAYLOAD) return { sentPayloadHash, bodyHash: undefined };
  const bodyHash = sha256Hex(body);
  // The usual case, the body's own hash as sent, is well formed without a look at its characters.
  if (sentPayloadHash !== undefined && sentPayloadHash !== bodyHash && !SHA256_HEX.test(sentPayloadHash)) {
    return fail(
      "XAmzContentSHA256Mismatch",
      `x-amz-content-sha256 must be ${UNSIGNED_PAYLOAD} or the hex SHA-256 of the body, got '${sentPayloadHash}' ` +
        "(streaming payload signing is not supported here: verifyStreamingRequest checks event streams).",
    );
  }
  return { sentPayloadHash, bodyHash };
}

/** The signing time must be within the allowed skew of now; a presigned URL must not have expired. */
function checkTime(
  claim: ClaimedSignature,
  signedAt: Date,
  options: VerifyOptions,
): VerifyFailure | undefined {
  const now = options.now ?? new Date();
  const skewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  // Only a refusal needs the dates as text: formatted then, not on every accepted request.
  const stamp = (ms: number) => formatAmzDate(new Date(ms)).longDate;
  const skewText = `${skewMs / 60_000} min.`;
  if (signedAt.getTime() > now.getTime() + skewMs) {
    return fail(
      "RequestExpired",
      `Signature not yet current: ${claim.longDate} is still later than ${stamp(now.getTime() + skewMs)} ` +
        `(${stamp(now.getTime())} + ${skewText})`,
    );
  }
  // A presigned URL is valid for X-Amz-Expires; a header signature for the skew window.
  const lifetimeMs = claim.expiresSeconds !== undefined ? claim.expiresSeconds * 1000 : skewMs;
  if (signedAt.getTime() < now.getTime() - lifetimeMs) {
    const lifetimeText = claim.expiresSeconds !== undefined ? `${claim.expiresSeconds} sec.` : skewText;
    return fail(
      "RequestExpired",
      `Signature expired: ${claim.longDate} is now earlier than ${stamp(now.getTime() - lifetimeMs)} ` +
        `(${stamp(now.getTime())} - ${lifetimeText})`,
    );
  }
  return undefined;
}
