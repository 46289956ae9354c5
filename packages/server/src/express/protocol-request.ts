// Express request/response ↔ ProtocolRequest/ProtocolResponse.
import type { Request, Response } from "express";
import type { ProtocolRequest, ProtocolResponse } from "../core/protocol.js";
import { parseQuery, protocolHeaders, undecodableQueryKeys } from "../node/incoming-request.js";
import { pipeResponseBody } from "../node/stream-body.js";

export { parseQuery };

export function toProtocolRequest(req: Request, body: Buffer): ProtocolRequest {
  const request: ProtocolRequest = {
    method: req.method.toUpperCase(),
    // Relative to the router's mount point, still percent-encoded.
    path: req.path,
    query: parseQuery(req.url),
    headers: protocolHeaders(req.headers),
    body,
    url: req.originalUrl,
  };
  const undecodable = undecodableQueryKeys(req.url);
  if (undecodable) request.undecodableQuery = undecodable;
  return request;
}

/** Send a ProtocolResponse; with `asJson` the body goes through res.json so response validation sees it. */
export function sendProtocolResponse(
  res: Response,
  response: ProtocolResponse,
  asJson: boolean,
  onStreamFailure: (error: unknown) => void = () => {},
): void {
  res.status(response.status);
  for (const name in response.headers) res.setHeader(name, response.headers[name]!);
  if (response.stream) {
    // Piped, never through res.json: a streaming payload is not JSON, and is never held whole.
    pipeResponseBody(res, response.stream).catch(onStreamFailure);
    return;
  }
  if (asJson && response.headers["content-type"] === "application/json") {
    res.json(JSON.parse(response.body.toString("utf8")));
    return;
  }
  // Text the core wrote that is all ASCII (the usual JSON) is already its own latin1 form, and Node
  // sends a latin1 string together with the head in one chunk: no Buffer, no separate body write.
  const text = response.bodyText;
  if (text !== undefined && Buffer.byteLength(text, "utf8") === text.length) {
    res.setHeader("content-length", String(text.length));
    res.end(text, "latin1");
    return;
  }
  res.setHeader("content-length", String(response.body.length));
  res.end(response.body);
}
