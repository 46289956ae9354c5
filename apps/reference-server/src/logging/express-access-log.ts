// The Express app's access log: the same line as accessLogReporter (logger.ts) writes for the node:http listener.
import { responseInfo } from "@seqstore/server/express";
import type { RequestHandler } from "express";
import { type CallerFields, type Logger, pathOnly, roundMs } from "./logger.js";

/** Middleware (mount before the service router) that logs each finished request once. */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (!logger.isLevelEnabled("info")) {
      next();
      return;
    }
    const started = performance.now();
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      const info = responseInfo(res);
      const identity = (info.identity ?? {}) as CallerFields;
      logger.info(
        {
          requestId: info.requestId,
          accountId: identity.accountId,
          accessKeyId: identity.accessKeyId,
          operation: info.operationName,
          method: req.method,
          path: pathOnly(req.originalUrl),
          status: res.statusCode,
          errorType: res.getHeader("x-amzn-ErrorType"),
          latencyMs: roundMs(performance.now() - started),
          // The client hung up before the whole response was sent.
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        "request",
      );
    };
    res.once("finish", log);
    res.once("close", log);
    next();
  };
}
