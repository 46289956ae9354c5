// Query helpers over an assembled AstModel, shared by the OpenAPI converter and the code generators.
export * from "./event-streams.js";
export * from "./http.js";
export * from "./operation.js";
export * from "./service.js";
export * from "./shapes.js";
export * from "./slice.js";
