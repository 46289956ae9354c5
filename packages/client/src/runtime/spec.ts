// What the generated operations (src/generated/operations.ts) hand the runtime: the HTTP method and
// path, and straight-line functions that turn an input into openapi-fetch request options and a
// response back into an output.

import type { BodyFilter } from "./body-filters.js";
import type { StreamingSupport } from "./streaming.js";

export type TimestampFormat = "date-time" | "http-date" | "epoch-seconds";

/** A JSON object as it travels, or a Smithy structure on its way to or from one. */
export type Json = Record<string, unknown>;

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS" | "TRACE";

/** The openapi-fetch request options an operation's input becomes. */
export interface RequestOptions {
  params?: {
    /** Label values, already percent-encoded (see `fillLabels`). */
    path?: Record<string, string>;
    query?: Record<string, string | string[] | undefined>;
    header?: Record<string, string | undefined>;
  };
  body?: unknown;
  /** Set for payloads that are not JSON (bytes or text go out as they are). */
  bodySerializer?: (body: never) => unknown;
  pathSerializer?: (pathname: string, params: Record<string, unknown>) => string;
}

/** `Input` and `Output` are the operation's Smithy-level types; they only guide `send`'s typing. */
export interface Operation<Input = unknown, Output = unknown> {
  method: HttpMethod;
  /** The path pattern of @http's uri (`{label}` / `{label+}`), which is also the OpenAPI path. */
  path: string;
  /** Input member filled with a fresh UUID when the caller leaves it out (@idempotencyToken). */
  token?: string;
  /** The constant query of @http's uri, as written (`a=b&c`): it goes out before the members' query. */
  query?: string;
  /** @endpoint's hostPrefix, put in front of the endpoint's host: fixed, or made from @hostLabel members. */
  hostPrefix?: string | ((input: Json) => string);
  /** What the body goes through once serialized (@requestCompression, then @httpChecksumRequired). */
  bodyFilters?: BodyFilter[];
  /** How a success body is read: JSON (default), raw for blob and string payloads, a stream for streaming blobs and event streams. */
  parseAs?: "arrayBuffer" | "text" | "json" | "stream";
  /** aws.auth#unsignedPayload: signed with UNSIGNED-PAYLOAD, the body never hashed. */
  unsignedPayload?: true;
  /**
   * Set when a @streaming blob travels (streaming.ts): the input is sent as given (never read whole),
   * never retried once a one-shot stream went out, and refused without a length for @requiresLength.
   */
  streaming?: StreamingSupport;
  request: (input: Json) => RequestOptions;
  /** `data`: the parsed body (a JSON object, `{}` when there was none) or the raw payload (parseAs). */
  response: (data: never, response: Response) => Json;
  /** Never set: carries the input and output types. */
  readonly types?: (input: Input) => Output;
}

export interface ResponseMetadata {
  httpStatusCode?: number;
  /** `x-amzn-RequestId` (or `x-amz-request-id`). */
  requestId?: string;
  /** `x-amz-id-2`. */
  extendedRequestId?: string;
  /** `x-amz-cf-id`. */
  cfId?: string;
  /** How many times the call was sent (1 = no retries). */
  attempts?: number;
  /** Milliseconds the call waited between attempts in all. */
  totalRetryDelay?: number;
}
