// Verifying a request whose body streams through the server instead of being buffered first.
// The head is verified up front wherever the client lets it be: with `UNSIGNED-PAYLOAD`, a sent
// `x-amz-content-sha256` or a signed event stream, the signature is checked before a single body
// byte reaches the handler, and the body is checked as it flows (its hash at the end; each event's
// chained signature on arrival). Only a client that signs the body hash without sending it (botocore
// does, for services other than S3) leaves the signature to the end of the body.
import { createHash, type Hash } from "node:crypto";
import { EventStreamError, type Message, MessageDecoder } from "@seqstore/eventstream";
import { UNSIGNED_PAYLOAD } from "../constants.js";
import { formatAmzDate } from "../date.js";
import {
  CHUNK_SIGNATURE_HEADER,
  DATE_HEADER,
  encodedDateHeader,
  eventStringToSign,
  STREAMING_EVENTS_PAYLOAD,
} from "../event-stream.js";
import { fail, MESSAGES, type VerifyFailure } from "./failures.js";
import { deriveSigningKey, hmacSha256Hex, sha256Hex, signatureMatches } from "./node-crypto.js";
import {
  checkSignature,
  type PreparedVerification,
  prepareVerification,
  type VerifiableRequest,
  type VerifyOptions,
  type VerifyResult,
  type VerifySuccess,
} from "./verify-request.js";
import { HEADER, QUERY } from "./wire-names.js";

/** How the body is protected, from the request's `x-amz-content-sha256`. */
export type PayloadMode =
  /** `UNSIGNED-PAYLOAD`: the signature covers the head only. */
  | "unsigned"
  /** A sent hex SHA-256: the body must hash to it. */
  | "sha256"
  /** No header: the signature covers the body's hash, known at the end of the body. */
  | "signed-body"
  /** `STREAMING-AWS4-HMAC-SHA256-EVENTS`: signed envelopes, each chained to the one before. */
  | "events";

/** A request whose head checked out; the body is checked as it is fed through. */
export interface StreamingVerification {
  readonly ok: true;
  readonly payload: PayloadMode;
  /**
   * Who signed, proven before the body ("signed-body": undefined until {@link finish} says so; a
   * handler must then commit nothing before the body has ended and verified).
   */
  readonly authenticated: VerifySuccess | undefined;
  /**
   * Feeds the next body bytes. `deliver` receives the bytes for the handler: the chunk itself, or for an
   * event stream each verified event message, still encoded. Returns a failure once the body is known bad.
   */
  update(chunk: Uint8Array, deliver: (bytes: Uint8Array) => void): VerifyFailure | undefined;
  /** The body ended: the final verdict (the body's hash, the signature, or the event stream's end frame). */
  finish(): VerifyResult;
}

/**
 * Verifies a request's head (everything but the body) and returns how to check its body on the way.
 * The options are {@link verifyRequest}'s; `maxSkewMs` and `now` also bound each event's `:date`.
 */
export function verifyStreamingRequest(
  request: Omit<VerifiableRequest, "body">,
  options: VerifyOptions,
): StreamingVerification | VerifyFailure {
  const prepared = prepareVerification(request, options);
  if ("ok" in prepared) return prepared;
  const sent =
    prepared.headers.get(HEADER.contentSha256) ??
    prepared.query.find((parameter) => parameter.key === QUERY.contentSha256)?.value;

  if (sent === undefined) return signedBody(request, prepared);
  if (sent !== UNSIGNED_PAYLOAD && sent !== STREAMING_EVENTS_PAYLOAD && !/^[0-9a-fA-F]{64}$/.test(sent)) {
    return fail(
      "XAmzContentSHA256Mismatch",
      `x-amz-content-sha256 must be ${UNSIGNED_PAYLOAD}, ${STREAMING_EVENTS_PAYLOAD} or the hex SHA-256 of the body, ` +
        `got '${sent}' (aws-chunked payload signing is not supported).`,
    );
  }
  const head = checkSignature(request, prepared, sent);
  if (!head.ok) return head;
  if (sent === UNSIGNED_PAYLOAD) {
    return { ok: true, payload: "unsigned", authenticated: head, update: passThrough, finish: () => head };
  }
  if (sent === STREAMING_EVENTS_PAYLOAD) return eventStream(head, prepared, options);
  return hashedBody(head, sent.toLowerCase());
}

function passThrough(chunk: Uint8Array, deliver: (bytes: Uint8Array) => void): undefined {
  deliver(chunk);
  return undefined;
}

function hashing(): { hash: Hash; update: StreamingVerification["update"] } {
  const hash = createHash("sha256");
  return {
    hash,
    update(chunk, deliver) {
      hash.update(chunk);
      deliver(chunk);
      return undefined;
    },
  };
}

function hashedBody(head: VerifySuccess, expected: string): StreamingVerification {
  const { hash, update } = hashing();
  return {
    ok: true,
    payload: "sha256",
    authenticated: head,
    update,
    finish: () =>
      hash.digest("hex") === expected
        ? head
        : fail("XAmzContentSHA256Mismatch", MESSAGES.contentSha256Mismatch),
  };
}

function signedBody(
  request: Omit<VerifiableRequest, "body">,
  prepared: PreparedVerification,
): StreamingVerification {
  const { hash, update } = hashing();
  return {
    ok: true,
    payload: "signed-body",
    authenticated: undefined,
    update,
    finish: () => checkSignature(request, prepared, hash.digest("hex")),
  };
}

const DEFAULT_MAX_SKEW_MS = 5 * 60 * 1000;

function eventStream(
  head: VerifySuccess,
  prepared: PreparedVerification,
  options: VerifyOptions,
): StreamingVerification {
  const { region, service } = prepared.claim.scope;
  const decoder = new MessageDecoder();
  let prior = prepared.claim.signature.toLowerCase();
  let events = 0;
  let ended = false;
  let failure: VerifyFailure | undefined;

  const check = (envelope: Message): Uint8Array | undefined => {
    events++;
    const date = envelope.headers[DATE_HEADER];
    const signature = envelope.headers[CHUNK_SIGNATURE_HEADER];
    if (ended)
      throw fail("IncompleteSignature", `event ${events} arrived after the signed end of the event stream`);
    if (date?.type !== "timestamp" || signature?.type !== "binary" || signature.value.length !== 32) {
      throw fail(
        "IncompleteSignature",
        `event ${events} must carry a '${DATE_HEADER}' timestamp header and a 32-byte '${CHUNK_SIGNATURE_HEADER}' header`,
      );
    }
    const now = options.now?.getTime() ?? Date.now();
    const skewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
    if (Math.abs(date.value.getTime() - now) > skewMs) {
      throw fail(
        "RequestExpired",
        `event ${events} is dated ${date.value.toISOString()}, more than ${skewMs / 60_000} min. from the server's ${new Date(now).toISOString()}`,
      );
    }
    const toSign = eventStringToSign(
      date.value,
      region,
      service,
      prior,
      sha256Hex(encodedDateHeader(date.value)),
      sha256Hex(envelope.body),
    );
    const key = deriveSigningKey(
      prepared.secret.secretAccessKey,
      formatAmzDate(date.value).shortDate,
      region,
      service,
    );
    const expected = hmacSha256Hex(key, toSign);
    if (!signatureMatches(expected, Buffer.from(signature.value).toString("hex"))) {
      throw fail(
        "SignatureDoesNotMatch",
        `The signature of event ${events} does not match: it is not the next link of the chain begun by the request's signature.`,
      );
    }
    prior = expected;
    if (envelope.body.length === 0) ended = true;
    return envelope.body.length === 0 ? undefined : envelope.body;
  };

  const guard = (run: () => void): VerifyFailure | undefined => {
    if (failure) return failure;
    try {
      run();
    } catch (error) {
      if (error instanceof EventStreamError)
        failure = fail("IncompleteSignature", `malformed signed event stream: ${error.message}`);
      else if ((error as VerifyFailure).ok === false) failure = error as VerifyFailure;
      else throw error;
    }
    return failure;
  };

  return {
    ok: true,
    payload: "events",
    authenticated: head,
    update: (chunk, deliver) =>
      guard(() =>
        decoder.write(chunk, (envelope) => {
          const payload = check(envelope);
          if (payload) deliver(payload);
        }),
      ),
    finish() {
      const problem = guard(() => decoder.end());
      if (problem) return problem;
      if (!ended) {
        failure = fail(
          "IncompleteSignature",
          `the event stream ended after ${events} events without its signed end frame (an event with an empty payload)`,
        );
        return failure;
      }
      return head;
    },
  };
}

/** Thrown by {@link verifiedBody} when the body fails verification. */
export class SignatureVerificationError extends Error {
  override readonly name = "SignatureVerificationError";
  constructor(readonly failure: VerifyFailure) {
    super(failure.message);
  }
}

/**
 * Runs a body through a {@link StreamingVerification}: yields what the handler may read, and throws
 * SignatureVerificationError as soon as the body is known bad (at the latest when it ends), so a
 * handler that streams it into storage aborts instead of committing.
 */
export async function* verifiedBody(
  source: AsyncIterable<Uint8Array>,
  verification: StreamingVerification,
): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  const collect = (bytes: Uint8Array) => ready.push(bytes);
  for await (const chunk of source) {
    const problem = verification.update(chunk, collect);
    if (problem) throw new SignatureVerificationError(problem);
    while (ready.length > 0) yield ready.shift() as Uint8Array;
  }
  const verdict = verification.finish();
  if (!verdict.ok) throw new SignatureVerificationError(verdict);
}
