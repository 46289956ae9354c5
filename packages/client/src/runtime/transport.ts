// The fetch every request goes through (operation calls and `client.raw` alike): it signs the request
// once it is final — after openapi-fetch and any middleware built it — and marks what fetch itself
// threw, so retries can tell a network failure from a mistake made before anything was sent.
import { signRequest } from "@seqstore/sigv4";
import type { SigningClock } from "./clock.js";
import type { CredentialsProvider } from "./credentials.js";
import { nodeCallFetch } from "./node-http-fetch.js";
import { RequestCarrier } from "./request-carrier.js";
import type { StreamingSupport } from "./streaming.js";

export interface SigningConfig {
  region: string;
  /** The service's SigV4 signing name (the model's `aws.auth#sigv4` name). */
  service: string;
  credentials: CredentialsProvider;
  clock: SigningClock;
  /**
   * Signs each message of an input event stream (STREAMING-AWS4-HMAC-SHA256-EVENTS: chained
   * `:chunk-signature` envelopes and a signed end frame); otherwise event streams go UNSIGNED-PAYLOAD.
   */
  signEventStreams?: boolean | undefined;
}

/** A real Request (openapi-fetch's, for `raw` and calls with middleware), or the light fetcher's carrier. */
export type Transport = (input: Request | RequestCarrier, init?: RequestInit) => Promise<Response>;

const transportFailures = new WeakSet<object>();

/** Whether `error` came out of fetch itself (connection refused or reset, DNS, TLS …), not an abort. */
export function isTransportFailure(error: unknown): boolean {
  return typeof error === "object" && error !== null && transportFailures.has(error);
}

/** The parts of a real Request that a signed request is sent with, as plain init. */
const REQUEST_FIELDS = [
  "method",
  "headers",
  "body",
  "signal",
  "redirect",
  "credentials",
  "mode",
  "keepalive",
];

/**
 * `customFetch`: the client's `fetch` option, which then sends every request. Without it, requests go
 * through node:http in Node and through the global fetch elsewhere, looked up per request (so a fetch
 * stubbed after the client was made is still used).
 */
export function createTransport(customFetch?: typeof fetch, signing?: SigningConfig): Transport {
  const send = async (
    input: Request | string,
    init?: RequestInit,
    streaming?: StreamingSupport,
  ): Promise<Response> => {
    try {
      // A @streaming payload or an event stream: its support sends it (streaming.ts). A Request
      // comes here only when fetch sends it (see below).
      return await (streaming
        ? streaming.send(input as string, init as RequestInit, customFetch)
        : (customFetch ?? nodeCallFetch ?? fetch)(input as string, init as RequestInit));
    } catch (error) {
      const aborted = error instanceof Error && error.name === "AbortError";
      if (!aborted && typeof error === "object" && error !== null) transportFailures.add(error);
      throw error;
    }
  };
  // Not async itself: an unsigned request goes to `send` without a promise of this function's own.
  return (input, init) => {
    if (!(input instanceof RequestCarrier)) {
      // A real Request (client.raw, middleware) goes to fetch as it is; to be signed, or sent by
      // node:http (which reads its body stream), it is taken apart and sent as a call is.
      if (!signing && (customFetch || !nodeCallFetch)) return send(input, init);
      const request = new Request(input, init);
      const parts: Record<string, unknown> = {};
      for (const field of REQUEST_FIELDS) parts[field] = request[field as keyof Request];
      input = new RequestCarrier(request.url, parts, {});
    }
    // A call without middleware: the light fetcher's URL and init, as undici's fetch takes them.
    const { url, operation } = input;
    const { streaming } = operation;
    return signing
      ? (streaming?.sign ?? signed)(signing, url, input.init, operation.unsignedPayload).then((signedInit) =>
          send(url, signedInit, streaming),
        )
      : send(url, input.init, streaming);
  };
}

/** `init` with the signed headers, and the body as the bytes that were signed. */
export async function signed(
  signing: SigningConfig,
  url: string,
  init: RequestInit,
  unsignedPayload?: boolean,
): Promise<RequestInit> {
  // Signing needs the body's bytes; a string or bytes alike.
  const extracted = init.body == null ? undefined : new Response(init.body);
  const body = extracted && new Uint8Array(await extracted.arrayBuffer());
  const headers = Object.fromEntries(new Headers(init.headers));
  // fetch gives a body sent without a declared type the type it implies (text/plain for a string,
  // multipart with its boundary for form data); as bytes it implies none, so it is declared here.
  const implied = extracted?.headers.get("content-type");
  if (implied && headers["content-type"] === undefined) headers["content-type"] = implied;
  // Signed as the AWS SDK does, but left to fetch to send: browsers forbid setting it, and fetch
  // sends exactly this length for a byte body.
  const length = body?.byteLength;
  if (length) headers["content-length"] = String(length);
  // Read field by field: providers may hand out class instances with getters.
  const { accessKeyId, secretAccessKey, sessionToken } = await signing.credentials();
  const signedHeaders = await signRequest(
    { method: init.method ?? "GET", url, headers, body },
    // (signRequest reads the region and service of `signing`, and nothing else of it.)
    {
      ...signing,
      accessKeyId,
      secretAccessKey,
      sessionToken,
      now: new Date(signing.clock.now()),
      unsignedPayload,
    },
  );
  if (length) delete signedHeaders["content-length"];
  return { ...init, headers: signedHeaders, body: body as Uint8Array<ArrayBuffer> | undefined };
}
