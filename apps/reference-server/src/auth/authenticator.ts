// Turns a request into the account it acts for: SigV4 verification against the configured credentials,
// or (auth "none") the configured account for every request.
import { AccessDeniedException, type ProtocolRequest } from "@seqstore/server";
import {
  type VerifyFailure,
  verifiedBody,
  verifyRequest,
  verifyStreamingRequest,
} from "@seqstore/sigv4/verify";
import type { AccountCredential } from "./credentials.js";

export type AuthMode = "sigv4" | "none";
export const AUTH_MODES: readonly AuthMode[] = ["sigv4", "none"];

/** HealthOmics' SigV4 signing name (the model's aws.auth#sigv4 `name`). */
export const SIGNING_NAME = "omics";

/** Who a request acts for. */
export interface CallerIdentity {
  accountId: string;
  /** The access key that signed the request (absent with auth "none"). */
  accessKeyId?: string;
}

export interface AuthenticatorOptions {
  mode: AuthMode;
  credentials: readonly AccountCredential[];
  /** The region requests must be signed for. */
  region: string;
  /** The account of every request with auth "none". */
  accountId: string;
  /** Injected for tests; defaults to the wall clock. */
  now?: () => Date;
  /** Told about every refused signature (with the server's canonical request on a mismatch), for logs. */
  onRefused?: (failure: VerifyFailure) => void;
}

export type Authenticator = (request: ProtocolRequest) => CallerIdentity;

/**
 * Every refusal answers 403 AccessDeniedException, the modeled error, so SDKs surface it as their typed
 * class; the sigv4 package's finer code (SignatureDoesNotMatch, RequestExpired, …) ends the message. A
 * skewed client clock still recovers: AWS SDKs correct their clock from the response's Date header,
 * whatever the error's name.
 */
export function accessDenied(failure: VerifyFailure): AccessDeniedException {
  return new AccessDeniedException({ message: `${failure.message} (${failure.code})` });
}

const ABSOLUTE_FORM_REFUSED: VerifyFailure = {
  ok: false,
  code: "InvalidSignature",
  errorType: "InvalidSignatureException",
  httpStatus: 403,
  message: "Signed requests must use an origin-form request-target (a path starting with /)",
};

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  if (options.mode === "none") {
    const identity: CallerIdentity = { accountId: options.accountId };
    return () => identity;
  }
  const secrets = new Map(options.credentials.map((c) => [c.accessKeyId, c]));
  // Built once: only the clock changes between requests (and only when a test injects one).
  const verifyOptions = {
    service: SIGNING_NAME,
    regions: [options.region],
    lookupSecret: (accessKeyId: string) => secrets.get(accessKeyId),
  };
  return (request) => {
    // SigV4 signs the request-target as sent: raw path and query, before any decoding.
    const target = request.url ?? request.path;
    // An absolute-form target (RFC 9112 §3.2.2, meant for proxies) is routed on its normalised path but
    // would be verified on the text as sent: a signature over one path could then serve another.
    if (target.charCodeAt(0) !== 47 /* "/" */) {
      const failure = ABSOLUTE_FORM_REFUSED;
      options.onRefused?.(failure);
      throw accessDenied(failure);
    }
    const q = target.indexOf("?");
    if (request.bodyStream) {
      // A streamed body (UploadReadSetPart): the head is verified now and the body as the handler reads
      // it, so a body that does not match its signed hash fails the handler's last read (nothing commits).
      const verification = verifyStreamingRequest(
        {
          method: request.method,
          path: q === -1 ? target : target.slice(0, q),
          query: q === -1 ? "" : target.slice(q + 1),
          headers: request.headers,
        },
        options.now ? { ...verifyOptions, now: options.now() } : verifyOptions,
      );
      if (!verification.ok) {
        options.onRefused?.(verification);
        throw accessDenied(verification);
      }
      const signer = verification.authenticated;
      if (signer === undefined) {
        throw new AccessDeniedException({
          message:
            "A streamed body must be sent with x-amz-content-sha256 (UNSIGNED-PAYLOAD or the body's SHA-256), " +
            "so the signer is known before the body is stored.",
        });
      }
      request.bodyStream = webStreamOf(verifiedBody(request.bodyStream, verification));
      return { accountId: signer.accountId, accessKeyId: signer.accessKeyId };
    }
    const result = verifyRequest(
      {
        method: request.method,
        path: q === -1 ? target : target.slice(0, q),
        query: q === -1 ? "" : target.slice(q + 1),
        headers: request.headers,
        body: request.body,
      },
      options.now ? { ...verifyOptions, now: options.now() } : verifyOptions,
    );
    if (!result.ok) {
      options.onRefused?.(result);
      throw accessDenied(result);
    }
    return { accountId: result.accountId, accessKeyId: result.accessKeyId };
  };
}

/**
 * A web stream pulled from an async iterable, one chunk per pull; the iterable's error (a forged body)
 * errors the stream and reaches its reader, with no Node stream in between that could emit it unheard.
 */
function webStreamOf(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
}
