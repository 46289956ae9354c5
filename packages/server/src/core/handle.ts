// The protocol core: ProtocolRequest in, ProtocolResponse out. Route → authenticate → parse JSON
// → validate (adapter hook) → bind input → handler → serialize, with every failure mapped to an
// AWS-shaped error response.
import { accepts, essence, pointerToken } from "@seqstore/protocol";
import { ANY_MEDIA_TYPE, bindRequest, operationFacts, readJsonBody } from "./bind-request.js";
import { decodeContent } from "./content-encoding.js";
import { verifyContentMd5 } from "./content-md5.js";
import type { MemberBinding, OperationSpec, OperationTable } from "./operation-table.js";
import type { ProtocolRequest, ProtocolResponse, ResponseMeta } from "./protocol.js";
import {
  internalServerError,
  LengthRequiredException,
  MethodNotAllowedException,
  NotAcceptableException,
  UnknownOperationException,
  UnsupportedMediaTypeException,
  type ValidationFailure,
  validationFailures,
} from "./protocol-errors.js";
import { DEFAULT_MAX_JSON_DEPTH } from "./request-text.js";
import { newRequestId } from "./request-id.js";
import { createRouter } from "./router.js";
import { serializeError, serializeOutput } from "./serialize-response.js";
import { isServiceError, type ServiceError } from "./service-error.js";

/** What every handler receives besides its input. Adapters' `context` option adds more. */
export interface HandlerContext {
  /** The `x-amzn-RequestId` of this request's response. */
  requestId: string;
  /** Smithy operation name, e.g. "CreateSequenceStore". */
  operationName: string;
}

/** Where an unexpected (non-ServiceError) failure is reported; the client only sees a generic 500. */
export type ErrorReporter = (error: unknown, info: { requestId: string; operationName?: string }) => void;

export interface ProtocolHandlerOptions<Extra extends object> {
  operations: OperationTable;
  /** An object with one method per operation, named by `OperationSpec.handlerName`. */
  handlers: object;
  /**
   * Runs after routing and before the body is read; may throw a ServiceError (e.g.
   * AccessDeniedException) to refuse the request. Whatever object it returns is merged into the
   * handler context (e.g. the caller's account ID).
   */
  authenticate?: (request: ProtocolRequest, operation: OperationSpec) => unknown;
  /** Extra handler context per request (e.g. region), merged over what authenticate returned. */
  context?: (request: ProtocolRequest, operation: OperationSpec) => Extra | Promise<Extra>;
  /** Reports unexpected errors (default: console.error). */
  onError?: ErrorReporter;
  /**
   * Schema validation of every routed request (the node:http adapter passes the core's compiled
   * validator, see createRequestValidator). A call's HandleOptions.validate replaces it.
   */
  validate?: RequestValidation;
  /**
   * Runs on each success response before it is returned; a throw turns it into a reported 500
   * (the node:http adapter's `validateResponses`, see createResponseValidator).
   */
  checkResponse?: (operation: OperationSpec, response: ProtocolResponse) => void;
  /** Deepest nesting of arrays/objects a JSON body may have; deeper → 400 ValidationException. Default 64. */
  maxJsonDepth?: number;
  /** Verify Content-MD5 for @httpChecksumRequired operations (AdapterOptions.verifyContentMd5). Default false. */
  verifyContentMd5?: boolean;
  /** Largest body once a gzip Content-Encoding is undone; larger → 413. Default 1 MiB (the adapters' bodyLimit). */
  maxBodyBytes?: number;
}

/**
 * Schema validation of a routed request, with `body` as its parsed JSON. Returns the broken fields;
 * any returned failure answers 400 ValidationException.
 */
export type RequestValidation = (args: {
  request: ProtocolRequest;
  operation: OperationSpec;
  labels: Record<string, string>;
  body: unknown;
}) => Promise<ValidationFailure[]> | ValidationFailure[];

/** Per-call additions from an adapter. */
export interface HandleOptions {
  /** Schema validation of this request (the Express adapter runs express-openapi-validator here). */
  validate?: RequestValidation;
}

export interface ProtocolHandler {
  /**
   * Whether the request routes to an operation with a @streaming blob input: the adapter then hands the
   * body over as `bodyStream` instead of reading it (and applies no body limit or timeout to it).
   * `target` is asked for the path and query only when an operation with that method streams its input.
   */
  streamsRequestBody(
    method: string,
    target: () => { path: string; query: ProtocolRequest["query"] },
  ): boolean;
  handle(request: ProtocolRequest, options?: HandleOptions): Promise<ProtocolResponse>;
  /** The error response (with request ID) for an error raised outside `handle`, e.g. by an adapter's body reader. */
  errorResponse(error: unknown, requestId?: string): ProtocolResponse;
}

/** The ErrorReporter used when none is given: the error on stderr, with its request ID. */
export const defaultReporter: ErrorReporter = (error, info) => {
  console.error(`[${info.requestId}] unexpected error in ${info.operationName ?? "request"}:`, error);
};

/**
 * Whether a request body of `contentType` fits the operation: a body needs the input's media type
 * (parameters such as charset ignored); an input without body members or payload takes no body at all.
 */
function contentTypeFits(expected: string | undefined, contentType: string | undefined): boolean {
  if (expected === ANY_MEDIA_TYPE) return true;
  if (expected === undefined || contentType === undefined) return false;
  return contentType === expected || essence(contentType) === expected;
}

/** A copy of a parsed JSON value without null object members and null array items. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== null).map(withoutNulls);
  if (!isObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) if (value[key] !== null) copy[key] = withoutNulls(value[key]);
  return copy;
}

const streamingPayloads = new WeakMap<OperationSpec, MemberBinding | null>();

/** The operation's @streaming blob or event-stream input payload, if it has one (looked up once per operation). */
function streamingPayload(operation: OperationSpec): MemberBinding | undefined {
  let found = streamingPayloads.get(operation);
  if (found === undefined) {
    found =
      operation.input.find(
        (b) =>
          b.location === "payload" &&
          ((b.type.kind === "blob" && b.type.streaming === true) ||
            (b.type.kind === "union" && b.type.eventStream !== undefined)),
      ) ?? null;
    streamingPayloads.set(operation, found);
  }
  return found ?? undefined;
}

/** Whether a request announces a body: a non-zero Content-Length, or a chunked one. */
function hasBody(request: ProtocolRequest): boolean {
  const length = request.headers["content-length"];
  return length !== undefined ? length !== "0" : request.headers["transfer-encoding"] !== undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object";
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return value instanceof Promise;
}

/**
 * The failures for labels and bound query parameters whose raw text is not valid percent-encoded UTF-8
 * (e.g. "%ZZ", or bytes that are not UTF-8): the path names a known operation, so this is a malformed
 * request (400), not an unknown one (404), and a lenient decoding (U+FFFD) must not reach the handler.
 * Query parameters no member binds are ignored, as any other unknown parameter.
 */
function undecodableFailures(
  operation: OperationSpec,
  request: ProtocolRequest,
  labels: Record<string, string>,
  labelNames: readonly string[],
): ValidationFailure[] {
  const failures: ValidationFailure[] = labelNames.map((name) => {
    const binding = operation.input.find((b) => b.location === "label" && b.wireName === name);
    return {
      path: `/${pointerToken(binding?.member ?? name)}`,
      message: `Not a valid percent-encoded UTF-8 label: "${labels[name] ?? ""}".`,
    };
  });
  for (const key of request.undecodableQuery ?? []) {
    const bound = operation.input.find((b) => b.location === "query" && b.wireName === key);
    const catchAll = bound ? undefined : operation.input.find((b) => b.location === "queryParams");
    if (!bound && !catchAll) continue;
    failures.push({
      path: bound
        ? `/${pointerToken(bound.member)}`
        : `/${pointerToken(catchAll!.member)}/${pointerToken(key)}`,
      message: `Query parameter "${key}" is not valid percent-encoded UTF-8.`,
    });
  }
  return failures;
}

export function createProtocolHandler<Extra extends object = Record<never, never>>(
  options: ProtocolHandlerOptions<Extra>,
): ProtocolHandler {
  const router = createRouter(options.operations.operations);
  // Most requests use a method no streaming input does: they are answered without a second routing.
  const streamingMethods = new Set(
    options.operations.operations.filter((op) => streamingPayload(op) !== undefined).map((op) => op.method),
  );
  const structures = options.operations.structures;
  const report = options.onError ?? defaultReporter;
  const handlers = options.handlers as Record<string, unknown>;
  const maxJsonDepth = options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;

  function toErrorResponse(error: unknown, requestId: string, operationName?: string): ProtocolResponse {
    let serviceError: ServiceError;
    if (isServiceError(error)) {
      serviceError = error;
    } else {
      // Never leak internals: the caller gets a generic message, the operator the real error.
      try {
        report(error, { requestId, ...(operationName ? { operationName } : {}) });
      } catch {
        // A failing reporter must not turn a 500 into a crash.
      }
      serviceError = internalServerError();
    }
    const response = serializeError(serviceError, structures, options.operations.errors);
    response.headers["x-amzn-RequestId"] = requestId;
    return response;
  }

  /**
   * Runs the routed request; whatever happens, the response says which operation and caller it was.
   * One async function for the whole run: each nested async call would add a promise and microtask turns.
   */
  async function runRouted(
    received: ProtocolRequest,
    requestId: string,
    operation: OperationSpec,
    labels: Record<string, string>,
    handleOptions: HandleOptions | undefined,
    undecodable: string[] | undefined,
  ): Promise<ProtocolResponse> {
    const meta: ResponseMeta = { operationName: operation.name };
    let response: ProtocolResponse;
    try {
      let authenticated: unknown;
      if (options.authenticate) {
        // A synchronous hook (SigV4 verification is one) answers without a microtask turn.
        const made = options.authenticate(received, operation);
        authenticated = isPromise(made) ? await made : made;
        meta.identity = authenticated;
      }
      // Content-MD5 and authenticate judge the bytes as sent; compressed bodies are inflated after both.
      const sent =
        operation.checksumRequired && options.verifyContentMd5
          ? verifyContentMd5(received, hasBody(received))
          : received;
      const request =
        sent.headers["content-encoding"] === undefined ? sent : decodeContent(sent, maxBodyBytes);
      if (undecodable || request.undecodableQuery) {
        const failures = undecodableFailures(operation, request, labels, undecodable ?? []);
        if (failures.length > 0) throw validationFailures(failures);
      }
      const facts = operationFacts(operation, structures);
      // A body only needs a media type when there is one: an absent body reads as {} (restJson1).
      if (
        request.body.length > 0 &&
        !contentTypeFits(facts.requestMediaType, request.headers["content-type"])
      ) {
        throw new UnsupportedMediaTypeException(
          facts.requestMediaType && facts.requestMediaType !== ANY_MEDIA_TYPE
            ? `The request's content-type is not supported; send ${facts.requestMediaType}.`
            : "This operation takes no request body.",
        );
      }
      const streamed = streamingPayload(operation);
      if (streamed?.type.kind === "blob" && streamed.type.requiresLength) {
        if (request.headers["content-length"] === undefined)
          throw new LengthRequiredException(streamed.member);
      }
      if (
        streamed &&
        request.body.length === 0 &&
        hasBody(request) &&
        !contentTypeFits(facts.requestMediaType, request.headers["content-type"])
      ) {
        throw new UnsupportedMediaTypeException(
          `The request's content-type is not supported; send ${facts.requestMediaType}.`,
        );
      }
      if (facts.responseMediaType && !accepts(request.headers.accept, facts.responseMediaType)) {
        throw new NotAcceptableException(facts.responseMediaType);
      }
      const json = facts.expectsJsonBody
        ? readJsonBody(request.body, maxJsonDepth, facts.readsBigNumbers)
        : undefined;
      const body = json?.value ?? (facts.expectsJsonBody && facts.hasBodyMembers ? {} : undefined);
      // Values that do not parse are a SerializationException before any constraint is judged.
      const { input, missing } = bindRequest(
        operation,
        structures,
        request,
        labels,
        body,
        json?.inexactNumbers,
      );
      const validate = handleOptions?.validate ?? options.validate;
      let failures: ValidationFailure[] | undefined;
      if (validate) {
        // Schemas know no @sparse and no null members: the codec has read the nulls, the schemas judge the rest.
        const judged = json?.mayHoldNull ? withoutNulls(body) : body;
        // The compiled validator answers synchronously: awaiting it anyway would cost a microtask turn.
        const checked = validate({ request, operation, labels, body: judged });
        failures = isPromise(checked) ? await checked : checked;
      }
      // What no schema sees (list headers, greedy labels, prefix headers, @httpQueryParams) the core checks.
      if (facts.checkConstraints) {
        const broken = facts.checkConstraints(input);
        if (broken.length > 0) failures = failures ? [...failures, ...broken] : broken;
      }
      if (failures && failures.length > 0) throw validationFailures(failures);
      if (missing) throw validationFailures(missing);

      const handler = handlers[operation.handlerName];
      if (typeof handler !== "function") {
        throw new Error(
          `No handler for operation ${operation.name} (expected a method "${operation.handlerName}")`,
        );
      }
      let extra: Extra | undefined;
      if (options.context) {
        const made = options.context(request, operation);
        extra = isPromise(made) ? await made : made;
      }
      // Object.assign, not a spread literal: V8 builds `{ ...a, ...b, k }` on a slow path, the copy and two
      // stores on a fast one.
      const context: Record<string, unknown> = isObject(authenticated)
        ? Object.assign({}, authenticated)
        : {};
      if (extra !== undefined) Object.assign(context, extra);
      context.requestId = requestId;
      context.operationName = operation.name;
      const output: unknown = await handler.call(options.handlers, input, context);
      response = serializeOutput(operation, structures, output, (error) =>
        report(error, { requestId, operationName: operation.name }),
      );
      response.headers["x-amzn-RequestId"] = requestId;
      options.checkResponse?.(operation, response);
    } catch (error) {
      response = toErrorResponse(error, requestId, operation.name);
    }
    response.meta = meta;
    return response;
  }

  return {
    // Not `async`: an async function returning runRouted's promise would wait extra microtask turns
    // for it. A synchronous throw still comes back as a rejection, as from an async function.
    handle(request, handleOptions) {
      try {
        const requestId = newRequestId();
        const match = router.route(request.method, request.path, request.query);
        if (match.kind === "notFound") {
          return Promise.resolve(toErrorResponse(new UnknownOperationException(), requestId));
        }
        if (match.kind === "methodNotAllowed") {
          return Promise.resolve(
            toErrorResponse(new MethodNotAllowedException(match.allow, request.method), requestId),
          );
        }
        return runRouted(request, requestId, match.operation, match.labels, handleOptions, match.undecodable);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    streamsRequestBody(method, target) {
      if (!streamingMethods.has(method)) return false;
      const { path, query } = target();
      const match = router.route(method, path, query);
      return match.kind === "match" && streamingPayload(match.operation) !== undefined;
    },
    errorResponse(error, requestId = newRequestId()) {
      return toErrorResponse(error, requestId);
    },
  };
}
