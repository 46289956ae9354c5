// node:http IncomingMessage → ProtocolRequest pieces, shared by both adapters (Express requests are
// IncomingMessages too), so both hand the core the same request.
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { ProtocolQuery, ProtocolRequest } from "../core/protocol.js";

/** Query parameters of a raw request-target ("/path?a=1&a=2" → { a: ["1", "2"] }), decoded. */
export function parseQuery(url: string): ProtocolQuery {
  const q = url.indexOf("?");
  const query: ProtocolQuery = {};
  if (q < 0 || q === url.length - 1) return query;
  for (const [key, value] of new URLSearchParams(url.slice(q + 1))) {
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else query[key] = [existing, value];
  }
  return query;
}

/**
 * Names of the query parameters whose raw key or value cannot be percent-decoded as UTF-8 (parseQuery
 * decodes them leniently, with U+FFFD in place of the bad bytes); undefined when there are none.
 */
export function undecodableQueryKeys(url: string): string[] | undefined {
  const q = url.indexOf("?");
  // The common case costs one scan: without a "%" there is nothing to decode.
  if (q < 0 || !url.includes("%", q)) return undefined;
  let keys: string[] | undefined;
  for (const part of url.slice(q + 1).split("&")) {
    if (!part.includes("%")) continue;
    try {
      decodeURIComponent(part.replaceAll("+", " "));
    } catch {
      for (const [key] of new URLSearchParams(part)) keys = [...(keys ?? []), key];
    }
  }
  return keys;
}

/** Header names in lower case (node already lowers them); repeated values joined with ", ". */
export function protocolHeaders(incoming: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (value !== undefined) headers[name] = typeof value === "string" ? value : value.join(", ");
  }
  return headers;
}

/** The raw (still percent-encoded) path of a request-target, also of an absolute-form one. */
export function targetPath(url: string): string {
  if (url.charCodeAt(0) !== 47 /* "/" */) {
    try {
      return new URL(url).pathname;
    } catch {
      return url;
    }
  }
  const q = url.indexOf("?");
  return q < 0 ? url : url.slice(0, q);
}

/** The ProtocolRequest of a plain node:http request (no mount point: the path is the whole target path). */
export function toProtocolRequest(req: IncomingMessage, body: Buffer): ProtocolRequest {
  const url = req.url ?? "/";
  const request: ProtocolRequest = {
    method: req.method ?? "GET",
    path: targetPath(url),
    query: parseQuery(url),
    headers: protocolHeaders(req.headers),
    body,
    url,
  };
  const undecodable = undecodableQueryKeys(url);
  if (undecodable) request.undecodableQuery = undecodable;
  return request;
}
