// The clients with `raw`: an openapi-fetch client for `raw` calls and middleware. Method calls and
// `send` go through the light fetcher while no middleware is registered (the same request, less work
// per call: test/send-client.test.ts holds the two paths to the same bytes), and through the
// openapi-fetch client once middleware is, so middleware runs for them too. The shared pipeline is in
// send-client.ts.
import createClient from "openapi-fetch";
import { createLightFetcher } from "./light-fetcher.js";
import type { Fetcher } from "./operation.js";
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
  const light = createLightFetcher(options.baseUrl, options.headers, core.transport);
  // openapi-fetch does not tell whether it holds middleware: note every `use` (an `eject` later
  // leaves calls on openapi-fetch, which is only slower).
  let middleware = false;
  const { use } = raw;
  raw.use = (...added) => {
    middleware = true;
    use(...added);
  };
  if (options.middleware?.length) raw.use(...options.middleware);
  const fetcher: Fetcher = {
    request: (method, path, init) =>
      (middleware ? (raw as unknown as Fetcher) : light).request(method, path, init),
  };
  return { raw, send: sendOver(core.context(fetcher)) };
}
