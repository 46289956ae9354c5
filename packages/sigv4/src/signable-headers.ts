import { UNSIGNABLE_HEADER_PREFIXES, UNSIGNABLE_HEADERS } from "./constants.js";

/** Whether a signer includes this (lowercase) header in SignedHeaders, as the AWS SDKs decide. */
export function isSignableHeader(lowerName: string): boolean {
  if (UNSIGNABLE_HEADERS.has(lowerName)) return false;
  return !UNSIGNABLE_HEADER_PREFIXES.some((prefix) => lowerName.startsWith(prefix));
}
