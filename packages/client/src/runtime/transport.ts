// The fetch every request goes through (operation calls and `client.raw` alike): it signs the request
// once it is final — after openapi-fetch and any middleware built it — and marks what fetch itself
// threw, so retries can tell a network failure from a mistake made before anything was sent.
import { isOneShotStream, toWebStream } from "@seqstore/protocol";
import { signRequest } from "@seqstore/sigv4";
import type { SigningClock } from "./clock.js";
import type { CredentialsProvider } from "./credentials.js";
import { nodeStreamFetch } from "./node-stream-fetch.js";
import { RequestCarrier } from "./request-carrier.js";

export interface SigningConfig {
  region: string;
  /** The service's SigV4 signing name (the model's `aws.auth#sigv4` name). */
  service: string;
  credentials: CredentialsProvider;
  clock: SigningClock;
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
  const streamFetch = customFetch ? undefined : nodeStreamFetch();
  const send = async (
    input: Request | string,
    init?: RequestInit,
    streamingResponse = false,
  ): Promise<Response> => {
    try {
      // In Node, a streamed response body also reads faster and flatter through node:http than fetch.
      if (streamingResponse && streamFetch && typeof input === "string" && init) {
        return await streamFetch(input, init);
      }
      if (init && isOneShotStream(init.body)) {
        // In Node, node:http (flat memory); elsewhere (or with the caller's fetch) fetch, half duplex.
        if (streamFetch && typeof input === "string") return await streamFetch(input, init);
        const body = toWebStream(init.body);
        return await baseFetch()(input, { ...init, body, duplex: "half" } as RequestInit);
      }
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
        ? signed(signing, input.url, input.init, input.unsignedPayload).then((signedInit) =>
            send(input.url, signedInit, input.streamingResponse),
          )
        : send(input.url, input.init, input.streamingResponse);
    }
    return signing ? sendSignedRequest(signing, input, init) : send(input, init);
  };
}

/** `init` with the signed headers, and the body as the bytes that were signed. */
async function signed(
  signing: SigningConfig,
  url: string,
  init: RequestInit,
  unsignedPayload = false,
): Promise<RequestInit> {
  // A stream or a Blob is never read: it is signed UNSIGNED-PAYLOAD and sent as it is.
  if (isOneShotStream(init.body) || (typeof Blob !== "undefined" && init.body instanceof Blob)) {
    return await signedStream(signing, url, init);
  }
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
  if (body?.byteLength) headers["content-length"] = String(body.byteLength);
  // Read field by field: providers may hand out class instances with getters.
  const { accessKeyId, secretAccessKey, sessionToken } = await signing.credentials();
  const signedHeaders = await signRequest(
    { method: init.method ?? "GET", url, headers, body },
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
  delete signedHeaders["content-length"];
  return { ...init, headers: signedHeaders, body };
}

/** `init` with signed headers for a body that is not read (UNSIGNED-PAYLOAD); a Blob's size is signed. */
async function signedStream(signing: SigningConfig, url: string, init: RequestInit): Promise<RequestInit> {
  const headers = Object.fromEntries(new Headers(init.headers));
  const body = init.body as unknown as ReadableStream<Uint8Array>;
  if (typeof Blob !== "undefined" && init.body instanceof Blob) {
    headers["content-length"] = String(init.body.size);
    if (init.body.type && headers["content-type"] === undefined) headers["content-type"] = init.body.type;
  }
  const { accessKeyId, secretAccessKey, sessionToken } = await signing.credentials();
  const signedHeaders = await signRequest(
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
  // A stream's Content-Length (a header member) goes out with node:http; fetch sets a Blob's itself.
  if (!isOneShotStream(init.body)) delete signedHeaders["content-length"];
  return { ...init, headers: signedHeaders };
}
