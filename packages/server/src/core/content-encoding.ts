// Request bodies a client compressed (@requestCompression: AWS SDKs gzip large bodies and append "gzip" to
// Content-Encoding). The adapters read the bytes as sent (SigV4 hashes those); the core inflates them after
// `authenticate`, up to the body limit, and leaves any encoding it did not undo in the header for binding.
import { gunzipSync } from "node:zlib";
import type { ProtocolRequest } from "./protocol.js";
import { RequestEntityTooLargeException, serializationError } from "./protocol-errors.js";

/** The Content-Encoding tokens of a header value, lower case, "identity" dropped. */
function tokens(header: string): string[] {
  return header
    .split(",")
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== "" && t !== "identity");
}

/**
 * Whether the adapters may read a body with this Content-Encoding: none, identity, or codings that end in
 * gzip (the core undoes the gzip; what comes before it, e.g. a "custom" coding of the client's own, is the
 * handler's business).
 */
export function readableEncoding(header: string | undefined): boolean {
  if (header === undefined) return true;
  const codings = tokens(header);
  return codings.length === 0 || codings[codings.length - 1] === "gzip";
}

/**
 * The request with its trailing gzip codings undone (body inflated, at most `maxBytes`), and
 * Content-Encoding holding what is left; the request itself when there is nothing to undo.
 */
export function decodeContent(request: ProtocolRequest, maxBytes: number): ProtocolRequest {
  const header = request.headers["content-encoding"];
  if (header === undefined) return request;
  const codings = tokens(header);
  let body = request.body;
  while (codings.length > 0 && codings[codings.length - 1] === "gzip") {
    codings.pop();
    if (body.length === 0) continue;
    try {
      body = gunzipSync(body, { maxOutputLength: maxBytes });
    } catch (error) {
      if (error instanceof RangeError) throw new RequestEntityTooLargeException();
      throw serializationError("The request body is not valid gzip data.");
    }
  }
  const headers = { ...request.headers };
  if (codings.length > 0) headers["content-encoding"] = codings.join(", ");
  else delete headers["content-encoding"];
  return { ...request, headers, body };
}
