// One operation call: input -> openapi-fetch request -> output or thrown error, with retries of
// the attempts that failed for reasons likely to pass.
import type { SigningClock } from "./clock.js";
import { errorNameOf } from "./error-name.js";
import type { FilterSettings } from "./body-filters.js";
import type { CallExtras } from "./light-fetcher.js";
import type { ErrorReader, ServiceException, ServiceExceptionOptions } from "./exceptions.js";
import { backoffDelay, type RetryQuota, retryAfterHint, retryDelay, retryKind } from "./retry.js";
import { isObject } from "./serde.js";
import type { Json, Operation, RequestOptions, ResponseMetadata } from "./spec.js";
import { uuid } from "./uuid.js";

/** Sends one attempt of a call and reads its response (light-fetcher.ts). */
export interface Fetcher {
  request(
    operation: Operation,
    init: FetchInit,
    extras?: CallExtras,
  ): Promise<{ data?: unknown; error?: unknown; response: Response }>;
}

/** openapi-fetch's options for one call. */
type FetchInit = RequestOptions & {
  headers?: Record<string, string>;
  parseAs?: string;
};

/** A modeled error class as the runtime sees it: built from a response's members, message and metadata. */
export interface ErrorClass {
  new (init: { message: string; $metadata: ResponseMetadata }): ServiceException;
  readonly read?: ErrorReader | undefined;
}

export interface OperationContext {
  fetcher: Fetcher;
  /** Every modeled error of the service by name (errors are looked up service-wide, like AWS SDKs do). */
  errors: Readonly<Record<string, ErrorClass>>;
  /** Builds the service's base exception for errors the model does not know. */
  unmodeledError: (options: ServiceExceptionOptions) => ServiceException;
  idempotencyToken: () => string;
  /** Attempts per call, the first included (1 = no retries). */
  maxAttempts: number;
  quota: RetryQuota;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
  /** Set when requests are signed: the clock signatures use, corrected from responses' `Date`. */
  clock?: SigningClock | undefined;
  /** The client's options (host prefixes and @requestCompression read theirs per call). */
  options: FilterSettings["options"] & { disableHostPrefix?: boolean | undefined };
}

/** What every successful call returns besides the output members. */
export interface MetadataBearer {
  $metadata: ResponseMetadata;
}

/** The status and the request IDs the response carries (headers that are absent are left out). */
export function responseMetadata({ status, headers }: Response): ResponseMetadata {
  const metadata: ResponseMetadata = { httpStatusCode: status };
  const requestId =
    headers.get("x-amzn-requestid") ?? headers.get("x-amzn-request-id") ?? headers.get("x-amz-request-id");
  if (requestId !== null) metadata.requestId = requestId;
  const extendedRequestId = headers.get("x-amz-id-2");
  if (extendedRequestId !== null) metadata.extendedRequestId = extendedRequestId;
  const cfId = headers.get("x-amz-cf-id");
  if (cfId !== null) metadata.cfId = cfId;
  return metadata;
}

export async function callOperation<Output>(
  context: OperationContext,
  operation: Operation,
  input: object,
): Promise<Output & MetadataBearer> {
  // Filled once: every attempt carries the same token, so the service can tell a retry from a new call.
  // (`request` only reads its input: a copy is needed only to add the token.)
  const { token, parseAs } = operation;
  const fields =
    token && (input as Json)[token] === undefined
      ? { ...input, [token]: context.idempotencyToken() }
      : (input as Json);
  // openapi-fetch's options, reused by every attempt (only the headers change).
  const init: FetchInit = operation.request(fields);
  if (parseAs) init.parseAs = parseAs;
  // A body without a serializer of its own is JSON.
  if (init.body !== undefined) init.bodySerializer ??= JSON.stringify;
  // A one-shot stream cannot be sent twice: such a call gets one attempt.
  const oneShot = operation.streaming?.check(init) ?? false;
  const { hostPrefix } = operation;
  const extras: CallExtras = { options: context.options };
  if (hostPrefix && !context.options.disableHostPrefix) {
    extras.hostPrefix = typeof hostPrefix === "string" ? hostPrefix : hostPrefix(fields as Json);
  }

  const { maxAttempts, quota } = context;
  // The headers the AWS SDK sends, so service logs can group the attempts of one call.
  const invocationId = uuid();
  let attempts = 0;
  let totalRetryDelay = 0;
  let lastRetryCost: number | undefined;
  for (;;) {
    attempts++;
    let error: unknown;
    let headers: Headers | undefined;
    let clockCorrected = false;
    try {
      init.headers = {
        "amz-sdk-invocation-id": invocationId,
        "amz-sdk-request": `attempt=${attempts}; max=${maxAttempts}`,
        // Where AWS SDKs name themselves.
        "x-amz-user-agent": "seqstore-client",
      };
      const { data, error: failure, response } = await context.fetcher.request(operation, init, extras);
      ({ headers } = response);
      clockCorrected = context.clock?.observe(headers.get("date")) ?? false;
      const $metadata = responseMetadata(response);
      if (response.ok) {
        const output = operation.response((parseAs || isObject(data) ? data : {}) as never, response);
        quota.succeeded(lastRetryCost);
        output.$metadata = withAttempts($metadata, attempts, totalRetryDelay);
        bindStreamErrors(output, context);
        return output as Output & MetadataBearer;
      }
      error = toServiceException(context, response, failure, $metadata);
    } catch (failure) {
      // Nothing sent (a bad input, no credentials), a network failure, or a response the client
      // cannot read: only network failures are worth repeating (retryKind tells them apart).
      error = failure;
      clockCorrected = false;
    }
    const kind = retryKind(error, clockCorrected);
    // (No kind, no cost: what is not worth repeating is thrown at once.)
    const cost = kind && attempts < maxAttempts && !oneShot ? quota.take(kind) : undefined;
    if (!kind || cost === undefined) throw withRetryMetadata(error, attempts, totalRetryDelay);
    lastRetryCost = cost;
    const now = context.now();
    const delay = retryDelay(
      backoffDelay(kind, attempts - 1, context.random),
      retryAfterHint(headers, now),
      now,
    );
    if (delay > 0) await context.sleep(delay);
    totalRetryDelay += delay;
  }
}

/**
 * Lends output event streams (event-streams.ts, found by shape so that clients without streams do not
 * bundle it) the service's error classes, for the modeled errors that arrive inside the stream.
 */
function bindStreamErrors(output: Json, context: OperationContext): void {
  for (const key in output) {
    const value = output[key] as { bindErrors?: unknown } | null;
    if (typeof value === "object" && value !== null && typeof value.bindErrors === "function") {
      value.bindErrors({ errors: context.errors, unmodeledError: context.unmodeledError });
    }
  }
}

/** Adds, as the AWS SDK does, how many attempts the call made and how long it waited. */
const withAttempts = (metadata: ResponseMetadata, attempts: number, totalRetryDelay: number) =>
  Object.assign(metadata, { attempts, totalRetryDelay });

/** Records the attempts on a thrown error's `$metadata` (when it can take them). */
function withRetryMetadata(error: unknown, attempts: number, totalRetryDelay: number): unknown {
  if (typeof error !== "object" || error === null || Object.isFrozen(error)) return error;
  const holder = error as { $metadata?: ResponseMetadata };
  holder.$metadata = withAttempts(holder.$metadata ?? {}, attempts, totalRetryDelay);
  return error;
}

/** The exception for an error response; `errorBody` is its parsed JSON, or its text when it is not JSON. */
export function toServiceException(
  context: OperationContext,
  response: Response,
  errorBody: unknown,
  $metadata: ResponseMetadata,
): ServiceException {
  const document = isObject(errorBody) ? errorBody : {};
  const name = errorNameOf(response.headers, document);
  const bodyMessage = document.message ?? document.Message;
  const message = typeof bodyMessage === "string" ? bodyMessage : "UnknownError";
  // hasOwn: a name such as "constructor" must not find Object.prototype's members.
  const Modeled =
    name !== undefined && Object.hasOwn(context.errors, name) ? context.errors[name] : undefined;
  if (!Modeled) {
    // "Unknown" (message "UnknownError") is what the AWS SDK calls an error response without a name.
    const $fault = response.status >= 500 ? "server" : "client";
    return context.unmodeledError({ name: name ?? "Unknown", $fault, message, $metadata });
  }
  return new Modeled({ ...Modeled.read?.(document, response), message, $metadata });
}
