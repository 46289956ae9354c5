// The node:http adapter: a request listener for http.createServer, with no framework in between.
// Raw body → ProtocolRequest → protocol core (with the core's precompiled OpenAPI validation) →
// response; it takes the options of the Express adapter and answers every request the same way.
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type AdapterOptions,
  DEFAULT_BODY_LIMIT,
  DEFAULT_BODY_TIMEOUT_MS,
  parseByteSize,
} from "../adapter-options.js";
import {
  createProtocolHandler,
  defaultReporter,
  type HandlerContext,
  type ProtocolHandler,
} from "../core/handle.js";
import type { ProtocolResponse } from "../core/protocol.js";
import { createRequestValidator } from "../core/request-validator.js";
import { createResponseValidator } from "../core/response-validator.js";
import type { HandlersOf, ServiceDefinition } from "../core/service-definition.js";
import { createResponseReporter, type ResponseReporter } from "../response-report.js";
import { parseQuery, targetPath, toProtocolRequest } from "./incoming-request.js";
import { readBodyThen } from "./read-body.js";
import { pipeResponseBody, requestBodyStream } from "./stream-body.js";
import { TurnEndWriter } from "./turn-end-writer.js";

/** Options of createNodeHandler: the same as createRouter's. */
export interface NodeHandlerOptions<Extra extends object = Record<never, never>>
  extends AdapterOptions<Extra> {}

/** A `(req, res) => void` listener, as http.createServer takes it. */
export type NodeRequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Writes the response as one chunk. When end() follows writeHead(), Node joins the head and a string
 * body into one buffer (a Buffer body stays a separate chunk of the writev); "latin1" maps each byte to
 * one char, so the bytes stay exactly as serialized. The headers go as a flat [name, value, …] list, so
 * Node builds no header object of its own.
 */
function send(
  res: ServerResponse,
  response: ProtocolResponse,
  closeConnection: boolean,
  onStreamFailure: (error: unknown) => void = ignore,
): boolean {
  if (res.headersSent || res.destroyed) return false;
  // Text the core wrote that is all ASCII (the usual JSON) is already its own latin1 form: no Buffer.
  let chunk = response.bodyText;
  if (chunk === undefined || Buffer.byteLength(chunk, "utf8") !== chunk.length) {
    chunk = response.body.toString("latin1");
  }
  const headers: string[] = [];
  for (const name in response.headers) headers.push(name, response.headers[name]!);
  if (response.stream) {
    // Content-Length only when the handler bound one; otherwise Node sends the body chunked.
    if (closeConnection) headers.push("connection", "close");
    res.writeHead(response.status, headers);
    pipeResponseBody(res, response.stream).catch(onStreamFailure);
    return true;
  }
  headers.push("content-length", String(chunk.length));
  // The rest of an unread body may still be arriving: this connection cannot carry another request.
  if (closeConnection) headers.push("connection", "close");
  res.writeHead(response.status, headers);
  res.end(chunk, "latin1");
  return true;
}

/** Sends, then tells `onResponse` (when set) about it. */
function sendAndReport(
  req: IncomingMessage,
  res: ServerResponse,
  response: ProtocolResponse,
  closeConnection: boolean,
  reporter: ResponseReporter | undefined,
  startedAt: number,
  onStreamFailure?: (error: unknown) => void,
): void {
  if (!send(res, response, closeConnection, onStreamFailure) || !reporter) return;
  reporter(
    response.headers["x-amzn-RequestId"] ?? "",
    response.status,
    response.headers["x-amzn-ErrorType"],
    response.meta,
    startedAt,
    req.method ?? "",
    req.url ?? "",
  );
}

/**
 * Answers one request: body read with a callback, then the core's one promise; no async function in
 * between, so no promise turns but the core's own. The core's response is written at the end of the turn
 * (see turn-end-writer.ts); a body that cannot be read is answered at once.
 */
function serve(
  core: ProtocolHandler,
  req: IncomingMessage,
  res: ServerResponse,
  settings: ServeSettings,
): void {
  const startedAt = settings.reporter ? performance.now() : 0;
  // The core answers every failure itself; this is the last guard (e.g. a throwing reporter). When even
  // the error response cannot be sent, the connection is dropped: the client sees it end, not hang.
  const guard = (error: unknown): void => {
    try {
      send(res, core.errorResponse(error), true);
    } catch {
      res.destroy();
    }
  };
  const url = req.url ?? "/";
  if (
    core.streamsRequestBody(req.method ?? "GET", () => ({ path: targetPath(url), query: parseQuery(url) }))
  ) {
    // A streaming payload goes to the handler unread: no body limit, no body timeout, no buffering.
    const request = toProtocolRequest(req, Buffer.alloc(0));
    request.bodyStream = requestBodyStream(req);
    core.handle(request).then((response) => {
      try {
        sendAndReport(req, res, response, false, settings.reporter, startedAt, settings.streamFailure);
      } catch (failure) {
        guard(failure);
      }
    }, guard);
    return;
  }
  readBodyThen(req, settings.limit, settings.timeoutMs, (error, body) => {
    try {
      if (error) {
        // Without a service error the client has gone: nobody to answer.
        if (error.serviceError) {
          const response = core.errorResponse(error.serviceError);
          sendAndReport(req, res, response, error.closeConnection, settings.reporter, startedAt);
        }
        return;
      }
      core.handle(toProtocolRequest(req, body)).then((response) => {
        settings.writer.hold(() => {
          try {
            sendAndReport(req, res, response, false, settings.reporter, startedAt, settings.streamFailure);
          } catch (failure) {
            guard(failure);
          }
        });
      }, guard);
    } catch (failure) {
      guard(failure);
    }
  });
}

interface ServeSettings {
  limit: number;
  timeoutMs: number;
  reporter: ResponseReporter | undefined;
  /** The core's responses go out together at the end of the turn they became ready in. */
  writer: TurnEndWriter;
  /** Hears of a streaming response body that failed midway (the connection was aborted). */
  streamFailure: (error: unknown) => void;
}

const ignore = (): void => {};

/**
 * The node:http request listener of a service, e.g. the generated Omics stub's:
 * `http.createServer(createNodeHandler(omicsService, handlers)).listen(8080)`. `service` is the generated
 * service definition (operation table, OpenAPI document, errors); handlers receive `HandlerContext & Extra`.
 */
export function createNodeHandler<
  Service extends ServiceDefinition,
  Extra extends object = Record<never, never>,
>(
  service: Service,
  handlers: HandlersOf<Service, HandlerContext & Extra>,
  options: NodeHandlerOptions<Extra> = {},
): NodeRequestListener {
  // Compiled once, here: a document that cannot be compiled fails at startup, not on a request.
  const requestValidator = createRequestValidator(service.document, service.operations);
  const responseValidator = options.validateResponses
    ? createResponseValidator(service.document, service.operations)
    : undefined;
  const core = createProtocolHandler<Extra>({
    operations: service.operations,
    handlers,
    validate: requestValidator.validate,
    ...(responseValidator ? { checkResponse: responseValidator.check } : {}),
    ...(options.authenticate ? { authenticate: options.authenticate } : {}),
    ...(options.context ? { context: options.context } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.maxJsonDepth !== undefined ? { maxJsonDepth: options.maxJsonDepth } : {}),
    ...(options.verifyContentMd5 ? { verifyContentMd5: true } : {}),
    maxBodyBytes: parseByteSize(options.bodyLimit ?? DEFAULT_BODY_LIMIT),
  });
  const settings: ServeSettings = {
    limit: parseByteSize(options.bodyLimit ?? DEFAULT_BODY_LIMIT),
    timeoutMs: options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
    reporter: createResponseReporter(options.onResponse, options.onError),
    // (Held writes catch their own failures; this only hears of one that got through anyway.)
    writer: new TurnEndWriter((error) => (options.onError ?? defaultReporter)(error, { requestId: "" })),
    streamFailure: (error) => {
      // A client that went away is no failure of the service.
      if ((error as { code?: string } | null)?.code === "ERR_STREAM_PREMATURE_CLOSE") return;
      (options.onError ?? defaultReporter)(error, { requestId: "" });
    },
  };

  return (req, res) => {
    serve(core, req, res, settings);
  };
}
