import type { QueryParameter } from "../canonical.js";
import { ALGORITHM } from "../constants.js";
import { fail, MESSAGES, type VerifyFailure } from "./failures.js";
import { HEADER, QUERY } from "./wire-names.js";

export interface CredentialScope {
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly terminator: string;
}

/** What a request claims about its signature, from the Authorization header or a presigned query. */
export interface ClaimedSignature {
  readonly mode: "header" | "query";
  readonly accessKeyId: string;
  readonly scope: CredentialScope;
  /** As sent (lowercase and sorted when the client is well-behaved). */
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** `x-amz-date` header or `X-Amz-Date` parameter; undefined when neither was sent. */
  readonly longDate: string | undefined;
  /** Presigned only: lifetime in seconds. */
  readonly expiresSeconds?: number;
  readonly sessionToken: string | undefined;
}

export type ClaimResult = { readonly ok: true; readonly claim: ClaimedSignature } | VerifyFailure;

/**
 * Finds the request's signature: an `Authorization: AWS4-HMAC-SHA256 …` header or presigned
 * `X-Amz-*` query parameters (exactly one of them).
 */
export function readClaimedSignature(
  headers: ReadonlyMap<string, string>,
  query: readonly QueryParameter[],
): ClaimResult {
  const authorization = headers.get(HEADER.authorization);
  const presigned = query.some((parameter) => parameter.key === QUERY.algorithm);
  if (authorization !== undefined && presigned) {
    return fail(
      "IncompleteSignature",
      "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified.",
    );
  }
  if (presigned) return readQuerySignature(query);
  if (authorization === undefined || authorization === "")
    return fail("MissingAuthenticationToken", MESSAGES.missingToken);
  return readHeaderSignature(authorization, headers);
}

function readHeaderSignature(authorization: string, headers: ReadonlyMap<string, string>): ClaimResult {
  const space = authorization.indexOf(" ");
  const algorithm = space === -1 ? authorization : authorization.slice(0, space);
  if (algorithm !== ALGORITHM) {
    return fail(
      "IncompleteSignature",
      `Unsupported Authorization algorithm '${algorithm}'; only '${ALGORITHM}' is accepted. Authorization=${authorization}`,
    );
  }
  // The first value of each of the three parameters counts; other parameters are ignored.
  let credential: string | undefined;
  let signedHeaders: string | undefined;
  let signature: string | undefined;
  for (const part of authorization.slice(space + 1).split(",")) {
    const trimmed = part.trim();
    if (trimmed === "") continue;
    const equals = trimmed.indexOf("=");
    if (equals === -1) {
      return fail(
        "IncompleteSignature",
        `Invalid key=value pair (missing equal-sign) in Authorization header: '${trimmed}'.`,
      );
    }
    const name = trimmed.slice(0, equals);
    if (name === "Credential") credential ??= trimmed.slice(equals + 1);
    else if (name === "SignedHeaders") signedHeaders ??= trimmed.slice(equals + 1);
    else if (name === "Signature") signature ??= trimmed.slice(equals + 1);
  }
  if (!credential || !signedHeaders || !signature) {
    const sent = { Credential: credential, Signature: signature, SignedHeaders: signedHeaders };
    const missing = (["Credential", "Signature", "SignedHeaders"] as const).filter((name) => !sent[name]);
    const requirements = missing.map((name) => `Authorization header requires '${name}' parameter.`);
    return fail("IncompleteSignature", `${requirements.join(" ")} Authorization=${authorization}`);
  }
  const signedList = signedHeaderList(signedHeaders);
  return withCredential(credential, (accessKeyId, scope) => ({
    mode: "header",
    accessKeyId,
    scope,
    signedHeaders: signedList,
    signature,
    longDate: headers.get(HEADER.date),
    sessionToken: headers.get(HEADER.securityToken),
  }));
}

/** Parsed SignedHeaders and Credential values: a server sees the same few over and over. */
const signedHeaderLists = new Map<string, readonly string[]>();
const credentials = new Map<string, { accessKeyId: string; scope: CredentialScope }>();
const PARSE_CACHE_SIZE = 256;

/** Remembers `value` under `key`, starting over when the cache is full (the keys come from requests). */
function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= PARSE_CACHE_SIZE) cache.clear();
  cache.set(key, value);
  return value;
}

/** `content-type;host;x-amz-date` → its names (frozen: one list serves every request that sends it). */
function signedHeaderList(text: string): readonly string[] {
  return signedHeaderLists.get(text) ?? remember(signedHeaderLists, text, Object.freeze(text.split(";")));
}

const REQUIRED_QUERY = [
  QUERY.algorithm,
  QUERY.credential,
  QUERY.signature,
  QUERY.date,
  QUERY.signedHeaders,
  QUERY.expires,
] as const;

function readQuerySignature(query: readonly QueryParameter[]): ClaimResult {
  const first = (key: string) => query.find((parameter) => parameter.key === key)?.value;
  if (REQUIRED_QUERY.some((key) => !first(key))) {
    return fail(
      "IncompleteSignature",
      `AWS query-string parameters must include ${REQUIRED_QUERY.map((key) => `'${key}'`).join(", ")}. ` +
        "Re-examine the query-string parameters.",
    );
  }
  const algorithm = first(QUERY.algorithm);
  if (algorithm !== ALGORITHM) {
    return fail("IncompleteSignature", `X-Amz-Algorithm only supports '${ALGORITHM}', got '${algorithm}'.`);
  }
  const expires = first(QUERY.expires)!;
  if (!/^\d{1,9}$/.test(expires)) {
    return fail("IncompleteSignature", `X-Amz-Expires should be a number of seconds, got '${expires}'.`);
  }
  return withCredential(first(QUERY.credential)!, (accessKeyId, scope) => ({
    mode: "query",
    accessKeyId,
    scope,
    signedHeaders: signedHeaderList(first(QUERY.signedHeaders)!),
    signature: first(QUERY.signature)!,
    longDate: first(QUERY.date),
    expiresSeconds: Number(expires),
    sessionToken: first(QUERY.securityToken),
  }));
}

/** `AKID/20240101/us-east-1/omics/aws4_request` → key id + scope. */
function withCredential(
  credential: string,
  build: (accessKeyId: string, scope: CredentialScope) => ClaimedSignature,
): ClaimResult {
  const known = credentials.get(credential);
  if (known !== undefined) return { ok: true, claim: build(known.accessKeyId, known.scope) };
  const parts = credential.split("/");
  const [accessKeyId, date, region, service, terminator] = parts;
  if (parts.length !== 5 || !accessKeyId || !date || !region || !service || !terminator) {
    return fail(
      "IncompleteSignature",
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, " +
        `got '${credential}'`,
    );
  }
  const parsed = remember(credentials, credential, {
    accessKeyId,
    scope: Object.freeze({ date, region, service, terminator }),
  });
  return { ok: true, claim: build(parsed.accessKeyId, parsed.scope) };
}
