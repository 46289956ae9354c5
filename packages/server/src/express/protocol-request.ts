// Express request/response ↔ ProtocolRequest/ProtocolResponse.
import type { Request, Response } from "express";
import type { ProtocolQuery, ProtocolRequest, ProtocolResponse } from "../core/protocol.js";

/** Query parameters from the raw URL, independent of the app's "query parser" setting. */
export function parseQuery(url: string): ProtocolQuery {
  const q = url.indexOf("?");
  const query: ProtocolQuery = {};
  if (q < 0) return query;
  for (const [key, value] of new URLSearchParams(url.slice(q + 1))) {
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else query[key] = [existing, value];
  }
  return query;
}

export function toProtocolRequest(req: Request, body: Buffer): ProtocolRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return { method: req.method.toUpperCase(), path: req.path, query: parseQuery(req.url), headers, body };
}

/** Send a ProtocolResponse; with `asJson` the body goes through res.json so response validation sees it. */
export function sendProtocolResponse(res: Response, response: ProtocolResponse, asJson: boolean): void {
  res.status(response.status);
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  if (asJson && response.headers["content-type"] === "application/json") {
    res.json(JSON.parse(response.body.toString("utf8")));
    return;
  }
  res.setHeader("content-length", String(response.body.length));
  res.end(response.body);
}
