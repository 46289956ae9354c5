// The Express 5 adapter: raw body → ProtocolRequest → protocol core (with OpenAPI request
// validation) → response.
import express, {
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type Response,
  type Router,
} from "express";
import { createProtocolHandler, type ErrorReporter, type HandlerContext } from "../core/handle.js";
import type { OperationSpec, OperationTable } from "../core/operation-table.js";
import type { ProtocolRequest } from "../core/protocol.js";
import { RequestEntityTooLargeException, validationError } from "../core/protocol-errors.js";
import type { OmicsHandlers } from "../generated/handlers.js";
import { omicsOpenApiDocument } from "../generated/openapi-document.js";
import { omicsOperationTable } from "../generated/operations.js";
import type { OpenApiDocument } from "../openapi-document.js";
import { createRequestValidator } from "./openapi-validation.js";
import { sendProtocolResponse, toProtocolRequest } from "./protocol-request.js";

export interface RouterOptions<Extra extends object = Record<never, never>> {
  /** Extra handler context per request (e.g. account ID, region), merged into HandlerContext. */
  context?: (request: ProtocolRequest, operation: OperationSpec) => Extra | Promise<Extra>;
  /**
   * Runs after routing, before validation; throw a modeled error (e.g. AccessDeniedException) to
   * refuse the request. `request.body` holds the raw bytes (for SigV4). A returned object is
   * merged into the handler context.
   */
  authenticate?: (request: ProtocolRequest, operation: OperationSpec) => unknown;
  /** Receives unexpected errors; the client only sees a generic 500 InternalServerException. */
  onError?: ErrorReporter;
  /** Also validate responses against the document (a mismatch answers 500). Default false. */
  validateResponses?: boolean;
  /** Largest accepted body, in bytes or as "1mb"-style text. Default "1mb". */
  bodyLimit?: number | string;
}

export interface ServiceRouterOptions<Extra extends object> extends RouterOptions<Extra> {
  operations: OperationTable;
  document: OpenApiDocument;
  handlers: object;
}

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

/** An Express Router for any operation table + OpenAPI document (createRouter binds the Omics ones). */
export function createServiceRouter<Extra extends object>(options: ServiceRouterOptions<Extra>): Router {
  const core = createProtocolHandler<Extra>({
    operations: options.operations,
    handlers: options.handlers,
    ...(options.authenticate ? { authenticate: options.authenticate } : {}),
    ...(options.context ? { context: options.context } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  const validateResponses = options.validateResponses ?? false;
  const validator = createRequestValidator(options.document, validateResponses);
  const router = express.Router();

  // Keep the exact bytes (SigV4 hashes them); never inflate, never parse here.
  router.use(express.raw({ type: () => true, limit: options.bodyLimit ?? "1mb", inflate: false }));

  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const request = toProtocolRequest(req, body);
    const response = await core.handle(request, {
      validate: ({ operation, body: parsed }) => validator.validate(req, res, next, operation, parsed),
    });
    // Kept so a response-validation failure raised while sending reuses this request's ID.
    res.locals.seqstoreRequestId = response.headers["x-amzn-RequestId"];
    if (!res.headersSent) sendProtocolResponse(res, response, validateResponses);
  });

  // Body reading failures, and response validation failures forwarded by the validator.
  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    if (res.headersSent) return;
    const parserError = error as BodyParserError;
    let mapped: unknown = error;
    if (parserError.type === "entity.too.large") mapped = new RequestEntityTooLargeException();
    else if (parserError.type && parserError.status && parserError.status < 500) {
      mapped = validationError(
        `The request body could not be read: ${parserError.message ?? parserError.type}.`,
      );
    }
    const requestId: unknown = res.locals.seqstoreRequestId;
    sendProtocolResponse(
      res,
      core.errorResponse(mapped, typeof requestId === "string" ? requestId : undefined),
      false,
    );
  };
  router.use(onError);
  return router;
}

/**
 * The Express Router of the Omics service: mount it at the root of an app
 * (`app.use(createRouter(handlers))`). Handlers receive `HandlerContext & Extra`.
 */
export function createRouter<Extra extends object = Record<never, never>>(
  handlers: OmicsHandlers<HandlerContext & Extra>,
  options: RouterOptions<Extra> = {},
): Router {
  return createServiceRouter<Extra>({
    ...options,
    operations: omicsOperationTable,
    document: omicsOpenApiDocument,
    handlers,
  });
}
