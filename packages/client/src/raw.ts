// `@seqstore/client/raw`: the openapi-fetch client, for `{ data, error, response }` results.
export * from "./generated/raw-client.js";
export type { Middleware } from "openapi-fetch";
export type { RawClientOptions } from "./runtime/raw-client.js";
