// Request validation with express-openapi-validator against the generated OpenAPI document, with its
// errors turned into ValidationException field failures through the same normaliser the core's own
// validator uses (schema-violations.ts), so both adapters answer alike.
import type { NextFunction, Request, RequestHandler, Response } from "express";
import * as OpenApiValidator from "express-openapi-validator";
import { operationFacts } from "../core/bind-request.js";
import type { OperationSpec, OperationTable } from "../core/operation-table.js";
import {
  MethodNotAllowedException,
  UnknownOperationException,
  UnsupportedMediaTypeException,
  type ValidationFailure,
} from "../core/protocol-errors.js";
import { reachesDefaults } from "../core/schema-compiler.js";
import { operationSchemas } from "../core/openapi-operation-schemas.js";
import { type SchemaViolation, toValidationFailures } from "../core/schema-violations.js";
import { validatableDocument } from "../core/validatable-document.js";
import type { OpenApiDocument } from "../openapi-document.js";

type ApiSpec = Parameters<typeof OpenApiValidator.middleware>[0]["apiSpec"];

interface ValidatorError {
  status?: number;
  message?: string;
  errors?: { path?: string; message?: string }[];
}

function isValidatorError(value: unknown): value is ValidatorError {
  return value instanceof Error && typeof (value as ValidatorError).status === "number";
}

export interface ExpressRequestValidator {
  /**
   * Validates the routed request (with `body` as its parsed JSON and `labels` as the core decoded them).
   * Resolves to the broken fields; rejects with a ServiceError for non-field problems (e.g. 415) or the
   * validator's own failure. `next` receives errors raised later by response validation.
   */
  validate(
    req: Request,
    res: Response,
    next: NextFunction,
    operation: OperationSpec,
    body: unknown,
    labels: Record<string, string>,
  ): Promise<ValidationFailure[]>;
}

export function createExpressRequestValidator(
  original: OpenApiDocument,
  table: OperationTable,
  validateResponses: boolean,
): ExpressRequestValidator {
  const document = validatableDocument(original, table);
  const structures = table.structures;
  const installed = OpenApiValidator.middleware({
    // The validator mutates what it gets (defaults, $ref bundling); it gets its own copy.
    apiSpec: forExpressValidator(document),
    // allErrors: one ValidationException lists every broken field. Unknown query parameters are
    // ignored, as AWS services do.
    validateRequests: { allErrors: true, allowUnknownQueryParameters: true },
    validateResponses,
    // Authentication is the `authenticate` hook's job (SigV4), not the document's security schemes.
    validateSecurity: false,
    validateApiSpec: false,
    fileUploader: false,
    // Match paths relative to where the router is mounted, as the core does.
    useRequestUrl: true,
  }) as RequestHandler[];
  const middlewares = withoutIdleSteps(installed);
  const metadataStep = middlewares.filter((middleware) => middleware.name === METADATA_STEP);
  const afterMetadata = middlewares.filter((middleware) => middleware.name !== METADATA_STEP);
  const routes = new RouteMetadataCache();
  // The validator writes schema defaults into req.body: only a body whose schema reaches a default
  // needs its own copy (worked out once per operation).
  const copiesBody = new Map<OperationSpec, boolean>();
  const cloneBody = (operation: OperationSpec): boolean => {
    let copies = copiesBody.get(operation);
    if (copies === undefined) {
      copies = reachesDefaults(operationSchemas(document, operation).body, document);
      copiesBody.set(operation, copies);
    }
    return copies;
  };

  return {
    async validate(req, res, next, operation, body, labels) {
      // The validator reads req.body; give it a copy so defaults it fills in stay out of the input.
      req.body = body === undefined || !cloneBody(operation) ? body : structuredClone(body);
      // The core has already judged the media type (any JSON type, or no type for an empty body, which
      // reads as {}); the validator only knows the document's exact "application/json".
      const contentType = req.headers["content-type"];
      const facts = operationFacts(operation, structures);
      // Blob and string payloads are the core's (it judged their media type and reads them raw).
      const mediaType = facts.expectsJsonBody ? "application/json" : undefined;
      if (mediaType) req.headers["content-type"] = mediaType;
      else if (facts.hasPayload) delete req.headers["content-type"];
      try {
        if (!routes.known(operation)) {
          // The validator's own lookup runs once per operation, on the operation's own path of the
          // document given to it (see forExpressValidator): never on the request's path.
          const url = req.url;
          const q = url.indexOf("?");
          req.url = `${operationPath(operation.name)}${q < 0 ? "" : url.slice(q)}`;
          try {
            await runInTurn(metadataStep, req, res, next);
          } finally {
            req.url = url;
          }
          routes.remember(operation, req);
        }
        // An operation the document does not describe is not validated (the core still binds it strictly).
        if (routes.apply(operation, req, labels)) await runInTurn(afterMetadata, req, res, next);
        return [];
      } catch (error) {
        if (!isValidatorError(error)) throw error;
        if (error.status === 404) throw new UnknownOperationException();
        if (error.status === 405) throw new MethodNotAllowedException([operation.method], req.method);
        // The core judged the media type; the validator only knows the document's one type per body.
        if (error.status === 415) {
          if (!facts.expectsJsonBody) return [];
          throw new UnsupportedMediaTypeException();
        }
        if (error.status !== 400) throw error;
        return toValidationFailures(toViolations(error), operation, structures);
      } finally {
        if (contentType === undefined) delete req.headers["content-type"];
        else req.headers["content-type"] = contentType;
      }
    },
  };
}

/**
 * The validator's steps this adapter needs. Two of them do nothing for us and cost a promise turn on every
 * request: "securityMiddleware" only calls next() while validateSecurity is off (authentication is the
 * `authenticate` hook's job), and "pathParamsMiddleware" registers `app.param` handlers on the user's app
 * for Express route parameters, which this router never uses (the core binds labels itself).
 */
const IDLE_STEPS = new Set(["securityMiddleware", "pathParamsMiddleware"]);

function withoutIdleSteps(middlewares: RequestHandler[]): RequestHandler[] {
  return middlewares.filter((middleware) => !IDLE_STEPS.has(middleware.name));
}

/** The validator's step that matches the request to a path of the document and records it as `req.openapi`. */
const METADATA_STEP = "metadataMiddleware";

/** What the validator's metadata step records on a request (its `req.openapi`). */
interface OpenApiRequestMetadata {
  pathParams: Record<string, string>;
  [field: string]: unknown;
}

/**
 * The validator's route metadata per operation. Its metadata step finds a request's path by compiling every
 * path of the document to a regular expression and trying them in turn, on every request; all it records
 * but the path parameters is the same for every request of an operation. The core has routed the request
 * already and decoded its labels (the path parameters, by the same names), so after an operation's first
 * request its metadata is put together from what the step recorded then and this request's labels, and the
 * step is skipped.
 */
class RouteMetadataCache {
  readonly #byOperation = new Map<OperationSpec, Omit<OpenApiRequestMetadata, "pathParams"> | null>();

  /** Whether the validator's step has run for this operation. */
  known(operation: OperationSpec): boolean {
    return this.#byOperation.has(operation);
  }

  /** Records the metadata the validator's step left on `req` (null: the document lacks the operation). */
  remember(operation: OperationSpec, req: Request): void {
    const metadata = (req as Request & { openapi?: OpenApiRequestMetadata }).openapi;
    if (!metadata?.schema) {
      this.#byOperation.set(operation, null);
      return;
    }
    const { pathParams: _perRequest, ...perOperation } = metadata;
    this.#byOperation.set(operation, perOperation);
    delete (req as Request & { openapi?: OpenApiRequestMetadata }).openapi;
  }

  /** Puts this request's metadata on `req` as the step would; false when the operation has none yet. */
  apply(operation: OperationSpec, req: Request, labels: Record<string, string>): boolean {
    const perOperation = this.#byOperation.get(operation);
    if (!perOperation) return false;
    const pathParams = { ...labels };
    (req as Request & { openapi?: OpenApiRequestMetadata }).openapi = { ...perOperation, pathParams };
    req.params = pathParams;
    return true;
  }
}

/**
 * Run the middlewares one after the other, each to its first `next` call; resolves when the last one has
 * called it, rejects with the first error. One promise for the whole chain, not one per middleware.
 * Later calls of a `next` (the response validator calls it with an error once the response is written)
 * go to the Express `next`.
 */
function runInTurn(
  middlewares: readonly RequestHandler[],
  req: Request,
  res: Response,
  outerNext: NextFunction,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const run = (index: number): void => {
      const middleware = middlewares[index];
      if (!middleware) {
        resolve();
        return;
      }
      let called = false;
      const next = (error?: unknown): void => {
        if (called) {
          outerNext(error);
          return;
        }
        called = true;
        if (error) reject(error);
        else run(index + 1);
      };
      try {
        const result: unknown = middleware(req, res, next);
        if (result instanceof Promise) result.catch(next);
      } catch (error) {
        next(error);
      }
    };
    run(0);
  });
}

function toViolations(error: ValidatorError): SchemaViolation[] {
  const violations = (error.errors ?? []).map((e) => ({
    path: e.path ?? "",
    message: e.message ?? "is invalid",
  }));
  return violations.length > 0 ? violations : [{ path: "/", message: error.message ?? "is invalid" }];
}

/**
 * The document as express-openapi-validator should see it. Query values are judged after decoding,
 * as AWS does, so raw reserved characters ("/", "+", "=" of a base64 token) are allowed in them
 * (`allowReserved`); the core's own validator judges them the same way.
 */
function forExpressValidator(document: OpenApiDocument): ApiSpec {
  const copy = withOperationPaths(structuredClone(document));
  const visit = (parameters: unknown) => {
    if (!Array.isArray(parameters)) return;
    for (const p of parameters as Record<string, unknown>[]) if (p?.in === "query") p.allowReserved ??= true;
  };
  for (const pathItem of Object.values(copy.paths ?? {}) as Record<string, unknown>[]) {
    visit(pathItem?.parameters);
    for (const op of Object.values(pathItem ?? {})) {
      if (op && typeof op === "object") visit((op as Record<string, unknown>).parameters);
    }
  }
  const shared = (copy.components as Record<string, unknown> | undefined)?.parameters;
  if (shared && typeof shared === "object") visit(Object.values(shared));
  return copy as unknown as ApiSpec;
}

const METHOD_KEYS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** The path an operation has in the document the validator is given: its name, safe for path-to-regexp. */
function operationPath(name: string): string {
  return `/${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/**
 * The document with one path per operation, named after it. The core routes requests itself (query
 * literals in @http URIs, greedy labels, label precedence), which the validator's path matching cannot
 * (path-to-regexp refuses "?" in a path); it only ever looks up these paths (see `validate`).
 */
function withOperationPaths(document: OpenApiDocument): OpenApiDocument {
  const paths: Record<string, unknown> = {};
  for (const pathItem of Object.values(document.paths ?? {})) {
    if (pathItem === null || typeof pathItem !== "object") continue;
    const item = pathItem as Record<string, unknown>;
    for (const [method, op] of Object.entries(item)) {
      if (!METHOD_KEYS.has(method) || op === null || typeof op !== "object") continue;
      const operationId = (op as { operationId?: unknown }).operationId;
      if (typeof operationId !== "string") continue;
      paths[operationPath(operationId)] = {
        ...(item.parameters ? { parameters: item.parameters } : {}),
        [method]: op,
      };
    }
  }
  return { ...document, paths };
}
