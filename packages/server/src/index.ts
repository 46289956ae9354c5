// Public API of @seqstore/server: everything but the Express adapter (`@seqstore/server/express`).
export {
  type AdapterOptions,
  DEFAULT_BODY_LIMIT,
  DEFAULT_BODY_TIMEOUT_MS,
  type ResponseReport,
} from "./adapter-options.js";
export type {
  BindingLocation,
  ErrorSpec,
  IntegerSize,
  MemberBinding,
  OperationSpec,
  OperationTable,
  StructureMember,
  StructureSchema,
  Structures,
  TimestampFormat,
  ValueConstraints,
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
  NotAcceptableException,
  RequestEntityTooLargeException,
  requestTimeoutError,
  serializationError,
  serializationFailures,
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
export type { HandlersOf, ServiceDefinition } from "./core/service-definition.js";
export { isServiceError, ServiceError, type ServiceErrorOptions } from "./core/service-error.js";
export * from "./generated/errors.js";
export * from "./generated/handlers.js";
export * from "./generated/openapi-document.js";
export * from "./generated/operations.js";
export * from "./generated/service.js";
// The node:http adapter; the Express one is `@seqstore/server/express`, so this entry never loads Express.
export * from "./node/index.js";
export type { OpenApiDocument } from "./openapi-document.js";
