// The framework-free request/response pair the protocol core works on. Adapters (Express,
// node:http) translate to and from these, so every adapter answers a request identically.

/** Query parameters as they arrived: repeated keys keep every value in order. */
export type ProtocolQuery = Record<string, string | string[]>;

export interface ProtocolRequest {
  /** Upper-case HTTP method, e.g. "POST". */
  method: string;
  /** Raw (still percent-encoded) path without the query string, e.g. "/sequencestore". */
  path: string;
  /** Decoded query parameters. */
  query: ProtocolQuery;
  /** Header names in lower case; repeated headers joined with ", " as node:http does. */
  headers: Record<string, string>;
  /** The body bytes exactly as received (SigV4 verification hashes them). */
  body: Buffer;
}

export interface ProtocolResponse {
  status: number;
  /** Header names as sent (HTTP reads them case-insensitively), e.g. "x-amzn-RequestId". */
  headers: Record<string, string>;
  body: Buffer;
}
