// The options both adapters (Express router, node:http handler) take, with one meaning each.
import type { ErrorReporter } from "./core/handle.js";
import type { OperationSpec } from "./core/operation-table.js";
import type { ProtocolRequest } from "./core/protocol.js";

export interface AdapterOptions<Extra extends object = Record<never, never>> {
  /** Extra handler context per request (e.g. account ID, region), merged into HandlerContext. */
  context?: (request: ProtocolRequest, operation: OperationSpec) => Extra | Promise<Extra>;
  /**
   * Runs after routing, before validation; throw a modeled error (e.g. AccessDeniedException) to
   * refuse the request. `request.body` holds the raw bytes (for SigV4). A returned object is
   * merged into the handler context.
   */
  authenticate?: (request: ProtocolRequest, operation: OperationSpec) => unknown;
  /** Receives unexpected errors; the client only sees a generic 500 InternalServerException. */
  onError?: ErrorReporter;
  /**
   * Verify the Content-MD5 of @httpChecksumRequired operations' requests (missing or not an MD5: 400
   * InvalidDigest; another body's: 400 BadDigest, as S3 answers). Default false: Smithy's server protocol
   * test RestJsonHttpChecksumRequired expects a server to accept a body its Content-MD5 does not match.
   */
  verifyContentMd5?: boolean;
  /** Also check handlers' success responses against the document (a mismatch answers 500). Default false. */
  validateResponses?: boolean;
  /** Largest accepted body, in bytes or as "1mb"-style text (1024-based units). Default "1mb". */
  bodyLimit?: number | string;
  /**
   * How long a request body may take to arrive, from the moment the adapter sees the request; later, the
   * answer is 408 RequestTimeoutException and the connection is closed. Default 10 000 ms; 0 waits forever.
   */
  bodyTimeoutMs?: number;
  /**
   * Deepest nesting of arrays/objects a JSON body may have; deeper → 400 ValidationException. Default 64.
   * Keep it in the hundreds at most: validation and copies of the body recurse, and a body thousands of
   * levels deep overflows the stack (a 500).
   */
  maxJsonDepth?: number;
  /**
   * Called once for every response the adapter sends, right after it is handed to Node (for access
   * logs and metrics). A throw is reported to `onError`; the response is already on its way.
   */
  onResponse?: (info: ResponseReport) => void;
}

/** What `onResponse` learns about one answered request. */
export interface ResponseReport {
  /** The `x-amzn-RequestId` the response carries. */
  requestId: string;
  /** The request's HTTP method. */
  method: string;
  /** The request's path as received (percent-encoded, without the query string). */
  path: string;
  /** The routed operation (absent when routing failed, or the body could not be read). */
  operationName?: string;
  status: number;
  /** The `x-amzn-ErrorType` of an error response. */
  errorType?: string;
  /** From the moment the adapter saw the request until the response was handed to Node. */
  durationMs: number;
  /** What `authenticate` returned, when it ran and accepted the request. */
  auth?: unknown;
}

/** Default of AdapterOptions.bodyTimeoutMs. */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/** Default of AdapterOptions.bodyLimit. */
export const DEFAULT_BODY_LIMIT = "1mb";

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1024,
  mb: 1024 ** 2,
  gb: 1024 ** 3,
  tb: 1024 ** 4,
  pb: 1024 ** 5,
};

/** "1mb" → 1048576, as Express's body parser reads a limit (1024-based units, case-insensitive). */
export function parseByteSize(limit: number | string): number {
  if (typeof limit === "number") return Math.floor(limit);
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb|pb)?\s*$/i.exec(limit);
  if (!match?.[1])
    throw new Error(`Not a byte size: "${limit}" (use a number of bytes or e.g. "512kb", "1mb").`);
  return Math.floor(Number(match[1]) * (UNITS[(match[2] ?? "b").toLowerCase()] ?? 1));
}
