import type { ServerConfig } from "../config.js";

/** How to sign requests, printed at startup (secrets only when they are the public local defaults). */
export function authBanner(
  config: Pick<ServerConfig, "auth" | "accountId" | "region" | "credentials" | "credentialsSource">,
): string {
  if (config.auth === "none") {
    return `auth: none (signatures are not checked; every request acts for account ${config.accountId})`;
  }
  if (config.credentialsSource === "default") {
    const [local] = config.credentials;
    return (
      `auth: sigv4, signed for ${config.region} with the local default credentials: ` +
      `accessKeyId ${local?.accessKeyId}, secretAccessKey ${local?.secretAccessKey} (account ${config.accountId})`
    );
  }
  const accounts = [...new Set(config.credentials.map((c) => c.accountId))];
  return (
    `auth: sigv4, signed for ${config.region} with ${config.credentials.length} access key(s) from ` +
    `${config.credentialsSource} (accounts ${accounts.join(", ")})`
  );
}
