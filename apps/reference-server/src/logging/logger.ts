// Structured JSON logs (pino): one line per request, and unexpected errors with their stack.
import type { ResponseReport } from "@seqstore/server";
import { responseInfo } from "@seqstore/server";
import type { RequestHandler } from "express";
import { type DestinationStream, type Logger, pino } from "pino";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
export const LOG_LEVELS: readonly LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export type { Logger };

/** A logger writing JSON lines to `destination` (default stdout). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, base: { service: "seqstore-reference-server" } };
  return destination ? pino(options, destination) : pino(options);
}

interface CallerFields {
  accountId?: string;
  accessKeyId?: string;
}

const roundMs = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * The request-target without its query: a presigned URL's query carries X-Amz-Signature and
 * X-Amz-Security-Token, which anyone reading the log could replay until the URL expires.
 */
export function pathOnly(target: string): string {
  const q = target.indexOf("?");
  return q === -1 ? target : target.slice(0, q);
}

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

/** A report that may also name the request (method and request-target), when the stub provides them. */
type ReportedRequest = ResponseReport & { method?: string; path?: string };

/** The node:http adapter's onResponse hook: the same line as accessLog, once per response sent. */
export function accessLogReporter(logger: Logger): ((report: ResponseReport) => void) | undefined {
  // With the level off there is nothing to build: the adapter then skips the report (and its clock).
  if (!logger.isLevelEnabled("info")) return undefined;
  return (report: ReportedRequest) => {
    const identity = (report.auth ?? {}) as CallerFields;
    logger.info(
      {
        requestId: report.requestId,
        accountId: identity.accountId,
        accessKeyId: identity.accessKeyId,
        operation: report.operationName,
        method: report.method,
        path: report.path,
        status: report.status,
        errorType: report.errorType,
        latencyMs: roundMs(report.durationMs),
      },
      "request",
    );
  };
}
