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
  /**
   * The body of an operation with a @streaming blob payload, as the adapter received it (`body` is then
   * empty): the core hands it to the handler unread, so backpressure reaches the connection.
   */
  bodyStream?: ReadableStream<Uint8Array>;
  /**
   * The request-target as received: raw path and query, still percent-encoded, and not relative to a
   * mount point (Express `req.originalUrl`). SigV4 signs exactly this; `path` and `query` are for routing.
   */
  url?: string;
  /**
   * Names (as in `query`) of query parameters whose raw key or value is not valid percent-encoded UTF-8:
   * `query` holds them decoded leniently (U+FFFD for the bad bytes); the core refuses bound ones (400).
   */
  undecodableQuery?: string[];
}

export interface ProtocolResponse {
  status: number;
  /** Header names as sent (HTTP reads them case-insensitively), e.g. "x-amzn-RequestId". */
  headers: Record<string, string>;
  body: Buffer;
  /**
   * The body as text when the core wrote it as text: its UTF-8 encoding is `body`. Adapters may send it
   * instead of `body` (one conversion less); absent on responses built by hand.
   */
  readonly bodyText?: string | undefined;
  /**
   * A @streaming blob payload (`body` is then empty): the adapter pipes it into the response, with the
   * head's Content-Length when the handler set one, else chunked.
   */
  stream?: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;
  /** What the core learned about the request, for access logs; never sent. */
  meta?: ResponseMeta;
}

export interface ResponseMeta {
  /** The routed operation, when routing succeeded. */
  operationName?: string;
  /** What `authenticate` returned, when it succeeded (e.g. the caller's account). */
  identity?: unknown;
}
