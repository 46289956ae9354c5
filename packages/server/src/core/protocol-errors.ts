// Errors the protocol itself raises before a handler runs. Routing failures are not modeled in
// the service, so their names follow what AWS restJson1 services answer: 404 with
// `UnknownOperationException` for a path no operation has, 405 `MethodNotAllowedException` for a
// known path asked with another method, 413 `RequestEntityTooLargeException` over the body limit, 415
// `UnsupportedMediaTypeException` for a body that is not JSON.
import { ServiceError } from "./service-error.js";

export class UnknownOperationException extends ServiceError {
  constructor(message = "The request does not match any operation of this service.") {
    super({ name: "UnknownOperationException", $fault: "client", httpStatus: 404, message });
  }
}

export class MethodNotAllowedException extends ServiceError {
  /** Methods the path does support, for the `Allow` header. */
  readonly allow: string[];

  constructor(allow: string[], method: string) {
    super({
      name: "MethodNotAllowedException",
      $fault: "client",
      httpStatus: 405,
      message: `Method ${method} is not allowed on this path; allowed: ${allow.join(", ")}.`,
    });
    this.allow = allow;
  }
}

export class RequestEntityTooLargeException extends ServiceError {
  constructor(message = "The request body is larger than this server accepts.") {
    super({ name: "RequestEntityTooLargeException", $fault: "client", httpStatus: 413, message });
  }
}

export class LengthRequiredException extends ServiceError {
  constructor(member: string) {
    super({
      name: "LengthRequiredException",
      $fault: "client",
      httpStatus: 411,
      message: `The streaming payload '${member}' requires a length: send a Content-Length header, not a chunked body.`,
    });
  }
}

export class UnsupportedMediaTypeException extends ServiceError {
  constructor(message = "The request's content-type is not supported; send application/json.") {
    super({ name: "UnsupportedMediaTypeException", $fault: "client", httpStatus: 415, message });
  }
}

/** 406: the request's Accept header admits none of the media types the response travels with. */
export class NotAcceptableException extends ServiceError {
  constructor(mediaType: string) {
    super({
      name: "NotAcceptableException",
      $fault: "client",
      httpStatus: 406,
      message: `The response is ${mediaType}, which the request's Accept header does not admit.`,
    });
  }
}

/**
 * 400 SerializationException: the request does not parse as the protocol says (malformed JSON, a value of
 * the wrong type, an integer out of range, bad base64, a malformed timestamp…). Constraint violations of
 * well-formed values are ValidationExceptions instead.
 */
export function serializationError(message: string, fieldList?: ValidationFailure[]): ServiceError {
  const error = new ServiceError({
    name: "SerializationException",
    $fault: "client",
    httpStatus: 400,
    message,
  });
  if (fieldList) Object.assign(error, { fieldList });
  return error;
}

/** A SerializationException listing every value that did not parse. */
export function serializationFailures(failures: ValidationFailure[]): ServiceError {
  const details = failures.map((f) => `${f.path === "" ? "/" : f.path}: ${f.message}`).join("; ");
  return serializationError(`The request could not be read: ${details}`, failures);
}

/** One broken constraint: a JSON pointer into the operation input and what is wrong. */
export interface ValidationFailure {
  path: string;
  message: string;
}

/**
 * ValidationException and InternalServerException as the protocol builds them. They use the
 * modeled names, so they look exactly like the generated classes on the wire, but they do not
 * depend on generated code (the core works with any operation table).
 */
export function validationError(message: string, fieldList?: ValidationFailure[]): ServiceError {
  const error = new ServiceError({ name: "ValidationException", $fault: "client", httpStatus: 400, message });
  if (fieldList) Object.assign(error, { fieldList });
  return error;
}

/** A ValidationException whose message lists every failure, like AWS's "N validation errors detected: …". */
export function validationFailures(failures: ValidationFailure[]): ServiceError {
  const count = failures.length === 1 ? "1 validation error" : `${failures.length} validation errors`;
  const details = failures.map((f) => `${f.path === "" ? "/" : f.path}: ${f.message}`).join("; ");
  return validationError(`${count} detected: ${details}`, failures);
}

export function internalServerError(): ServiceError {
  return new ServiceError({
    name: "InternalServerException",
    $fault: "server",
    httpStatus: 500,
    message: "The service failed to process the request. Try again later.",
    $retryable: { throttling: false },
  });
}

/**
 * RequestTimeoutException (408) as the protocol builds it: the request body did not arrive in time. Named
 * like the modeled error, so an SDK surfaces it as that class.
 */
export function requestTimeoutError(
  message = "The request body was not received in time; the connection is closed.",
): ServiceError {
  return new ServiceError({ name: "RequestTimeoutException", $fault: "client", httpStatus: 408, message });
}
