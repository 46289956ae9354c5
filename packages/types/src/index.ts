// Public API of @seqstore/types: semantic shape types plus openapi-typescript's wire types.
export * from "./generated/shapes.js";
export type { $defs, components, operations, paths, webhooks } from "./generated/openapi.js";
