// Builds the AdapterOptions.onResponse report of a sent response, the same way for both adapters.
import type { ResponseReport } from "./adapter-options.js";
import { defaultReporter, type ErrorReporter } from "./core/handle.js";
import type { ResponseMeta } from "./core/protocol.js";

/** Reports one sent response; `startedAt` is the `performance.now()` of when the adapter saw the request. */
export type ResponseReporter = (
  requestId: string,
  status: number,
  errorType: string | undefined,
  meta: ResponseMeta | undefined,
  startedAt: number,
  method: string,
  url: string,
) => void;

/** The reporter for `onResponse`, or undefined without one (so adapters skip the clock entirely). */
export function createResponseReporter(
  onResponse: ((info: ResponseReport) => void) | undefined,
  onError: ErrorReporter | undefined,
): ResponseReporter | undefined {
  if (!onResponse) return undefined;
  const reportError = onError ?? defaultReporter;
  return (requestId, status, errorType, meta, startedAt, method, url) => {
    const query = url.indexOf("?");
    const path = query === -1 ? url : url.slice(0, query);
    const info: ResponseReport = {
      requestId,
      method,
      path,
      status,
      durationMs: performance.now() - startedAt,
    };
    if (meta?.operationName !== undefined) info.operationName = meta.operationName;
    if (errorType !== undefined) info.errorType = errorType;
    if (meta?.identity !== undefined) info.auth = meta.identity;
    try {
      onResponse(info);
    } catch (error) {
      // A failing log hook must not break the server: the response has been sent already.
      try {
        reportError(error, {
          requestId,
          ...(info.operationName ? { operationName: info.operationName } : {}),
        });
      } catch {
        // Nothing left to tell.
      }
    }
  };
}
