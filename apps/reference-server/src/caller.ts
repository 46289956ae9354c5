import type { ServerConfig } from "./config.js";

/**
 * Who is calling and where: the part of the handler context the reference server adds. Today every request
 * acts for the configured account; once SigV4 arrives the account comes from the request's credentials
 * (the server stub's `authenticate` hook returns it) and this only supplies the region.
 */
export interface CallerContext {
  accountId: string;
  region: string;
}

export function configuredCaller(config: Pick<ServerConfig, "accountId" | "region">): () => CallerContext {
  const caller: CallerContext = { accountId: config.accountId, region: config.region };
  return () => caller;
}
