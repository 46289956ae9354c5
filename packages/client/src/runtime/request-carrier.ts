// What the light fetcher hands the transport for a call no middleware needs to see: the URL and init
// as openapi-fetch would build them. A real Request would wrap the body in a stream that the
// transport then reads back; undici's fetch takes the URL and init as they are. Middleware and
// `client.raw` calls still get real Requests.

import type { Operation } from "./spec.js";

export class RequestCarrier {
  // Assigned, not declared as fields: no per-field definitions in the bundle.
  declare readonly url: string;
  declare readonly init: RequestInit;
  /** What the transport reads of the operation: unsignedPayload, and the streaming support that sends it. */
  declare readonly operation: Pick<Operation, "unsignedPayload" | "streaming">;

  constructor(url: string, init: RequestInit, operation: Pick<Operation, "unsignedPayload" | "streaming">) {
    this.url = url;
    this.init = init;
    this.operation = operation;
  }
}
