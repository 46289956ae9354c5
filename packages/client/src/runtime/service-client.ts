// The clients with `raw`: an openapi-fetch client every call goes through (signed and marked by the
// transport), so middleware runs for `send` and `raw` alike. The shared pipeline is in send-client.ts.
import createClient from "openapi-fetch";
import type { Fetcher } from "./operation.js";
import { RequestCarrier } from "./request-carrier.js";
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
  // openapi-fetch hands the transport its Request (or, for method calls, the carrier) and nothing else.
  const raw = createClient({ baseUrl: options.baseUrl, fetch: core.transport, headers: options.headers });
  // openapi-fetch does not tell whether it holds middleware: note every `use` (an `eject` later
  // leaves the client on real Requests, which is only slower).
  let middleware = false;
  const { use } = raw;
  raw.use = (...added) => {
    middleware = true;
    use(...added);
  };
  if (options.middleware?.length) raw.use(...options.middleware);
  // Middleware sees (and may replace) a real Request; without any, a light carrier will do.
  const context = core.context(raw as unknown as Fetcher, () => (middleware ? undefined : RequestCarrier));
  return { raw, send: sendOver(context) };
}
