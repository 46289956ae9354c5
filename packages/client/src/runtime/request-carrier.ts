// What the light fetcher hands the transport for a call no middleware needs to see: the URL and init
// as openapi-fetch would build them. A real Request would wrap the body in a stream that the
// transport then reads back; undici's fetch takes the URL and init as they are. Middleware and
// `client.raw` calls still get real Requests.

import type { StreamingSupport } from "./streaming.js";

export class RequestCarrier {
  readonly method: string;

  constructor(
    readonly url: string,
    readonly init: RequestInit,
    /** aws.auth#unsignedPayload: sign UNSIGNED-PAYLOAD rather than the body's hash. */
    readonly unsignedPayload = false,
    /** Set when a @streaming blob travels: it sends the request (streaming.ts). */
    readonly streaming?: StreamingSupport,
  ) {
    this.method = init.method ?? "GET";
  }
}
