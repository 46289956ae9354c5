import { constants, gunzipSync } from "node:zlib";
import { isGzip } from "./decompress.js";

/** What a file's first bytes say it is. */
export type SniffedType = "FASTQ" | "gzip FASTQ" | "BAM" | "CRAM";

const HEAD_BYTES = 64 * 1024;

/**
 * Names the format a file's first bytes show, for the hint in a failed upload's status message ("it looks
 * like BAM"), or undefined when they show none of ours.
 */
export async function sniffFileType(source: AsyncIterable<Uint8Array>): Promise<SniffedType | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of source) {
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    length += chunk.byteLength;
    if (length >= HEAD_BYTES) break;
  }
  const head = Buffer.concat(chunks, length).subarray(0, HEAD_BYTES);
  if (head.subarray(0, 4).toString("latin1") === "CRAM") return "CRAM";
  if (head[0] === 0x40) return "FASTQ";
  if (!isGzip(head)) return undefined;
  let inflated: Buffer;
  try {
    // The head may end inside a member: a sync flush inflates what is there instead of failing.
    inflated = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return undefined;
  }
  if (inflated.subarray(0, 4).toString("latin1") === "BAM\x01") return "BAM";
  if (inflated[0] === 0x40) return "gzip FASTQ";
  return undefined;
}

/** Whether a sniffed format is the declared type (uBAM is BAM on disk). */
export function sniffedMatches(declared: string, sniffed: SniffedType): boolean {
  if (declared === "UBAM" || declared === "BAM") return sniffed === "BAM";
  if (declared === "FASTQ") return sniffed === "FASTQ" || sniffed === "gzip FASTQ";
  return sniffed === declared;
}
