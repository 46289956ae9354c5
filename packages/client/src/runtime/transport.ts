// The fetch every request goes through (operation calls and `client.raw` alike): it signs the request
// once it is final — after openapi-fetch and any middleware built it — and marks what fetch itself
// threw, so retries can tell a network failure from a mistake made before anything was sent.
import { signRequest } from "@seqstore/sigv4";
import type { SigningClock } from "./clock.js";
import type { CredentialsProvider } from "./credentials.js";
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

export function createTransport(
  baseFetch: () => typeof fetch,
  signing?: SigningConfig,
  customFetch = false,
): Transport {
  const send = async (
    input: Request | string,
    init?: RequestInit,
    streaming?: StreamingSupport,
  ): Promise<Response> => {
    try {
      if (streaming && typeof input === "string" && init) {
        return await streaming.send(input, init, baseFetch(), customFetch);
      }
      // A streamed body (an event stream) needs it in fetch implementations that stream.
      if (init?.body instanceof ReadableStream) init = { ...init, duplex: "half" } as RequestInit;
      return await baseFetch()(input, init);
    } catch (error) {
      const aborted = error instanceof Error && error.name === "AbortError";
      if (!aborted && typeof error === "object" && error !== null) transportFailures.add(error);
      throw error;
    }
  };
  /** A real Request (client.raw, middleware): signed from its parts, sent with plain init. */
  const sendSignedRequest = async (signing: SigningConfig, input: Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const parts: Record<string, unknown> = {};
    for (const field of REQUEST_FIELDS) parts[field] = request[field as keyof Request];
    // A Request holds its body as a stream: read it back to sign its hash, as before streaming existed
    // (`raw` calls are buffered; operation calls with streaming payloads go through the light fetcher).
    if (request.body) parts.body = new Uint8Array(await request.arrayBuffer());
    return await send(request.url, await signed(signing, request.url, parts));
  };
  // Not async itself: an unsigned request goes to `send` without a promise of this function's own.
  return (input, init) => {
    // A call without middleware: the light fetcher's URL and init, as undici's fetch takes them.
    if (input instanceof RequestCarrier) {
      return signing
        ? signed(signing, input.url, input.init, input.unsignedPayload, input.streaming).then((signedInit) =>
            send(input.url, signedInit, input.streaming),
          )
        : send(input.url, input.init, input.streaming);
    }
    return signing ? sendSignedRequest(signing, input, init) : send(input, init);
  };
}

/**
 * `init` with the signed headers, and the body as the bytes that were signed. A stream or a Blob is
 * never read: signRequest signs it UNSIGNED-PAYLOAD, and it goes out as it is.
 */
async function signed(
  signing: SigningConfig,
  url: string,
  init: RequestInit,
  unsignedPayload = false,
  streaming?: StreamingSupport,
): Promise<RequestInit> {
  if (signing.signEventStreams && init.body instanceof ReadableStream && isEventStream(init.headers)) {
    return await signedEvents(signing, url, init);
  }
  const raw = init.body;
  // (A streaming operation's body, or an event stream's; streaming.ts set their Content-Length.)
  const unread = raw instanceof ReadableStream || streaming?.unread(raw);
  // Signing needs the body's bytes; a string or bytes alike.
  const extracted = raw == null || unread ? undefined : new Response(raw);
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
    { method: init.method ?? "GET", url, headers, body: unread ? (raw as ReadableStream) : body },
    {
      accessKeyId,
      secretAccessKey,
      sessionToken,
      region: signing.region,
      service: signing.service,
      now: new Date(signing.clock.now()),
      unsignedPayload,
    },
  );
  if (length) delete signedHeaders["content-length"];
  return { ...init, headers: signedHeaders, body: unread ? raw : (body as Uint8Array<ArrayBuffer>) };
}

/** An input event stream's media type (kept here so that clients without streams bundle no codec). */
const EVENT_STREAM_CONTENT_TYPE = "application/vnd.amazon.eventstream";

/** Whether a request's headers declare an event-stream body. */
function isEventStream(headers: RequestInit["headers"]): boolean {
  return new Headers(headers).get("content-type") === EVENT_STREAM_CONTENT_TYPE;
}

/**
 * `init` signed for an event stream whose every message is signed in turn: the request with
 * `x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-EVENTS`, then the body through the chained
 * event signer seeded with the request's signature (sigv4's event-stream signing).
 */
async function signedEvents(signing: SigningConfig, url: string, init: RequestInit): Promise<RequestInit> {
  // Loaded on first use: the event signer (and the codec under it) stays out of other bundles.
  const { createEventSigningStream, seedSignature, STREAMING_EVENTS_PAYLOAD } = await import(
    "@seqstore/sigv4/event-stream"
  );
  const headers = Object.fromEntries(new Headers(init.headers));
  headers["x-amz-content-sha256"] = STREAMING_EVENTS_PAYLOAD;
  const { accessKeyId, secretAccessKey, sessionToken } = await signing.credentials();
  const credentials = { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  const now = () => new Date(signing.clock.now());
  const signedHeaders = await signRequest(
    { method: init.method ?? "POST", url, headers },
    { ...credentials, region: signing.region, service: signing.service, now: now() },
  );
  const body = (init.body as ReadableStream<Uint8Array>).pipeThrough(
    createEventSigningStream({
      ...credentials,
      region: signing.region,
      service: signing.service,
      seedSignature: seedSignature(signedHeaders.authorization ?? ""),
      now,
    }),
  );
  return { ...init, headers: signedHeaders, body };
}
