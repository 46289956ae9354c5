// Smithy → OpenAPI conversion.
export { DEFAULT_OPENAPI_CONFIG, OpenApiError, resolveOpenApiConfig } from "./config.js";
export type { OpenApiConfig, OpenApiVersion } from "./config.js";
export { convertToOpenApi } from "./convert.js";
export type { OpenApiConversionResult } from "./convert.js";
export type { Json, JsonObject, Schema } from "./schema-types.js";
export { restJson1ProtocolHeaders } from "./rest-json.js";
