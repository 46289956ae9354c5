// Errors a service call can throw. Generated error classes come from `errorClass`, over the
// service's own base class (which extends ServiceException).
import type { Json, ResponseMetadata } from "./spec.js";

export type Fault = "client" | "server";

/** Set on errors the model marks @retryable; `throttling` for errors that ask the caller to slow down. */
export interface Retryable {
  throttling: boolean;
}

export interface ServiceExceptionOptions {
  name: string;
  $fault: Fault;
  message: string;
  $metadata?: ResponseMetadata | undefined;
  $retryable?: Retryable | undefined;
}

/** Any error response of the service: `name` is the error's shape name as sent in `x-amzn-ErrorType`. */
export class ServiceException extends Error {
  // `declare`: set in the constructor, not emitted as class fields (smaller, and no own
  // `$retryable: undefined` on errors that are not retryable).
  /** Whether the caller (4xx) or the service (5xx) is at fault. */
  declare readonly $fault: Fault;
  /** HTTP status and request IDs of the response that carried the error, and the call's attempts. */
  declare readonly $metadata: ResponseMetadata;
  /** Set when the model marks the error @retryable (the client then retries it). */
  declare readonly $retryable?: Retryable;

  /** `members`: the error's own modeled members (besides `message`), copied onto the exception. */
  constructor(options: ServiceExceptionOptions, members?: object) {
    super(options.message);
    // Members first: the exception's own properties win. (Object.assign skips an absent source.)
    Object.assign(
      this,
      members,
      { name: options.name, $fault: options.$fault, $metadata: options.$metadata ?? {} },
      options.$retryable && { $retryable: options.$retryable },
    );
  }
}

/** Whether `value` is a ServiceException, also across copies of this package (instanceof may not work there). */
export function isServiceException(value: unknown): value is ServiceException {
  return (
    value instanceof ServiceException || (value instanceof Error && "$fault" in value && "$metadata" in value)
  );
}

/** What a modeled error class is constructed with: its members, a message, and the response's metadata. */
export type ErrorInit<Shape> = (string extends keyof Shape ? unknown : Omit<Shape, "message">) & {
  message: string;
  $metadata?: ResponseMetadata;
};

/** Reads a modeled error's members (besides `message`) from its response: the JSON body and headers. */
export type ErrorReader = (body: Json, response: Response) => Json;

type ServiceExceptionClass = new (options: ServiceExceptionOptions, members?: object) => ServiceException;

export interface ModeledErrorClass<
  Base extends ServiceExceptionClass,
  Shape,
  Name extends string,
  F extends Fault,
> {
  new (
    init: ErrorInit<Shape>,
  ): InstanceType<Base> & Readonly<Omit<Shape, "message">> & { readonly name: Name; readonly $fault: F };
  /** Set when the error has members besides `message` to read from a response. */
  readonly read?: ErrorReader;
}

/**
 * One modeled error's class: a subclass of `base` named `name` (also its `constructor.name`), with
 * the model's fault and retryability. One small factory instead of a class body per error.
 */
export function errorClass<Base extends ServiceExceptionClass, Shape, Name extends string, F extends Fault>(
  base: Base,
  name: Name,
  fault: F,
  retryable?: Retryable,
  read?: ErrorReader,
): ModeledErrorClass<Base, Shape, Name, F> {
  const Base: ServiceExceptionClass = base;
  type Modeled = ModeledErrorClass<Base, Shape, Name, F>;
  // A class defined as the value of a computed key takes the key as its name.
  const named = {
    [name]: class extends Base {
      constructor({ message, $metadata, ...members }: ErrorInit<{ message: string }>) {
        super({ name, $fault: fault, message, $metadata, $retryable: retryable }, members);
      }
    },
  };
  return Object.assign(named[name] as ServiceExceptionClass, { read }) as unknown as Modeled;
}

/** The service's error classes by shape name (each class is named after its shape). */
export const byName = <C extends { name: string }>(classes: C[]): Record<string, C> =>
  Object.fromEntries(classes.map((c) => [c.name, c]));
