// Public API of @seqstore/client.
export * from "./generated/client.js";
export * from "./generated/errors.js";
export { operationSpecs } from "./generated/operations.js";
export {
  errorNameOf,
  isServiceException,
  parseTimestamp,
  sanitizeErrorName,
  ServiceException,
  serializeTimestamp,
} from "./runtime/index.js";
export type {
  ClientOptions,
  ConnectionOptions,
  Credentials,
  CredentialsProvider,
  Fault,
  MetadataBearer,
  OperationSpec,
  ResponseMetadata,
  ServiceExceptionOptions,
} from "./runtime/index.js";
