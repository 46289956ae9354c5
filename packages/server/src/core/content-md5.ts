// @httpChecksumRequired on the server: a request body of such an operation comes with Content-MD5, the
// base64 MD5 of the body as sent (RFC 1864; before any Content-Encoding is undone), and the two must match.
// Error names follow S3's for the same checks: InvalidDigest (missing or not an MD5), BadDigest (mismatch).
import { createHash } from "node:crypto";
import type { ProtocolRequest } from "./protocol.js";
import { ServiceError } from "./service-error.js";

/** 22 base64 characters and "==": the only form a 16-byte digest takes. */
const MD5_BASE64 = /^[A-Za-z0-9+/]{21}[AQgw]==$/;

function digestError(name: "InvalidDigest" | "BadDigest", message: string): ServiceError {
  return new ServiceError({ name, $fault: "client", httpStatus: 400, message });
}

function md5Base64(bytes: Uint8Array): string {
  return createHash("md5").update(bytes).digest("base64");
}

/** The mismatch error, named for what was received and what was expected. */
function mismatch(received: string, computed: string): ServiceError {
  return digestError(
    "BadDigest",
    `The Content-MD5 header (${received}) does not match the MD5 of the request body (${computed}).`,
  );
}

/**
 * Checks the Content-MD5 of a request to an operation with @httpChecksumRequired. A request without a
 * body needs none (there is nothing to check), but a header it sends must be right. A streaming body is
 * returned wrapped: it is hashed as the handler reads it, and reading fails with BadDigest at its end
 * if the digest differs. Throws InvalidDigest or BadDigest; returns the request to go on with.
 */
export function verifyContentMd5(request: ProtocolRequest, announcesBody: boolean): ProtocolRequest {
  const header = request.headers["content-md5"];
  const streamed = request.bodyStream;
  const hasBody = request.body.length > 0 || (streamed !== undefined && announcesBody);
  if (header === undefined) {
    if (!hasBody) return request;
    throw digestError(
      "InvalidDigest",
      "This operation requires a Content-MD5 header: the base64 MD5 of the request body (RFC 1864).",
    );
  }
  const expected = header.trim();
  if (!MD5_BASE64.test(expected)) {
    throw digestError(
      "InvalidDigest",
      `The Content-MD5 header (${header}) is not a base64-encoded 16-byte MD5 digest.`,
    );
  }
  if (streamed === undefined) {
    const computed = md5Base64(request.body);
    if (computed !== expected) throw mismatch(expected, computed);
    return request;
  }
  const hash = createHash("md5");
  const checked = streamed.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        hash.update(chunk);
        controller.enqueue(chunk);
      },
      flush(controller) {
        const computed = hash.digest("base64");
        if (computed !== expected) controller.error(mismatch(expected, computed));
      },
    }),
  );
  return { ...request, bodyStream: checked };
}
