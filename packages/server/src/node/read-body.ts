// Reads a node:http request body as raw bytes (never inflated or decoded: SigV4 hashes them), with
// the same limits and failures as the Express adapter's body parser, so both answer alike.
import type { IncomingMessage } from "node:http";
import {
  RequestEntityTooLargeException,
  requestTimeoutError,
  validationError,
} from "../core/protocol-errors.js";
import type { ServiceError } from "../core/service-error.js";

const EMPTY = Buffer.alloc(0);

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

/**
 * The whole body. Rejects with a BodyReadError: 413 when it is larger than `limit` bytes, 408 when it
 * has not arrived `timeoutMs` after the call (0: no limit), 400 for a Content-Encoding (only identity is
 * read), and without a service error when the client aborts.
 */
export function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<Buffer> {
  if (!hasBody(req)) return Promise.resolve(EMPTY);
  const encoding = req.headers["content-encoding"];
  if (encoding !== undefined && encoding.toLowerCase() !== "identity") {
    return Promise.reject(
      new BodyReadError(
        validationError("The request body could not be read: content encoding unsupported."),
        false,
      ),
    );
  }
  const declared = Number(req.headers["content-length"]);
  if (declared > limit) {
    return Promise.reject(new BodyReadError(new RequestEntityTooLargeException(), true));
  }

  return new Promise((resolve, reject) => {
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
        reject(error);
      } else {
        resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received));
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
      timer = setTimeout(() => finish(new BodyReadError(requestTimeoutError(), true)), timeoutMs);
      // A pending timer must not keep a stopping process alive.
      timer.unref();
    }
  });
}
