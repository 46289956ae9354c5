// The fetch every request goes through (operation calls and `client.raw` alike): it signs the request
// once it is final — after openapi-fetch and any middleware built it — and marks what fetch itself
// threw, so retries can tell a network failure from a mistake made before anything was sent.
import { signRequest } from "@seqstore/sigv4";
import type { SigningClock } from "./clock.js";
import type { CredentialsProvider } from "./credentials.js";
import { RequestCarrier } from "./request-carrier.js";

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
  const send = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    try {
      return await baseFetch()(input, init);
    } catch (error) {
      const aborted = error instanceof Error && error.name === "AbortError";
      if (!aborted && typeof error === "object" && error !== null) transportFailures.add(error);
      throw error;
    }
  };
  // A method call without middleware: openapi-fetch's URL and init, as undici's fetch takes them.
  return (input, init) =>
    input instanceof RequestCarrier
      ? signing
        ? sendSigned(send, signing, input.url, input.init)
        : send(input.url, input.init)
      : sendRequest(input, init);
  async function sendRequest(input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> {
    if (!signing) return send(input, init);
    // A real Request (client.raw, middleware): signed from its parts, sent with plain init.
    const request = new Request(input, init);
    return sendSigned(send, signing, request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      redirect: request.redirect,
      credentials: request.credentials,
      mode: request.mode,
      keepalive: request.keepalive,
    });
  }
}

async function sendSigned(
  send: (url: string, init: RequestInit) => Promise<Response>,
  signing: SigningConfig,
  url: string,
  init: RequestInit,
): Promise<Response> {
  // Signing needs the body's bytes; a string, bytes or a stream alike.
  const body = init.body == null ? undefined : new Uint8Array(await new Response(init.body).arrayBuffer());
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => {
    headers[name] = value;
  });
  // Signed as the AWS SDK does, but left to fetch to send: browsers forbid setting it, and fetch
  // sends exactly this length for a byte body.
  if (body?.byteLength) headers["content-length"] = String(body.byteLength);
  // Read field by field: providers may hand out class instances with getters.
  const { accessKeyId, secretAccessKey, sessionToken } = await signing.credentials();
  const signed = await signRequest(
    { method: init.method ?? "GET", url, headers, body },
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
  return send(url, { ...init, headers: signed, body });
}
