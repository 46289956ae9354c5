// Structured JSON logs (pino): one line per request, and unexpected errors with their stack.
import type { RequestHandler } from "express";
import { type DestinationStream, type Logger, pino } from "pino";
import { responseInfo } from "@seqstore/server";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
export const LOG_LEVELS: readonly LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export type { Logger };

/** A logger writing JSON lines to `destination` (default stdout). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, base: { service: "seqstore-reference-server" } };
  return destination ? pino(options, destination) : pino(options);
}

/** Middleware (mount before the service router) that logs each finished request once. */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      const info = responseInfo(res);
      const identity = (info.identity ?? {}) as { accountId?: string; accessKeyId?: string };
      logger.info(
        {
          requestId: info.requestId,
          accountId: identity.accountId,
          accessKeyId: identity.accessKeyId,
          operation: info.operationName,
          method: req.method,
          path: req.originalUrl,
          status: res.statusCode,
          errorType: res.getHeader("x-amzn-ErrorType"),
          latencyMs: Math.round((performance.now() - started) * 1000) / 1000,
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
