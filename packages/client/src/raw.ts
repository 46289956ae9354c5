// `@seqstore/client/raw`: only the openapi-fetch client, for `{ data, error, response }` results.
export * from "./generated/raw-client.js";
export type { Middleware } from "openapi-fetch";
