// Isomorphic entry point (Node 20 and browsers, no dependencies): the signer and the canonical
// request building blocks. The verifier lives in `@seqstore/sigv4/verify` (Node only).
export type { CanonicalRequestParts, HeaderInput, HeaderValue, QueryParameter } from "./canonical.js";
export {
  canonicalHeaderValue,
  canonicalPath,
  canonicalQuery,
  canonicalRequest,
  credentialScope,
  normalizeHeaders,
  parseQuery,
  stringToSign,
} from "./canonical.js";
export { ALGORITHM, EMPTY_SHA256, UNSIGNED_PAYLOAD } from "./constants.js";
export type { SigningDate } from "./date.js";
export { formatAmzDate, parseAmzDate } from "./date.js";
export { uriEncode } from "./encoding.js";
export type { SignableRequest, SignOptions, SigningCredentials, StreamingBody } from "./sign.js";
export { signRequest } from "./sign.js";
export { isSignableHeader } from "./signable-headers.js";
