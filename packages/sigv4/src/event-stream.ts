// Signed event streams, as the AWS SDKs send them (e.g. Transcribe streaming): the HTTP request is
// signed with `x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-EVENTS`, and its signature seeds a
// chain. Each encoded event message then travels as the payload of an envelope message whose
// headers are `:date` (timestamp) and `:chunk-signature` (32 bytes), signed over the previous
// signature, the `:date` header and the payload. An envelope with an empty payload ends the stream.
import { encodeHeaders, encodeMessage } from "@seqstore/eventstream";
import { SCOPE_TERMINATOR } from "./constants.js";
import { formatAmzDate } from "./date.js";
import { toHex } from "./encoding.js";
import type { SigningCredentials } from "./sign.js";
import { deriveSigningKey, hmacSha256, sha256Hex } from "./web-crypto.js";

/** `x-amz-content-sha256` of a request whose body is a signed event stream. */
export const STREAMING_EVENTS_PAYLOAD = "STREAMING-AWS4-HMAC-SHA256-EVENTS";
/** First line of an event's string to sign. */
export const EVENT_ALGORITHM = "AWS4-HMAC-SHA256-PAYLOAD";
export const DATE_HEADER = ":date";
export const CHUNK_SIGNATURE_HEADER = ":chunk-signature";

/** The `:date` header alone, encoded: what an event's signature covers of its headers. */
export function encodedDateHeader(date: Date): Uint8Array {
  return encodeHeaders({ [DATE_HEADER]: { type: "timestamp", value: date } });
}

/**
 * String to sign of one event:
 * `AWS4-HMAC-SHA256-PAYLOAD \n longDate \n scope \n prior signature \n sha256(:date header) \n sha256(payload)`.
 * The date and scope are the event's own (whole seconds), so a stream may outlive its request's day.
 */
export function eventStringToSign(
  date: Date,
  region: string,
  service: string,
  priorSignature: string,
  dateHeaderSha256: string,
  payloadSha256: string,
): string {
  const { longDate, shortDate } = formatAmzDate(date);
  const scope = `${shortDate}/${region}/${service}/${SCOPE_TERMINATOR}`;
  return [EVENT_ALGORITHM, longDate, scope, priorSignature, dateHeaderSha256, payloadSha256].join("\n");
}

/** The seed of the chain: the `Signature=` of the signed request's Authorization header. */
export function seedSignature(authorization: string): string {
  const match = /Signature=([0-9a-f]{64})\s*$/.exec(authorization);
  if (!match) throw new Error("the Authorization header carries no SigV4 signature to seed the event stream");
  return match[1] as string;
}

export interface EventSigningOptions extends SigningCredentials {
  readonly region: string;
  readonly service: string;
  /** Signature of the HTTP request that opened the stream (see {@link seedSignature}). */
  readonly seedSignature: string;
  /** Clock of the events' `:date`; defaults to the current time. */
  readonly now?: () => Date;
}

/** Signs encoded event messages one after another into envelopes, chaining their signatures. */
export class EventStreamSigner {
  private prior: string;
  private tail: Promise<unknown> = Promise.resolve();
  private ended = false;

  constructor(private readonly options: EventSigningOptions) {
    this.prior = options.seedSignature;
  }

  /** Wraps one encoded message (or any payload) in a signed envelope. Calls are chained in call order. */
  sign(payload: Uint8Array): Promise<Uint8Array> {
    if (this.ended)
      return Promise.reject(new Error("the event stream was ended; no more events can be signed"));
    const signed = this.tail.then(() => this.signNext(payload));
    this.tail = signed.catch(() => {});
    return signed;
  }

  /** The signed end frame (an envelope with an empty payload); nothing can be signed after it. */
  end(): Promise<Uint8Array> {
    const frame = this.sign(new Uint8Array(0));
    this.ended = true;
    return frame;
  }

  private async signNext(payload: Uint8Array): Promise<Uint8Array> {
    const { options } = this;
    const date = options.now?.() ?? new Date();
    const { shortDate } = formatAmzDate(date);
    const toSign = eventStringToSign(
      date,
      options.region,
      options.service,
      this.prior,
      await sha256Hex(encodedDateHeader(date)),
      await sha256Hex(payload),
    );
    const key = await deriveSigningKey(options.secretAccessKey, shortDate, options.region, options.service);
    const signature = new Uint8Array(await hmacSha256(key, toSign));
    this.prior = toHex(signature);
    return encodeMessage({
      headers: {
        [DATE_HEADER]: { type: "timestamp", value: date },
        [CHUNK_SIGNATURE_HEADER]: { type: "binary", value: signature },
      },
      body: payload,
    });
  }
}

/**
 * A TransformStream from encoded event messages to signed envelopes; it appends the signed end
 * frame when its input ends. Pipe `encodeMessages(...)` through it into the request body.
 */
export function createEventSigningStream(
  options: EventSigningOptions,
): TransformStream<Uint8Array, Uint8Array> {
  const signer = new EventStreamSigner(options);
  return new TransformStream({
    async transform(message, controller) {
      controller.enqueue(await signer.sign(message));
    },
    async flush(controller) {
      controller.enqueue(await signer.end());
    },
  });
}
