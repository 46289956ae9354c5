// openapi-fetch over the same transport as the method client (signed when credentials are given),
// for callers who want `{ data, error, response }` results. Kept apart so the method client's
// bundles do not carry openapi-fetch.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { type ConnectionOptions, connect } from "./service-client.js";

export interface RawClientOptions extends ConnectionOptions {
  /** openapi-fetch middleware, run in order on every request (requests are signed after the last one ran). */
  middleware?: Middleware[];
}

export function createRawServiceClient<Paths extends {}>(
  options: RawClientOptions,
  signingName: string | undefined,
): Client<Paths> {
  const { send } = connect(options, signingName);
  const raw = createClient<Paths>({
    baseUrl: options.baseUrl,
    fetch: (request: Request) => send(request),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  if (options.middleware?.length) raw.use(...options.middleware);
  return raw;
}
