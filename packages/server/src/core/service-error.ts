// Base class of every error that has a place on the wire. Generated classes (one per modeled
// error shape) extend it; the protocol core also builds a few protocol-level ones.

export interface ServiceErrorOptions {
  /** The error shape's name; it travels in `x-amzn-ErrorType`. */
  name: string;
  $fault: "client" | "server";
  httpStatus: number;
  message: string;
  $retryable?: { throttling: boolean } | undefined;
}

export class ServiceError extends Error {
  override readonly name: string;
  readonly $fault: "client" | "server";
  readonly httpStatus: number;
  readonly $retryable: { throttling: boolean } | undefined;

  constructor(options: ServiceErrorOptions) {
    super(options.message);
    this.name = options.name;
    this.$fault = options.$fault;
    this.httpStatus = options.httpStatus;
    this.$retryable = options.$retryable;
  }
}

/** True for any ServiceError, also one from another copy of this package (checked by shape, not prototype). */
export function isServiceError(value: unknown): value is ServiceError {
  if (value instanceof ServiceError) return true;
  if (!(value instanceof Error)) return false;
  const candidate = value as Partial<ServiceError>;
  return (
    typeof candidate.httpStatus === "number" &&
    (candidate.$fault === "client" || candidate.$fault === "server") &&
    typeof candidate.name === "string"
  );
}
