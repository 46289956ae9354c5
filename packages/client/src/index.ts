// Public API of @seqstore/client.
export * from "./generated/client.js";
export * from "./generated/errors.js";
export * from "./generated/operations.js";
export * from "./generated/paginators.js";
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
  Credentials,
  CredentialsProvider,
  Fault,
  MetadataBearer,
  PaginationOptions,
  ResponseMetadata,
  ServiceExceptionOptions,
} from "./runtime/index.js";
export type { Middleware } from "openapi-fetch";
// Streaming blobs: declare a stream's length for @requiresLength; what a streaming output is.
export {
  sizedStream,
  type StreamingBlobInput,
  type StreamingBlobOutput,
} from "@seqstore/protocol";
