// One operation call: input -> HTTP request -> output or thrown error,
// with retries of the attempts that failed for reasons likely to pass.
import type { SigningClock } from "./clock.js";
import { errorNameOf } from "./error-name.js";
import type { Fault, ServiceException, ServiceExceptionOptions } from "./exceptions.js";
import { buildRequest, type ReceivedResponse, readResponse } from "./http-message.js";
import type { RequestParts } from "./http-message.js";
import { backoffDelay, type RetryQuota, retryAfterHint, retryDelay, retryKind } from "./retry.js";
import type { ErrorSpec, OperationSpec, ResponseMetadata, ShapeTable } from "./spec.js";

export interface OperationContext {
  /** Base URL without a trailing slash. */
  baseUrl: string;
  /** Headers sent with every request (operation headers win). */
  headers: Readonly<Record<string, string>>;
  /** Sends one request: signs it when credentials are set, and marks network failures. */
  send: (request: Request) => Promise<Response>;
  shapes: ShapeTable;
  /** Every modeled error of the service by name (errors are looked up service-wide, like AWS SDKs do). */
  errors: Readonly<Record<string, ErrorSpec>>;
  /** Builds the service's base exception for errors the model does not know. */
  unmodeledError: (options: ServiceExceptionOptions) => ServiceException;
  idempotencyToken: () => string;
  retry: RetryContext;
  /** Set when requests are signed: the clock signatures use, corrected from responses' `Date`. */
  clock?: SigningClock;
}

export interface RetryContext {
  /** Attempts per call, the first included (1 = no retries). */
  maxAttempts: number;
  quota: RetryQuota;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
}

/** What every successful call returns besides the output members. */
export interface MetadataBearer {
  $metadata: ResponseMetadata;
}

/** Sent (and signed) as `x-amz-user-agent`, where AWS SDKs name themselves. */
const USER_AGENT = "seqstore-client";

/** A random (v4) UUID from Web Crypto, which Node 20 and browsers both have. */
export const defaultIdempotencyToken = (): string => globalThis.crypto.randomUUID();

/** Fills `{label}` / `{label+}` with values `buildRequest` already encoded. */
function fillPath(pathname: string, params: Record<string, unknown>): string {
  return pathname.replace(/\{([^{}+]+)\+?\}/g, (match, name: string) => {
    const value = params[name];
    return typeof value === "string" ? value : match;
  });
}

function serializeQuery(query: Record<string, string | string[]>): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(item)}`);
    }
  }
  return pairs.join("&");
}

export function responseMetadata(response: Response): ResponseMetadata {
  const headers = response.headers;
  const metadata: ResponseMetadata = { httpStatusCode: response.status };
  const requestId =
    headers.get("x-amzn-requestid") ?? headers.get("x-amzn-request-id") ?? headers.get("x-amz-request-id");
  if (requestId !== null) metadata.requestId = requestId;
  const extendedRequestId = headers.get("x-amz-id-2");
  if (extendedRequestId !== null) metadata.extendedRequestId = extendedRequestId;
  const cfId = headers.get("x-amz-cf-id");
  if (cfId !== null) metadata.cfId = cfId;
  return metadata;
}

/** What one attempt came to: an output, or an error with what the retry decision needs. */
type AttemptResult<Output> =
  | { ok: true; output: Output & MetadataBearer }
  | { ok: false; error: unknown; headers?: Headers; clockCorrected: boolean };

export async function callOperation<Output>(
  context: OperationContext,
  spec: OperationSpec,
  input: object,
): Promise<Output & MetadataBearer> {
  const fields: Record<string, unknown> = { ...input };
  // Filled once: every attempt carries the same token, so the service can tell a retry from a new call.
  if (spec.idempotencyToken && fields[spec.idempotencyToken] === undefined) {
    fields[spec.idempotencyToken] = context.idempotencyToken();
  }
  const parts = buildRequest(spec, fields, context.shapes);
  const { retry } = context;
  // The headers the AWS SDK sends, so service logs can group the attempts of one call.
  const invocationId = globalThis.crypto.randomUUID();
  let attempts = 0;
  let totalRetryDelay = 0;
  let lastRetryCost: number | undefined;
  for (;;) {
    attempts++;
    const result = await attempt<Output>(context, spec, parts, {
      "amz-sdk-invocation-id": invocationId,
      "amz-sdk-request": `attempt=${attempts}; max=${retry.maxAttempts}`,
      "x-amz-user-agent": USER_AGENT,
    });
    if (result.ok) {
      retry.quota.succeeded(lastRetryCost);
      Object.assign(result.output.$metadata, { attempts, totalRetryDelay });
      return result.output;
    }
    const kind = retryKind(result.error, result.clockCorrected);
    const cost = kind !== undefined && attempts < retry.maxAttempts ? retry.quota.take(kind) : undefined;
    if (kind === undefined || cost === undefined) {
      throw withRetryMetadata(result.error, attempts, totalRetryDelay);
    }
    lastRetryCost = cost;
    const now = retry.now();
    const delay = retryDelay(
      backoffDelay(kind, attempts - 1, retry.random),
      retryAfterHint(result.headers, now),
      now,
    );
    if (delay > 0) await retry.sleep(delay);
    totalRetryDelay += delay;
  }
}

function requestFor(
  context: OperationContext,
  spec: OperationSpec,
  parts: RequestParts,
  attemptHeaders: Record<string, string>,
): Request {
  const query = serializeQuery(parts.query);
  const url = `${context.baseUrl}${fillPath(spec.path, parts.path)}${query ? `?${query}` : ""}`;
  return new Request(url, {
    method: spec.method,
    headers: { ...context.headers, ...parts.headers, ...attemptHeaders },
    ...(parts.body === undefined ? {} : { body: parts.body }),
  });
}

/** The JSON of an error body when it is JSON, else its text (what error-name lookup and messages read). */
function errorDocument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function attempt<Output>(
  context: OperationContext,
  spec: OperationSpec,
  parts: RequestParts,
  attemptHeaders: Record<string, string>,
): Promise<AttemptResult<Output>> {
  let response: Response;
  try {
    response = await context.send(requestFor(context, spec, parts, attemptHeaders));
  } catch (error) {
    return { ok: false, error, clockCorrected: false };
  }
  const clockCorrected = context.clock?.observe(response.headers.get("date")) ?? false;
  const $metadata = responseMetadata(response);
  try {
    if (!response.ok) {
      const document = errorDocument(await response.text());
      const exception = toServiceException(context, response, document, $metadata);
      return { ok: false, error: exception, headers: response.headers, clockCorrected };
    }
    const body =
      spec.response.payload?.kind === "blob"
        ? new Uint8Array(await response.arrayBuffer())
        : await response.text();
    const received: ReceivedResponse = { status: response.status, headers: response.headers, body };
    const output = { ...readResponse(spec.response, received, context.shapes), $metadata };
    return { ok: true, output: output as Output & MetadataBearer };
  } catch (failure) {
    // A response the client cannot read: not worth repeating, but still reported with its attempts.
    return { ok: false, error: failure, clockCorrected: false };
  }
}

/** Records on the error, as the AWS SDK does, how many attempts the call made and how long it waited. */
function withRetryMetadata(error: unknown, attempts: number, totalRetryDelay: number): unknown {
  if (typeof error !== "object" || error === null || Object.isFrozen(error)) return error;
  const holder = error as { $metadata?: ResponseMetadata };
  holder.$metadata = Object.assign(holder.$metadata ?? {}, { attempts, totalRetryDelay });
  return error;
}

/** The exception for an error response; `errorBody` is its parsed JSON, or its text when it is not JSON. */
export function toServiceException(
  context: OperationContext,
  response: Response,
  errorBody: unknown,
  $metadata: ResponseMetadata,
): ServiceException {
  const document =
    errorBody !== null && typeof errorBody === "object" && !Array.isArray(errorBody)
      ? (errorBody as Record<string, unknown>)
      : {};
  const name = errorNameOf(response.headers, document);
  const bodyMessage = document.message ?? document.Message;
  const message = typeof bodyMessage === "string" ? bodyMessage : "UnknownError";
  // hasOwn: a name such as "constructor" must not find Object.prototype's members.
  const modeled =
    name !== undefined && Object.hasOwn(context.errors, name) ? context.errors[name] : undefined;
  if (!modeled) {
    const $fault: Fault = response.status >= 500 ? "server" : "client";
    // "Unknown" (message "UnknownError") is what the AWS SDK calls an error response without a name.
    return context.unmodeledError({ name: name ?? "Unknown", $fault, message, $metadata });
  }
  const received: ReceivedResponse = {
    status: response.status,
    headers: response.headers,
    body: undefined,
    json: document,
  };
  const members = readResponse(modeled.response, received, context.shapes);
  return modeled.create({
    ...members,
    message: typeof members.message === "string" ? members.message : message,
    $metadata,
  });
}
