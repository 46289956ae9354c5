// Header and query names the verifier reads. The signer writes its few header names as literals,
// so a client bundle carries none of these tables.

export const HEADER = {
  authorization: "authorization",
  date: "x-amz-date",
  contentSha256: "x-amz-content-sha256",
  securityToken: "x-amz-security-token",
  host: "host",
} as const;

export const QUERY = {
  algorithm: "X-Amz-Algorithm",
  credential: "X-Amz-Credential",
  date: "X-Amz-Date",
  expires: "X-Amz-Expires",
  signedHeaders: "X-Amz-SignedHeaders",
  signature: "X-Amz-Signature",
  securityToken: "X-Amz-Security-Token",
  contentSha256: "X-Amz-Content-Sha256",
} as const;

/** Longest lifetime of a presigned URL (one week), as AWS enforces. */
export const MAX_PRESIGNED_EXPIRES_SECONDS = 7 * 24 * 60 * 60;
