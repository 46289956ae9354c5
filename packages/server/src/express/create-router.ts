// The Express 5 adapter: raw body (read as the node:http adapter reads it) → ProtocolRequest →
// protocol core (with OpenAPI request validation) → response.
import express, {
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type Response,
  type Router,
} from "express";
import {
  type AdapterOptions,
  DEFAULT_BODY_LIMIT,
  DEFAULT_BODY_TIMEOUT_MS,
  parseByteSize,
} from "../adapter-options.js";
import { createProtocolHandler, defaultReporter, type HandlerContext } from "../core/handle.js";
import { createRouter as createOperationRouter } from "../core/router.js";
import type { HandlersOf, ServiceDefinition } from "../core/service-definition.js";
import { BodyReadError, readBody } from "../node/read-body.js";
import { requestBodyStream } from "../node/stream-body.js";
import { createResponseReporter } from "../response-report.js";
import { createExpressRequestValidator } from "./openapi-validation.js";
import { parseQuery, sendProtocolResponse, toProtocolRequest } from "./protocol-request.js";
import { responseInfo, setResponseInfo } from "./response-info.js";

/** Options of createRouter: the node:http adapter's (see AdapterOptions), plus what only a mounted router needs. */
export interface RouterOptions<Extra extends object = Record<never, never>> extends AdapterOptions<Extra> {
  /**
   * A request whose path is no operation's: "respond" (the default) answers 404 UnknownOperationException,
   * as the service does; "next" passes it on to the app's later routes (mounting at `/` next to them).
   * A known path with another method is still answered (405), whatever this says.
   */
  unknownPaths?: "respond" | "next";
}

export { DEFAULT_BODY_TIMEOUT_MS };

/** Thrown (and reported to onError) when an earlier middleware parsed the body, so its bytes are gone. */
export class BodyAlreadyParsedError extends Error {
  override name = "BodyAlreadyParsedError";
  constructor(method: string, url: string) {
    super(
      `${method} ${url}: another middleware (e.g. express.json()) read the request body before the seqstore ` +
        "router, which needs the raw bytes (SigV4 hashes them; the router parses and validates them itself). " +
        "Mount the router before body parsers, or use them on your own routes only (express.raw() is fine).",
    );
  }
}

/**
 * The body an earlier middleware already read: its raw bytes if it kept them (express.raw). A parsed body
 * (an object or text) cannot be turned back into the bytes the client signed: an error, not an empty body.
 */
function alreadyRead(req: Request): Buffer {
  if (Buffer.isBuffer(req.body)) return req.body;
  const announced = req.headers["content-length"];
  const empty =
    announced === "0" || (announced === undefined && req.headers["transfer-encoding"] === undefined);
  if (!empty || req.body !== undefined) throw new BodyAlreadyParsedError(req.method, req.originalUrl);
  return Buffer.alloc(0);
}

/**
 * The Express Router of a service, e.g. the generated Omics stub's: mount it at the root of an app
 * (`app.use(createRouter(omicsService, handlers))`). `service` is the generated service definition
 * (operation table, OpenAPI document, errors); handlers receive `HandlerContext & Extra`.
 */
export function createRouter<Service extends ServiceDefinition, Extra extends object = Record<never, never>>(
  service: Service,
  handlers: HandlersOf<Service, HandlerContext & Extra>,
  options: RouterOptions<Extra> = {},
): Router {
  const core = createProtocolHandler<Extra>({
    operations: service.operations,
    handlers,
    ...(options.authenticate ? { authenticate: options.authenticate } : {}),
    ...(options.context ? { context: options.context } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.maxJsonDepth !== undefined ? { maxJsonDepth: options.maxJsonDepth } : {}),
    ...(options.verifyContentMd5 ? { verifyContentMd5: true } : {}),
    maxBodyBytes: parseByteSize(options.bodyLimit ?? DEFAULT_BODY_LIMIT),
  });
  const validateResponses = options.validateResponses ?? false;
  const validator = createExpressRequestValidator(service.document, service.operations, validateResponses);
  const router = express.Router();
  const limit = parseByteSize(options.bodyLimit ?? DEFAULT_BODY_LIMIT);
  const timeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  const reporter = createResponseReporter(options.onResponse, options.onError);
  const routes =
    options.unknownPaths === "next" ? createOperationRouter(service.operations.operations) : undefined;

  router.use(async (req: Request, res: Response, next: NextFunction) => {
    if (routes && routes.route(req.method, req.path, parseQuery(req.url)).kind === "notFound") {
      next();
      return;
    }
    if (reporter) {
      const startedAt = performance.now();
      res.once("finish", () => {
        const info = responseInfo(res);
        const errorType = res.getHeader("x-amzn-ErrorType");
        reporter(
          info.requestId ?? "",
          res.statusCode,
          typeof errorType === "string" ? errorType : undefined,
          info,
          startedAt,
          req.method,
          req.originalUrl,
        );
      });
    }
    // The same reader as the node:http adapter: the exact bytes (SigV4 hashes them), never inflated, and
    // a body over the limit is refused as soon as it passes it, not once it has all arrived.
    let body: Buffer;
    const streamed =
      !req.readableEnded &&
      core.streamsRequestBody(req.method, () => ({ path: req.path, query: parseQuery(req.url) }));
    try {
      // A streaming payload goes to the handler unread (no limit, no timeout); the validator never sees it.
      body = streamed
        ? Buffer.alloc(0)
        : req.readableEnded
          ? alreadyRead(req)
          : await readBody(req, limit, timeoutMs);
    } catch (error) {
      if (error instanceof BodyAlreadyParsedError) {
        // An integration mistake, not the client's: a 500 for the client, the explanation for the operator.
        const response = core.errorResponse(error);
        setResponseInfo(res, { requestId: response.headers["x-amzn-RequestId"] });
        if (!res.headersSent) sendProtocolResponse(res, response, false);
        return;
      }
      if (!(error instanceof BodyReadError)) throw error;
      // Without a service error the client has gone: nobody to answer.
      if (!error.serviceError || res.headersSent) return;
      // The rest of an unread body may still be arriving: this connection cannot carry another request.
      if (error.closeConnection) res.setHeader("connection", "close");
      const response = core.errorResponse(error.serviceError);
      setResponseInfo(res, { requestId: response.headers["x-amzn-RequestId"] });
      sendProtocolResponse(res, response, false);
      return;
    }
    const request = toProtocolRequest(req, body);
    if (streamed) request.bodyStream = requestBodyStream(req);
    const response = await core.handle(request, {
      validate: ({ operation, body: parsed, labels }) =>
        validator.validate(req, res, next, operation, parsed, labels),
    });
    // Kept for access logs, and so a response-validation failure raised while sending reuses this request's ID.
    setResponseInfo(res, { requestId: response.headers["x-amzn-RequestId"], ...response.meta });
    // Only success responses go past the response validator: errors are built by the protocol itself.
    if (!res.headersSent) {
      sendProtocolResponse(res, response, validateResponses && response.status < 300, (error) => {
        if ((error as { code?: string } | null)?.code === "ERR_STREAM_PREMATURE_CLOSE") return;
        (options.onError ?? defaultReporter)(error, { requestId: responseInfo(res).requestId ?? "" });
      });
    }
  });

  // Response validation failures forwarded by the validator, and anything else unexpected.
  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    if (res.headersSent) return;
    const response = core.errorResponse(error, responseInfo(res).requestId);
    setResponseInfo(res, { ...responseInfo(res), requestId: response.headers["x-amzn-RequestId"] });
    sendProtocolResponse(res, response, false);
  };
  router.use(onError);
  return router;
}
