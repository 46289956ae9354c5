// When and how long to wait before trying a failed call again: the AWS SDK's "standard" retry mode
// (the defaults of @smithy/core 3.41, which @aws-sdk/client-omics 3.1048 uses), so both clients treat
// a failing service alike.
import { isTransportFailure } from "./transport.js";

export const DEFAULT_MAX_ATTEMPTS = 3;
const BASE_DELAY_MS = 50;
const THROTTLING_BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 20_000;
/** A server's retry-after hint may stretch a delay by at most this much. */
const MAX_HINT_EXTENSION_MS = 5_000;

const words = (list: string): ReadonlySet<unknown> => new Set(list.split(" "));
/** Error names the SDKs treat as "slow down" whatever their status. */
const THROTTLING_NAMES = words(
  "BandwidthLimitExceeded EC2ThrottledException LimitExceededException PriorRequestNotComplete " +
    "ProvisionedThroughputExceededException RequestLimitExceeded RequestThrottled " +
    "RequestThrottledException SlowDown ThrottledException Throttling ThrottlingException " +
    "TooManyRequestsException TransactionInProgressException",
);
const TRANSIENT_NAMES = words("TimeoutError RequestTimeout RequestTimeoutException");
const TRANSIENT_STATUS = [500, 502, 503, 504];
/** Node socket error codes of a connection that failed or broke; tried again. */
const TRANSIENT_CODES = words(
  "ECONNRESET ECONNREFUSED EPIPE ETIMEDOUT EHOSTUNREACH ENETUNREACH ENOTFOUND EAI_AGAIN",
);

export type RetryKind = "throttling" | "transient";

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  $retryable?: { throttling?: boolean };
  $metadata?: { httpStatusCode?: number };
}

function fieldsOf(error: unknown): ErrorLike {
  return typeof error === "object" && error !== null ? (error as ErrorLike) : {};
}

function isTransient(error: unknown, depth: number): boolean {
  const e = fieldsOf(error);
  if (e.name === "AbortError") return false;
  // (The sets hold strings only: a name or code of another type is simply not in them.)
  return (
    e.$retryable !== undefined ||
    isTransportFailure(error) ||
    TRANSIENT_NAMES.has(e.name) ||
    (e.name === "InvalidSignatureException" &&
      typeof e.message === "string" &&
      e.message.includes("Signature expired")) ||
    TRANSIENT_CODES.has(e.code) ||
    TRANSIENT_STATUS.includes(e.$metadata?.httpStatusCode as number) ||
    (e.cause !== undefined && depth < 10 && isTransient(e.cause, depth + 1))
  );
}

/**
 * Whether a failed attempt is worth repeating, and why: the service asked to slow down (429, a
 * throttling error name or `@retryable(throttling: true)`), or the failure is likely to pass
 * (`@retryable`, 500/502/503/504, a timeout, a network failure, a clock the client just corrected).
 * Undefined for everything else: the same request would fail the same way.
 */
export function retryKind(error: unknown, clockCorrected: boolean): RetryKind | undefined {
  const e = fieldsOf(error);
  if (
    e.$metadata?.httpStatusCode === 429 ||
    THROTTLING_NAMES.has(e.name) ||
    e.$retryable?.throttling === true
  ) {
    return "throttling";
  }
  return clockCorrected || isTransient(error, 0) ? "transient" : undefined;
}

/** How long to wait before retry number `retry` (0 for the first): "full jitter" exponential backoff. */
export function backoffDelay(kind: RetryKind, retry: number, random: () => number): number {
  const base = kind === "throttling" ? THROTTLING_BASE_DELAY_MS : BASE_DELAY_MS;
  return Math.floor(random() * Math.min(base * 2 ** retry, MAX_DELAY_MS));
}

/**
 * When the server said to try again (`x-amz-retry-after` in milliseconds, or `Retry-After` in
 * seconds or as an HTTP date), as epoch milliseconds; undefined without a usable hint.
 */
export function retryAfterHint(headers: Headers | undefined, now: number): number | undefined {
  const amz = headers?.get("x-amz-retry-after");
  if (amz !== null && amz !== undefined) {
    const ms = Number(amz);
    return Number.isFinite(ms) ? now + ms : undefined;
  }
  const standard = headers?.get("retry-after")?.trim();
  if (!standard) return undefined;
  if (/^\d+(\.\d+)?$/.test(standard)) return now + Number(standard) * 1000;
  const date = Date.parse(standard);
  return Number.isNaN(date) ? undefined : date;
}

/** The backoff, stretched towards a server's hint (never beyond the backoff plus 5 s). */
export function retryDelay(backoff: number, hint: number | undefined, now: number): number {
  if (hint === undefined) return backoff;
  return Math.max(backoff, Math.min(hint - now, backoff + MAX_HINT_EXTENSION_MS));
}

const QUOTA_CAPACITY = 500;
const QUOTA_COST: Record<RetryKind, number> = { throttling: 5, transient: 14 };
const QUOTA_REFUND_WITHOUT_RETRY = 1;

/**
 * A client-wide budget for retries: each retry spends from it, each success pays back. When a
 * service keeps failing, the budget runs out and calls fail at once instead of piling on load.
 */
export class RetryQuota {
  private capacity = QUOTA_CAPACITY;

  /** Spends the cost of one retry; undefined (nothing spent) when the budget cannot afford it. */
  take(kind: RetryKind): number | undefined {
    const cost = QUOTA_COST[kind];
    if (this.capacity < cost) return undefined;
    this.capacity -= cost;
    return cost;
  }

  /** A call succeeded: refund what its last retry spent, or a small amount when it needed none. */
  succeeded(lastRetryCost: number | undefined): void {
    this.capacity = Math.min(QUOTA_CAPACITY, this.capacity + (lastRetryCost ?? QUOTA_REFUND_WITHOUT_RETRY));
  }
}
