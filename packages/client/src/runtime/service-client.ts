// The clients with `raw`: `send` (and the generated methods) go through the one call pipeline of
// send-client.ts; `raw` is the openapi-fetch client typed with the service's OpenAPI `paths`, over the
// same signed transport, for `{ data, error, response }` calls and openapi-fetch middleware.
import createClient from "openapi-fetch";
import { createLightFetcher } from "./light-fetcher.js";
import {
  type ClientOptions,
  createClientCore,
  type SendClient,
  type ServiceDefinition,
  sendOver,
} from "./send-client.js";

export interface ServiceClient<Raw = unknown> extends SendClient {
  /** The openapi-fetch client (typed by the generated client with the OpenAPI `paths`). */
  readonly raw: Raw;
}

export function createServiceClient(options: ClientOptions, service: ServiceDefinition): ServiceClient {
  const core = createClientCore(options, service);
  // openapi-fetch hands the transport its Request and nothing else.
  const raw = createClient({ baseUrl: options.baseUrl, fetch: core.transport, headers: options.headers });
  if (options.middleware?.length) raw.use(...options.middleware);
  const fetcher = createLightFetcher(options.baseUrl, options.headers, core.transport);
  return { raw, send: sendOver(core.context(fetcher)) };
}
