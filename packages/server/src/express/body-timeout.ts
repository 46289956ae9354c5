// Answers 408 when a request body does not arrive in time. Body parsers (raw-body) wait for as long as
// the client keeps the connection open; a client that sends headers and then stalls would otherwise hold
// a request (and its connection) until Node's 5-minute requestTimeout.
import type { IncomingMessage } from "node:http";
import type { RequestHandler, Response } from "express";

/** Whether the request announces a body (HTTP/1.1: Transfer-Encoding, or a non-zero Content-Length). */
export function announcesBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/**
 * Middleware that starts a timer when a body is announced and calls `onTimeout` when the whole body has
 * not been received after `timeoutMs`. The response `onTimeout` sends should carry `Connection: close`:
 * the rest of the body may still be on its way, so the connection cannot be reused.
 */
export function bodyTimeout(timeoutMs: number, onTimeout: (res: Response) => void): RequestHandler {
  return (req, res, next) => {
    if (timeoutMs <= 0 || req.complete || !announcesBody(req)) {
      next();
      return;
    }
    const timer = setTimeout(() => {
      if (req.complete || res.headersSent) return;
      onTimeout(res);
    }, timeoutMs);
    // A pending timer must not keep a stopping process alive.
    timer.unref();
    const clear = () => clearTimeout(timer);
    req.once("end", clear);
    req.once("close", clear);
    res.once("close", clear);
    next();
  };
}
