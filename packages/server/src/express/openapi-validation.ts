// Request validation with express-openapi-validator against the generated OpenAPI document,
// with its errors turned into ValidationException field failures.
import type { NextFunction, Request, RequestHandler, Response } from "express";
import * as OpenApiValidator from "express-openapi-validator";
import { pointerToken } from "../core/json-values.js";
import type { OperationSpec } from "../core/operation-table.js";
import {
  MethodNotAllowedException,
  UnknownOperationException,
  UnsupportedMediaTypeException,
  type ValidationFailure,
} from "../core/protocol-errors.js";
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

export interface RequestValidator {
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

export function createRequestValidator(
  document: OpenApiDocument,
  validateResponses: boolean,
): RequestValidator {
  const middlewares = OpenApiValidator.middleware({
    // The validator mutates what it gets (defaults, $ref bundling); keep the caller's document intact.
    apiSpec: structuredClone(document) as unknown as ApiSpec,
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
      try {
        for (const middleware of middlewares) await runOnce(middleware, req, res, next);
        return [];
      } catch (error) {
        if (!isValidatorError(error)) throw error;
        if (error.status === 404) throw new UnknownOperationException();
        if (error.status === 405) throw new MethodNotAllowedException([operation.method], req.method);
        if (error.status === 415) throw new UnsupportedMediaTypeException();
        if (error.status !== 400) throw error;
        return toFailures(error, operation);
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

/** "/body/sseConfig/keyArn" → "/sseConfig/keyArn"; "/query/maxResults" → "/<member bound to it>". */
function toMemberPath(path: string, operation: OperationSpec): string {
  const [, location, name, ...rest] = path.split("/");
  if (location === "body")
    return `/${[name, ...rest].filter((p) => p !== undefined).join("/")}`.replace(/\/$/, "") || "/";
  const wireLocation =
    location === "query"
      ? "query"
      : location === "headers"
        ? "header"
        : location === "path"
          ? "label"
          : undefined;
  const binding = operation.input.find(
    (b) => b.location === wireLocation && b.wireName.toLowerCase() === (name ?? "").toLowerCase(),
  );
  return binding ? `/${pointerToken(binding.member)}` : path;
}

function toFailures(error: ValidatorError, operation: OperationSpec): ValidationFailure[] {
  const failures = (error.errors ?? []).map((e) => ({
    path: toMemberPath(e.path ?? "", operation),
    message: e.message ?? "is invalid",
  }));
  return failures.length > 0
    ? failures
    : [{ path: "/", message: error.message ?? "The request is invalid." }];
}
