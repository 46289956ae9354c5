// Timeouts of the node:http server. Node's defaults (60 s for headers, 5 min per request, checked every 30 s)
// let a slow or idle client hold a socket for minutes; these are tied to the configuration instead.
import type { ServerOptions } from "node:http";
import type { ServerConfig } from "../config.js";

/** How long an idle keep-alive connection stays open between requests (Node's default, set explicitly). */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** Largest request head (request line + headers) accepted; larger ones answer 431. Node's default. */
export const MAX_HEADER_BYTES = 16_384;
/** Headroom between the body timeout's AWS-shaped 408 and Node's own whole-request limit. */
const REQUEST_TIMEOUT_MARGIN_MS = 5_000;

export type HttpTimeouts = Required<
  Pick<
    ServerOptions,
    "headersTimeout" | "requestTimeout" | "keepAliveTimeout" | "connectionsCheckingInterval" | "maxHeaderSize"
  >
>;

export function httpTimeouts(config: Pick<ServerConfig, "headersTimeoutMs" | "bodyTimeoutMs">): HttpTimeouts {
  const headersTimeout = config.headersTimeoutMs;
  return {
    headersTimeout,
    // The router's body timeout answers 408 with an AWS error; Node's requestTimeout (a bare 408) only backs
    // it up, so it must come later. A body timeout of 0 means "wait forever", so Node's limit is off too.
    requestTimeout:
      config.bodyTimeoutMs === 0 ? 0 : headersTimeout + config.bodyTimeoutMs + REQUEST_TIMEOUT_MARGIN_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    // Node checks the two timeouts above on this interval (default 30 s, which would stretch them).
    connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(headersTimeout / 4))),
    maxHeaderSize: MAX_HEADER_BYTES,
  };
}
