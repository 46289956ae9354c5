// @streaming blob payloads in the client, imported only by generated operations that have one (so a
// bundle without streaming operations carries none of it): the input's checks before sending, its
// declared length, and the send itself — node:http in Node (see node-http-fetch.ts), fetch with
// `duplex: "half"` elsewhere or when the caller gave a fetch.
import { isOneShotStream, knownLength, type StreamingBlobInput, toWebStream } from "@seqstore/protocol";
import { nodeStreamFetch } from "./node-http-fetch.js";
import { type SigningConfig, signed } from "./transport.js";

export type { StreamingBlobOutput } from "@seqstore/protocol";

/** What a request options object holds that the checks read. */
interface StreamedInit {
  body?: unknown;
  params?: { header?: Record<string, string | undefined> };
}

export interface StreamingSupport {
  /**
   * Checks the @streaming input before anything is sent (a @requiresLength payload needs a length);
   * returns whether the body is a one-shot stream (such a call is not retried).
   */
  check(init: StreamedInit): boolean;
  /** Adds a sized stream's or a Blob's Content-Length (and a Blob's type); refuses body filters, which would read the stream whole. */
  prepare(body: unknown, headers: Record<string, string> | Headers, filtered: boolean): void;
  /** Sends the request (signed already); `custom` is the client's fetch option. */
  send(url: string, init: RequestInit, custom?: typeof fetch): Promise<Response>;
  /**
   * `init` signed: a stream or a Blob is never read (UNSIGNED-PAYLOAD, sent as it is; prepare set its
   * length), other bodies as transport.ts signs them. An input event stream's may sign each message.
   */
  sign(
    signing: SigningConfig,
    url: string,
    init: RequestInit,
    unsignedPayload?: boolean,
  ): Promise<RequestInit>;
}

/**
 * The streaming support of an operation: `member` is its @streaming blob input (absent when only the
 * output streams), `requiresLength` its @requiresLength.
 */
export function streamingBlob(member?: string, requiresLength?: 1): StreamingSupport {
  return {
    check(init) {
      const body = init.body;
      if (member === undefined || body == null) return false;
      const oneShot = isOneShotStream(body);
      if (!oneShot && typeof body !== "string" && !(body instanceof Uint8Array) && !isBlob(body)) {
        throw new TypeError(
          `The streaming member '${member}' takes a Uint8Array, string, Blob, ReadableStream or Node Readable, not ${describe(body)}`,
        );
      }
      const headers = init.params?.header ?? {};
      const declared = Object.keys(headers).some(
        (name) => name.toLowerCase() === "content-length" && headers[name] !== undefined,
      );
      if (requiresLength && !declared && knownLength(body as StreamingBlobInput) === undefined) {
        throw new TypeError(
          `The streaming member '${member}' requires a length (@requiresLength): pass bytes, a string or a Blob, or a stream given to sizedStream(stream, length)`,
        );
      }
      return oneShot;
    },
    sign: (signing, url, init, unsignedPayload) =>
      isOneShotStream(init.body) || isBlob(init.body)
        ? signed(signing, url, { ...init, body: undefined }, true).then((headed) => ({
            ...headed,
            body: init.body,
          }))
        : signed(signing, url, init, unsignedPayload),
    prepare(body, headers, filtered) {
      if (!isOneShotStream(body) && !isBlob(body)) return;
      if (filtered) {
        throw new TypeError(
          "a streaming payload cannot be compressed or checksummed without being read whole",
        );
      }
      if (headers instanceof Headers) return;
      // A stream of declared length (sizedStream) or a Blob goes out with it, not chunked.
      const length = knownLength(body as StreamingBlobInput);
      if (length !== undefined) headers["content-length"] ??= String(length);
      const type = isBlob(body) ? (body as Blob).type : "";
      if (type) headers["content-type"] ??= type;
    },
    send(url, init, custom) {
      // In Node: flat memory for uploads (undici#4058), and faster, flatter downloads.
      if (!custom && nodeStreamFetch) return nodeStreamFetch(url, init);
      if (!isOneShotStream(init.body)) {
        // fetch sets a Blob's length itself (browsers refuse to be told).
        const headers = Object.fromEntries(new Headers(init.headers));
        delete headers["content-length"];
        return (custom ?? fetch)(url, { ...init, headers });
      }
      return (custom ?? fetch)(url, { ...init, body: toWebStream(init.body), duplex: "half" } as RequestInit);
    },
  };
}

const isBlob = (value: unknown): boolean => typeof Blob !== "undefined" && value instanceof Blob;

const describe = (value: unknown): string =>
  value === null || typeof value !== "object" ? typeof value : (value.constructor?.name ?? "an object");
