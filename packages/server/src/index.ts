// Public API of @seqstore/server.
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
} from "./core/handle.js";
export type { ProtocolQuery, ProtocolRequest, ProtocolResponse } from "./core/protocol.js";
export {
  internalServerError,
  MethodNotAllowedException,
  RequestEntityTooLargeException,
  UnknownOperationException,
  UnsupportedMediaTypeException,
  type ValidationFailure,
  validationError,
  validationFailures,
} from "./core/protocol-errors.js";
export { isServiceError, ServiceError, type ServiceErrorOptions } from "./core/service-error.js";
export {
  createRouter,
  createServiceRouter,
  type RouterOptions,
  type ServiceRouterOptions,
} from "./express/create-router.js";
export * from "./generated/errors.js";
export * from "./generated/handlers.js";
export * from "./generated/openapi-document.js";
export * from "./generated/operations.js";
export type { OpenApiDocument } from "./openapi-document.js";
