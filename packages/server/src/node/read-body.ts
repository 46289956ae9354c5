// Reads a node:http request body as raw bytes (never inflated or decoded: SigV4 hashes them), with
// the same limits and failures as the Express adapter's body parser, so both answer alike.
import type { IncomingMessage } from "node:http";
import {
  RequestEntityTooLargeException,
  requestTimeoutError,
  validationError,
} from "../core/protocol-errors.js";
import { readableEncoding } from "../core/content-encoding.js";
import type { ServiceError } from "../core/service-error.js";

const EMPTY = Buffer.alloc(0);
const RESOLVED = Promise.resolve();

/** A body read that failed; `closeConnection` when unread bytes may still be on their way. */
export class BodyReadError extends Error {
  constructor(
    readonly serviceError: ServiceError | undefined,
    readonly closeConnection: boolean,
  ) {
    super(serviceError?.message ?? "The client went away before the body arrived.");
  }
}

/** Whether the request has a body at all (HTTP/1.1: Transfer-Encoding, or any Content-Length). */
function hasBody(req: IncomingMessage): boolean {
  return req.headers["transfer-encoding"] !== undefined || req.headers["content-length"] !== undefined;
}

/** Receives the body, or why it could not be read. */
export type BodyCallback = (error: BodyReadError | undefined, body: Buffer) => void;

/**
 * The whole body. Rejects with a BodyReadError: 413 when it is larger than `limit` bytes, 408 when it
 * has not arrived `timeoutMs` after the call (0: no limit), 400 for a Content-Encoding other than identity
 * or codings ending in gzip (the core inflates those), and without a service error when the client aborts.
 */
export function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    readBodyThen(req, limit, timeoutMs, (error, body) => {
      if (error) reject(error);
      else resolve(body);
    });
  });
}

/**
 * readBody with a callback, called once: no promise turn between the last chunk and the caller (the
 * node:http adapter). It is called synchronously when there is no body or the body is refused up front.
 */
export function readBodyThen(
  req: IncomingMessage,
  limit: number,
  timeoutMs: number,
  done: BodyCallback,
): void {
  if (!hasBody(req)) {
    done(undefined, EMPTY);
    return;
  }
  if (!readableEncoding(req.headers["content-encoding"])) {
    done(
      new BodyReadError(
        validationError("The request body could not be read: content encoding unsupported."),
        false,
      ),
      EMPTY,
    );
    return;
  }
  const declared = Number(req.headers["content-length"]);
  if (declared > limit) {
    done(new BodyReadError(new RequestEntityTooLargeException(), true), EMPTY);
    return;
  }

  const chunks: Buffer[] = [];
  let received = 0;
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  // Runs once; later events ("close" follows "end") find it settled. The listeners stay on a request
  // that ended well (it is done with, and an "error" listener left in place can only help); a failed
  // read takes them off, as the request may be paused with bytes still arriving.
  const finish = (error: BodyReadError | undefined) => {
    if (settled) return;
    settled = true;
    if (timer) clearTimeout(timer);
    if (error) {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onAbort);
      req.off("close", onAbort);
      req.pause();
      done(error, EMPTY);
    } else {
      done(undefined, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received));
    }
  };
  const onData = (chunk: Buffer) => {
    if (settled) return;
    received += chunk.length;
    if (received > limit) finish(new BodyReadError(new RequestEntityTooLargeException(), true));
    else chunks.push(chunk);
  };
  const onEnd = () => finish(undefined);
  // "close" follows every "end": no error (and its stack trace) is built once the read is over.
  const onAbort = () => {
    if (!settled) finish(new BodyReadError(undefined, true));
  };
  // `on`, not `once`: finish runs once anyway, and `once` wraps every listener in a new closure.
  req.on("data", onData);
  req.on("end", onEnd);
  req.on("error", onAbort);
  req.on("close", onAbort);
  if (timeoutMs > 0 && !req.complete) {
    // Armed a microtask later: by then Node's parser has usually taken in the rest of the packet that
    // carried the headers, and a small body has arrived whole (req.complete): no timer to set and clear.
    // (A resolved promise's then, not queueMicrotask: that one wraps each callback in an AsyncResource.)
    RESOLVED.then(() => {
      if (settled || req.complete) return;
      timer = setTimeout(() => finish(new BodyReadError(requestTimeoutError(), true)), timeoutMs);
      // A pending timer must not keep a stopping process alive.
      timer.unref();
    });
  }
}
