// Public API of @seqstore/server.
export {
  type AdapterOptions,
  DEFAULT_BODY_LIMIT,
  DEFAULT_BODY_TIMEOUT_MS,
  type ResponseReport,
} from "./adapter-options.js";
export type {
  BindingLocation,
  ErrorSpec,
  MemberBinding,
  OperationSpec,
  OperationTable,
  StructureMember,
  StructureSchema,
  TimestampFormat,
  WireType,
} from "./core/operation-table.js";
export {
  createProtocolHandler,
  type ErrorReporter,
  type HandleOptions,
  type HandlerContext,
  type ProtocolHandler,
  type ProtocolHandlerOptions,
  type RequestValidation,
} from "./core/handle.js";
export type { ProtocolQuery, ProtocolRequest, ProtocolResponse, ResponseMeta } from "./core/protocol.js";
export {
  internalServerError,
  MethodNotAllowedException,
  RequestEntityTooLargeException,
  requestTimeoutError,
  UnknownOperationException,
  UnsupportedMediaTypeException,
  type ValidationFailure,
  validationError,
  validationFailures,
} from "./core/protocol-errors.js";
export {
  createRequestValidator,
  type RequestValidationInput,
  type RequestValidator,
} from "./core/request-validator.js";
export { DEFAULT_MAX_JSON_DEPTH } from "./core/request-text.js";
export { createResponseValidator, type ResponseValidator } from "./core/response-validator.js";
export { isServiceError, ServiceError, type ServiceErrorOptions } from "./core/service-error.js";
export { announcesBody, bodyTimeout } from "./express/body-timeout.js";
export {
  BodyAlreadyParsedError,
  createRouter,
  createServiceRouter,
  type RouterOptions,
  type ServiceRouterOptions,
} from "./express/create-router.js";
export { type ResponseInfo, responseInfo } from "./express/response-info.js";
export * from "./generated/errors.js";
export * from "./generated/handlers.js";
export * from "./generated/openapi-document.js";
export * from "./generated/operations.js";
export {
  createNodeHandler,
  createServiceNodeHandler,
  type NodeHandlerOptions,
  type NodeRequestListener,
  type ServiceNodeHandlerOptions,
} from "./node/create-node-handler.js";
export type { OpenApiDocument } from "./openapi-document.js";
