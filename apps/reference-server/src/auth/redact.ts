// What a refused signature may show in a debug log: the server's canonical request and string to sign,
// minus the caller's session token (a bearer secret that, with the key pair, acts as the caller).

export const REDACTED = "[redacted]";

/** The canonical request with the x-amz-security-token header value and query parameter value redacted. */
export function redactCanonicalRequest(canonical: string): string {
  return canonical
    .replace(/^(x-amz-security-token:).*$/gm, `$1${REDACTED}`)
    .replace(/(^|&)(X-Amz-Security-Token=)[^&\n]*/gim, `$1$2${REDACTED}`);
}

/** A verifier's debug detail, safe to log. */
export function redactSigningDebug(debug: {
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}): { canonicalRequest: string; stringToSign: string } {
  // The string to sign holds only the scope and a hash of the canonical request: nothing secret.
  return {
    canonicalRequest: redactCanonicalRequest(debug.canonicalRequest),
    stringToSign: debug.stringToSign,
  };
}
