// Errors a service call can throw. Generated classes (one per modeled error) extend these.
import type { ResponseMetadata } from "./spec.js";

export type Fault = "client" | "server";

/** Set on errors the model marks @retryable; `throttling` for errors that ask the caller to slow down. */
export interface Retryable {
  throttling: boolean;
}

export interface ServiceExceptionOptions {
  name: string;
  $fault: Fault;
  message: string;
  $metadata?: ResponseMetadata;
  $retryable?: Retryable;
}

/** Any error response of the service: `name` is the error's shape name as sent in `x-amzn-ErrorType`. */
export class ServiceException extends Error {
  /** Whether the caller (4xx) or the service (5xx) is at fault. */
  readonly $fault: Fault;
  /** HTTP status and request IDs of the response that carried the error, and the call's attempts. */
  readonly $metadata: ResponseMetadata;
  /** Set when the model marks the error @retryable (the client then retries it). */
  readonly $retryable?: Retryable;

  /** `members`: the error's own modeled members (besides `message`), copied onto the exception. */
  constructor(options: ServiceExceptionOptions, members?: object) {
    super(options.message);
    if (members) Object.assign(this, members);
    this.name = options.name;
    this.$fault = options.$fault;
    this.$metadata = options.$metadata ?? {};
    if (options.$retryable) this.$retryable = options.$retryable;
    // Error's constructor sets the prototype of the base; keep subclasses' instanceof working when compiled down.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** Whether `value` is a ServiceException, also across copies of this package (instanceof may not work there). */
export function isServiceException(value: unknown): value is ServiceException {
  return (
    value instanceof ServiceException || (value instanceof Error && "$fault" in value && "$metadata" in value)
  );
}
