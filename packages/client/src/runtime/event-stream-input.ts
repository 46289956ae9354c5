// The streaming support of an operation whose input is an event stream: a one-shot stream like a
// streaming blob's, plus per-message signing when the client asks for it (signEventStreams). Only
// generated operations with an input event stream import this, so no other bundle carries the event
// signer or the codec under it.
import { signRequest } from "@seqstore/sigv4";
import {
  createEventSigningStream,
  seedSignature,
  STREAMING_EVENTS_PAYLOAD,
} from "@seqstore/sigv4/event-stream";
import { type StreamingSupport, streamingBlob } from "./streaming.js";
import type { SigningConfig } from "./transport.js";

/** `member`: the input's @streaming union member. */
export function eventStreamInput(member: string): StreamingSupport {
  const blob = streamingBlob(member);
  return {
    ...blob,
    sign: (signing, url, init, unsignedPayload) =>
      signing.signEventStreams && init.body instanceof ReadableStream
        ? signedEvents(signing, url, init)
        : blob.sign(signing, url, init, unsignedPayload),
  };
}

/**
 * `init` signed for an event stream whose every message is signed in turn: the request with
 * `x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-EVENTS`, then the body through the chained
 * event signer seeded with the request's signature (sigv4's event-stream signing).
 */
async function signedEvents(signing: SigningConfig, url: string, init: RequestInit): Promise<RequestInit> {
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
