// AWS credentials for signing: a fixed set, or a provider the client asks again before they expire.

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Set for temporary credentials (STS); sent as `x-amz-security-token`. */
  readonly sessionToken?: string;
  /** When temporary credentials stop working; the client asks the provider again before then. */
  readonly expiration?: Date;
}

export type CredentialsProvider = () => Promise<Credentials>;

/** Credentials are refreshed this long before they expire, as the AWS SDK does. */
const REFRESH_WINDOW_MS = 5 * 60 * 1000;

/**
 * One provider for every signature: fixed credentials as they are; a provider function asked once,
 * then again only when its credentials carry an `expiration` that is near (concurrent callers
 * share one pending request). A failed request is not cached, so the next call asks again.
 */
export function credentialsSource(
  credentials: Credentials | CredentialsProvider,
  now: () => number,
): CredentialsProvider {
  if (typeof credentials !== "function") {
    checkCredentials(credentials);
    return async () => credentials;
  }
  let current: Credentials | undefined;
  let pending: Promise<Credentials> | undefined;
  return () => {
    if (current && !expiresSoon(current, now())) return Promise.resolve(current);
    pending ??= credentials()
      .then((fresh) => {
        current = checkCredentials(fresh);
        return current;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

function expiresSoon(credentials: Credentials, now: number): boolean {
  return credentials.expiration !== undefined && credentials.expiration.getTime() - now < REFRESH_WINDOW_MS;
}

function checkCredentials(credentials: Credentials): Credentials {
  if (!credentials?.accessKeyId || !credentials.secretAccessKey) {
    throw new TypeError("Credentials need an accessKeyId and a secretAccessKey");
  }
  return credentials;
}
