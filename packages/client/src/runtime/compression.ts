// @requestCompression: gzip a request body with the platform's CompressionStream (Node 18+, browsers),
// as the AWS SDK does: unless turned off, and only from a size on. Only operations with the trait import it.
import { appendHeader, type BodyFilter } from "./body-filters.js";

/** The AWS SDK's default and largest `requestMinCompressionSizeBytes`. */
const DEFAULT_MIN_BYTES = 10_240;
const MAX_MIN_BYTES = 10_485_760;

export const gzipBody: BodyFilter = async (body, headers, { options }) => {
  const minBytes = options.requestMinCompressionSizeBytes ?? DEFAULT_MIN_BYTES;
  if (!Number.isInteger(minBytes) || minBytes < 0 || minBytes > MAX_MIN_BYTES) {
    throw new RangeError(
      `requestMinCompressionSizeBytes must be a whole number from 0 to ${MAX_MIN_BYTES}, not ${minBytes}`,
    );
  }
  if (options.disableRequestCompression || body.byteLength < minBytes) return body;
  const compressed = new Response(body).body?.pipeThrough(new CompressionStream("gzip"));
  appendHeader(headers, "content-encoding", "gzip");
  return new Uint8Array(await new Response(compressed).arrayBuffer());
};
