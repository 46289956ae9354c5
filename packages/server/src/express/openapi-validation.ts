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
import { type SchemaViolation, toValidationFailures } from "../core/schema-violations.js";
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
   * Validates the routed request (with `body` as its parsed JSON). Resolves to the broken fields;
   * rejects with a ServiceError for non-field problems (e.g. 415) or the validator's own failure.
   * `next` receives errors raised later by response validation.
   */
  validate(
    req: Request,
    res: Response,
    next: NextFunction,
    operation: OperationSpec,
    body: unknown,
  ): Promise<ValidationFailure[]>;
}

export function createExpressRequestValidator(
  document: OpenApiDocument,
  structures: OperationTable["structures"],
  validateResponses: boolean,
): ExpressRequestValidator {
  const middlewares = OpenApiValidator.middleware({
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

  return {
    async validate(req, res, next, operation, body) {
      // The validator reads req.body; give it a copy so defaults it fills in stay out of the input.
      req.body = body === undefined ? undefined : structuredClone(body);
      // The core has already judged the media type (any JSON type, or no type for an empty body, which
      // reads as {}); the validator only knows the document's exact "application/json".
      const contentType = req.headers["content-type"];
      if (operationFacts(operation).expectsJsonBody) req.headers["content-type"] = "application/json";
      try {
        for (const middleware of middlewares) await runOnce(middleware, req, res, next);
        return [];
      } catch (error) {
        if (!isValidatorError(error)) throw error;
        if (error.status === 404) throw new UnknownOperationException();
        if (error.status === 405) throw new MethodNotAllowedException([operation.method], req.method);
        if (error.status === 415) throw new UnsupportedMediaTypeException();
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
 * Run one middleware to its first `next` call. Later calls (the response validator calls next
 * with an error once the response is written) go to the Express `next`.
 */
function runOnce(
  middleware: RequestHandler,
  req: Request,
  res: Response,
  outerNext: NextFunction,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const next = (error?: unknown): void => {
      if (settled) {
        outerNext(error);
        return;
      }
      settled = true;
      if (error) reject(error);
      else resolve();
    };
    try {
      const result: unknown = middleware(req, res, next);
      if (result instanceof Promise) result.catch(next);
    } catch (error) {
      next(error);
    }
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
  const copy = structuredClone(document);
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
