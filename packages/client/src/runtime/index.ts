// The hand-written runtime that generated clients build on.
export type { Credentials, CredentialsProvider } from "./credentials.js";
export { errorNameOf, sanitizeErrorName } from "./error-name.js";
export { isServiceException, ServiceException } from "./exceptions.js";
export type { Fault, ServiceExceptionOptions } from "./exceptions.js";
export { buildRequest, readResponse } from "./http-message.js";
export type { MetadataBearer } from "./operation.js";
export { createServiceClient } from "./service-client.js";
export type { ClientOptions, ConnectionOptions, ServiceClient, ServiceDefinition } from "./service-client.js";
export type * from "./spec.js";
export { parseTimestamp, serializeTimestamp } from "./timestamps.js";
