// Refuses a body whose announced Content-Length is over the limit before reading any of it. The stub's
// body parser (body-parser) answers 413 only after it has read off the entire request, so a client
// announcing 50 MB would upload all of it (or run into the body timeout) before hearing "too large".
import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";

export const TOO_LARGE_MESSAGE = "The request body is larger than this server accepts.";

export function refuseOversizeBodies(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    const announced = req.headers["content-length"];
    if (announced === undefined || !/^\d+$/.test(announced) || Number(announced) <= maxBytes) {
      next();
      return;
    }
    const body = JSON.stringify({ message: TOO_LARGE_MESSAGE });
    res.status(413);
    res.setHeader("content-type", "application/json");
    res.setHeader("content-length", String(Buffer.byteLength(body)));
    res.setHeader("x-amzn-RequestId", randomUUID());
    res.setHeader("x-amzn-ErrorType", "RequestEntityTooLargeException");
    // The unread body is still on its way: this connection cannot carry another request.
    res.setHeader("connection", "close");
    res.end(body);
  };
}
