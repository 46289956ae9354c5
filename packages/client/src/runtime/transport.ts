// The fetch every request goes through (operation calls and `client.raw` alike): it signs the request
// once it is final — after openapi-fetch and any middleware built it — and marks what fetch itself
// threw, so retries can tell a network failure from a mistake made before anything was sent.
import { signRequest } from "@seqstore/sigv4";
import type { SigningClock } from "./clock.js";
import type { CredentialsProvider } from "./credentials.js";

export interface SigningConfig {
  region: string;
  /** The service's SigV4 signing name (the model's `aws.auth#sigv4` name). */
  service: string;
  credentials: CredentialsProvider;
  clock: SigningClock;
}

const transportFailures = new WeakSet<object>();

/** Whether `error` came out of fetch itself (connection refused or reset, DNS, TLS …), not an abort. */
export function isTransportFailure(error: unknown): boolean {
  return typeof error === "object" && error !== null && transportFailures.has(error);
}

export function createTransport(baseFetch: () => typeof fetch, signing?: SigningConfig): typeof fetch {
  return async (input, init) => {
    // openapi-fetch hands over a finished Request. Its body is a stream; sending it on as bytes with
    // plain init (not another Request) spares undici a piped stream per call, and signing needs the
    // bytes anyway.
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
    const headers = signing ? await signedHeaders(request, body, signing) : request.headers;
    try {
      return await baseFetch()(request.url, {
        method: request.method,
        headers,
        ...(body ? { body } : {}),
        signal: request.signal,
        redirect: request.redirect,
        credentials: request.credentials,
        mode: request.mode,
        keepalive: request.keepalive,
      });
    } catch (error) {
      const aborted = error instanceof Error && error.name === "AbortError";
      if (!aborted && typeof error === "object" && error !== null) transportFailures.add(error);
      throw error;
    }
  };
}

async function signedHeaders(
  request: Request,
  body: Uint8Array | undefined,
  signing: SigningConfig,
): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  // Signed as the AWS SDK does, but left to fetch to send: browsers forbid setting it, and fetch
  // sends exactly this length for a byte body.
  if (body?.byteLength) headers["content-length"] = String(body.byteLength);
  // Read field by field: providers may hand out class instances with getters.
  const { accessKeyId, secretAccessKey, sessionToken } = await signing.credentials();
  const signed = await signRequest(
    { method: request.method, url: request.url, headers, body },
    {
      accessKeyId,
      secretAccessKey,
      sessionToken,
      region: signing.region,
      service: signing.service,
      now: new Date(signing.clock.now()),
    },
  );
  delete signed["content-length"];
  return signed;
}
