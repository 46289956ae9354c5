/** The only algorithm we sign and accept (SigV4a is out of scope). */
export const ALGORITHM = "AWS4-HMAC-SHA256";
/** Last element of every credential scope. */
export const SCOPE_TERMINATOR = "aws4_request";
/** Payload hash a client sends when it does not sign the body. */
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
/** SHA-256 of the empty string, the payload hash of a request without body. */
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/**
 * Headers the AWS SDKs never sign: proxies and browsers may add, drop or rewrite them on the way,
 * which would break the signature.
 */
export const UNSIGNABLE_HEADERS: ReadonlySet<string> = new Set(
  "authorization cache-control connection expect from keep-alive max-forwards pragma referer te trailer transfer-encoding upgrade user-agent x-amzn-trace-id".split(
    " ",
  ),
);

/** Prefixes of headers that are never signed either (proxy-*, and sec-* set by browsers). */
export const UNSIGNABLE_HEADER_PREFIXES: readonly string[] = ["proxy-", "sec-"];
