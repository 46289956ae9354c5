// The Express 5 adapter: raw body → ProtocolRequest → protocol core (with OpenAPI request
// validation) → response.
import express, {
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type Response,
  type Router,
} from "express";
import { type AdapterOptions, DEFAULT_BODY_LIMIT, DEFAULT_BODY_TIMEOUT_MS } from "../adapter-options.js";
import { createProtocolHandler, type HandlerContext } from "../core/handle.js";
import type { OperationTable } from "../core/operation-table.js";
import {
  RequestEntityTooLargeException,
  requestTimeoutError,
  validationError,
} from "../core/protocol-errors.js";
import type { OmicsHandlers } from "../generated/handlers.js";
import { omicsOpenApiDocument } from "../generated/openapi-document.js";
import { omicsOperationTable } from "../generated/operations.js";
import type { OpenApiDocument } from "../openapi-document.js";
import { bodyTimeout } from "./body-timeout.js";
import { createExpressRequestValidator } from "./openapi-validation.js";
import { sendProtocolResponse, toProtocolRequest } from "./protocol-request.js";
import { responseInfo, setResponseInfo } from "./response-info.js";

/** Options of createRouter; the node:http adapter takes the same ones (see AdapterOptions). */
export interface RouterOptions<Extra extends object = Record<never, never>> extends AdapterOptions<Extra> {}

export { DEFAULT_BODY_TIMEOUT_MS };

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
  const validator = createExpressRequestValidator(
    options.document,
    options.operations.structures,
    validateResponses,
  );
  const router = express.Router();

  router.use(
    bodyTimeout(options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS, (res) => {
      res.setHeader("connection", "close");
      const response = core.errorResponse(requestTimeoutError());
      setResponseInfo(res, { requestId: response.headers["x-amzn-RequestId"] });
      sendProtocolResponse(res, response, false);
    }),
  );
  // Keep the exact bytes (SigV4 hashes them); never inflate, never parse here.
  router.use(
    express.raw({ type: () => true, limit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, inflate: false }),
  );

  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const request = toProtocolRequest(req, body);
    const response = await core.handle(request, {
      validate: ({ operation, body: parsed }) => validator.validate(req, res, next, operation, parsed),
    });
    // Kept for access logs, and so a response-validation failure raised while sending reuses this request's ID.
    setResponseInfo(res, { requestId: response.headers["x-amzn-RequestId"], ...response.meta });
    // Only success responses go past the response validator: errors are built by the protocol itself.
    if (!res.headersSent) sendProtocolResponse(res, response, validateResponses && response.status < 300);
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
    const response = core.errorResponse(mapped, responseInfo(res).requestId);
    setResponseInfo(res, { ...responseInfo(res), requestId: response.headers["x-amzn-RequestId"] });
    sendProtocolResponse(res, response, false);
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
