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
 * The handler context a verified request brings: what `authenticate` returns, which the server stub merges
 * into the context of the handler (one object per request, built member by member).
 */
export function callerContext(
  identity: CallerIdentity,
  region: string,
  headers: Readonly<Record<string, string>>,
): CallerContext & Pick<CallerIdentity, "accessKeyId"> {
  const context: CallerContext & Pick<CallerIdentity, "accessKeyId"> = {
    accountId: identity.accountId,
    region,
    headers,
  };
  if (identity.accessKeyId !== undefined) context.accessKeyId = identity.accessKeyId;
  return context;
}
