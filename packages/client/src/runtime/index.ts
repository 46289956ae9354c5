// The hand-written runtime that generated clients build on.
export type { Credentials, CredentialsProvider } from "./credentials.js";
export { errorNameOf, sanitizeErrorName } from "./error-name.js";
export { errorClass, isServiceException, ServiceException } from "./exceptions.js";
export type {
  ErrorInit,
  ErrorReader,
  Fault,
  ModeledErrorClass,
  Retryable,
  ServiceExceptionOptions,
} from "./exceptions.js";
export type { MetadataBearer } from "./operation.js";
export { paginateItems, paginatePages } from "./paginate.js";
export type { PaginationOptions, Paging, Sender } from "./paginate.js";
export { createServiceClient } from "./service-client.js";
export type { ClientOptions, InputArgument, ServiceClient, ServiceDefinition } from "./service-client.js";
export type * from "./spec.js";
export { parseTimestamp, serializeTimestamp } from "./timestamps.js";
