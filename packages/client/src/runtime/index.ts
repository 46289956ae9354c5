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
export type {
  ClientOptions,
  InputArgument,
  SendClient,
  SendClientOptions,
  ServiceDefinition,
} from "./send-client.js";
export { createSendClient } from "./send-client.js";
export { createServiceClient } from "./service-client.js";
export type { ServiceClient } from "./service-client.js";
export type * from "./spec.js";
export { parseTimestamp, serializeTimestamp } from "./timestamps.js";
