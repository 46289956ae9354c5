import type { ProtocolRequest } from "@seqstore/server";
import type { CallerIdentity } from "./auth/authenticator.js";

/**
 * Who is calling and where: the part of the handler context the reference server adds. The account comes
 * from the request's credentials (the `authenticate` hook), the region from the configuration (requests
 * signed for another region are refused).
 */
export interface CallerContext {
  accountId: string;
  region: string;
  /** The request's headers (lower-case names), for what the model does not bind (Content-Length, digests). */
  headers?: Readonly<Record<string, string>>;
}

/**
 * Hands the identity `authenticate` established for a request to the `context` hook, which runs later for
 * the same request object; a WeakMap, so nothing outlives the request.
 */
export class CallerRegistry {
  private readonly callers = new WeakMap<ProtocolRequest, CallerIdentity>();

  constructor(private readonly region: string) {}

  remember(request: ProtocolRequest, identity: CallerIdentity): void {
    this.callers.set(request, identity);
  }

  context(request: ProtocolRequest): CallerContext {
    const identity = this.callers.get(request);
    // The server stub runs authenticate before context; reaching here without an identity is a bug.
    if (identity === undefined) throw new Error("handler context requested for an unauthenticated request");
    return { accountId: identity.accountId, region: this.region, headers: request.headers };
  }
}
