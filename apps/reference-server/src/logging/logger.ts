// Structured JSON logs (pino): one line per request, and unexpected errors with their stack. The Express
// app's access log is in express-access-log.ts, so the node:http listener never loads Express.
import type { ResponseReport } from "@seqstore/server";
import { type DestinationStream, type Logger, pino } from "pino";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
export const LOG_LEVELS: readonly LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export type { Logger };

/** A logger writing JSON lines to `destination` (default stdout). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, base: { service: "seqstore-reference-server" } };
  return destination ? pino(options, destination) : pino(options);
}

export interface CallerFields {
  accountId?: string;
  accessKeyId?: string;
}

export const roundMs = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * The request-target without its query: a presigned URL's query carries X-Amz-Signature and
 * X-Amz-Security-Token, which anyone reading the log could replay until the URL expires.
 */
export function pathOnly(target: string): string {
  const q = target.indexOf("?");
  return q === -1 ? target : target.slice(0, q);
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
