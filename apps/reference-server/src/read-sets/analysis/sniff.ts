import { constants, gunzipSync } from "node:zlib";
import { isGzip } from "./decompress.js";

/** What a file's first bytes say it is. */
export type SniffedType =
  | "FASTQ"
  | "gzip FASTQ"
  | "BAM"
  | "CRAM"
  | "bzip2 data"
  | "xz data"
  | "zstd data"
  | "a ZIP archive";

/** Compressions a FASTQ read set does not take (plain or gzip only), by their magic numbers. */
const OTHER_COMPRESSIONS: [Buffer, SniffedType][] = [
  [Buffer.from("BZh", "latin1"), "bzip2 data"],
  [Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), "xz data"],
  [Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), "zstd data"],
  [Buffer.from([0x50, 0x4b, 0x03, 0x04]), "a ZIP archive"],
];

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
  for (const [magic, type] of OTHER_COMPRESSIONS) {
    if (head.subarray(0, magic.length).equals(magic)) return type;
  }
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
