// The AWS SDK's own signer, used only as an independent oracle for our implementation.
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import type { VerifiableRequest, VerifyOptions } from "../src/verify/index.js";

export const ACCESS_KEY_ID = "AKIDEXAMPLE";
export const SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
export const ACCOUNT_ID = "123456789012";
export const SIGNING_DATE = new Date("2024-01-01T00:00:00Z");

/** A request as a test writes it: path and query in the URL exactly as they go on the wire. */
export interface TestRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** Path as sent when it differs from what `new URL` makes of it (dot segments). */
  readonly rawPath?: string;
}

export interface OracleOptions {
  readonly region?: string;
  readonly service?: string;
  readonly date?: Date;
  readonly secretAccessKey?: string;
  readonly sessionToken?: string;
  /** false = no x-amz-content-sha256 header, as botocore and the SigV4 test suite sign. */
  readonly applyChecksum?: boolean;
}

function oracle(options: OracleOptions): SignatureV4 {
  return new SignatureV4({
    service: options.service ?? "omics",
    region: options.region ?? "us-east-1",
    sha256: Sha256,
    applyChecksum: options.applyChecksum ?? true,
    credentials: {
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: options.secretAccessKey ?? SECRET_ACCESS_KEY,
      ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
    },
  });
}

/** Decodes a raw query the plain way (independent of our parser): repeated keys become arrays. */
function decodeQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of search.replace(/^\?/, "").split("&")) {
    if (pair === "") continue;
    const [rawKey = "", ...rest] = pair.split("=");
    const key = decodeURIComponent(rawKey);
    const value = decodeURIComponent(rest.join("="));
    const previous = query[key];
    query[key] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return query;
}

function smithyRequest(request: TestRequest) {
  const url = new URL(request.url);
  return {
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: request.rawPath ?? url.pathname,
    query: decodeQuery(url.search),
    // The SDK's host-header middleware adds host before signing; do the same.
    headers: { ...request.headers, host: url.host },
    body: request.body,
  };
}

/** Signs with the SDK signer; returns all headers it would send (including host). */
export async function oracleSign(request: TestRequest, options: OracleOptions = {}) {
  const signed = await oracle(options).sign(smithyRequest(request), {
    signingDate: options.date ?? SIGNING_DATE,
  });
  return signed.headers as Record<string, string>;
}

/** Presigns with the SDK signer; returns the URL to call. */
export async function oraclePresign(request: TestRequest, expiresIn: number, options: OracleOptions = {}) {
  const presigned = await oracle(options).presign(smithyRequest(request), {
    signingDate: options.date ?? SIGNING_DATE,
    expiresIn,
  });
  const query = Object.entries(presigned.query ?? {})
    .flatMap(([key, value]) =>
      (Array.isArray(value) ? value : [value]).map(
        (item) => `${encodeURIComponent(key)}=${encodeURIComponent(String(item ?? ""))}`,
      ),
    )
    .join("&");
  return { url: `${new URL(request.url).origin}${presigned.path}?${query}`, headers: presigned.headers };
}

/** What the server would receive for a request sent to `url` with these headers and body. */
export function received(
  url: string,
  method: string,
  headers: Readonly<Record<string, string | readonly string[]>>,
  body: string | Uint8Array = "",
  rawPath?: string,
): VerifiableRequest {
  const parsed = new URL(url);
  const lowerCased = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return {
    method,
    path: rawPath ?? parsed.pathname,
    query: parsed.search.replace(/^\?/, ""),
    headers: { host: parsed.host, ...lowerCased },
    body: typeof body === "string" ? new TextEncoder().encode(body) : body,
  };
}

/** Verifier options that know the one test key, for omics in us-east-1 at the signing date. */
export function singleKeyVerifyOptions(overrides: Partial<VerifyOptions> = {}): VerifyOptions {
  return {
    service: "omics",
    regions: ["us-east-1"],
    lookupSecret: (id) =>
      id === ACCESS_KEY_ID ? { secretAccessKey: SECRET_ACCESS_KEY, accountId: ACCOUNT_ID } : undefined,
    now: SIGNING_DATE,
    ...overrides,
  };
}
