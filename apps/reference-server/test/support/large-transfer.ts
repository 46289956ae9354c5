// Helpers for moving a large synthetic file through a client: a part body that hashes what it sends, and
// a download check that compares every byte with the file as it was made, without holding either.
import { createHash, type Hash } from "node:crypto";
import { Transform, type Readable } from "node:stream";
import type { SyntheticFastq } from "./synthetic-fastq.js";

/**
 * A part's bytes as a stream the AWS SDK sends with a Content-Length (it reads a body's `size`), hashing
 * them on the way: SHA-256 of the part (what UploadReadSetPart returns) and, into `whole`, the file's MD5.
 */
export function hashingPart(
  bytes: Readable,
  size: number,
  whole: Hash,
): { body: Readable & { size: number }; sha256(): string } {
  const part = createHash("sha256");
  const tap = new Transform({
    highWaterMark: 1 << 20,
    transform(chunk: Buffer, _encoding, done) {
      part.update(chunk);
      whole.update(chunk);
      done(null, chunk);
    },
  });
  bytes.on("error", (error) => tap.destroy(error));
  bytes.pipe(tap);
  return { body: Object.assign(tap, { size }), sha256: () => part.digest("hex") };
}

export interface DownloadComparison {
  bytes: number;
  md5: string;
  /** The first file offset whose byte differs from the source, or where a part ended early or ran long. */
  firstDifference: { offset: number; partNumber: number; what: string } | undefined;
}

/**
 * Downloads parts 1..totalParts and compares them with `file`: each chunk with the bytes made for its
 * offsets, the total length, and an MD5 of everything received. Parts are `partSize` long but the last,
 * as GetReadSet serves them; the first difference is reported, and the rest of the download still counted.
 */
export async function compareDownload(
  file: SyntheticFastq,
  totalParts: number,
  partSize: number,
  download: (partNumber: number) => Promise<AsyncIterable<Uint8Array>>,
): Promise<DownloadComparison> {
  const md5 = createHash("md5");
  let firstDifference: DownloadComparison["firstDifference"];
  let expected = Buffer.alloc(0);
  let offset = 0;
  let received = 0;
  for (let partNumber = 1; partNumber <= totalParts; partNumber++) {
    const partStart = (partNumber - 1) * partSize;
    const partEnd = Math.min(partStart + partSize, file.size);
    if (offset !== partStart && !firstDifference) {
      firstDifference = { offset: Math.min(offset, partStart), partNumber: partNumber - 1, what: "length" };
    }
    offset = partStart;
    for await (const chunk of await download(partNumber)) {
      md5.update(chunk);
      received += chunk.length;
      const inFile = Math.max(0, Math.min(chunk.length, partEnd - offset));
      if (inFile > 0 && !firstDifference) {
        if (expected.length < inFile) expected = Buffer.allocUnsafe(Math.max(inFile, 1 << 20));
        const want = expected.subarray(0, inFile);
        file.fill(offset, want);
        const index = firstDifferentIndex(chunk.subarray(0, inFile), want);
        if (index >= 0) firstDifference = { offset: offset + index, partNumber, what: "byte" };
      }
      if (inFile < chunk.length && !firstDifference) {
        firstDifference = { offset: offset + inFile, partNumber, what: "part longer than its range" };
      }
      offset += chunk.length;
    }
  }
  if (offset !== file.size && !firstDifference) {
    firstDifference = { offset: Math.min(offset, file.size), partNumber: totalParts, what: "length" };
  }
  return { bytes: received, md5: md5.digest("hex"), firstDifference };
}

function firstDifferentIndex(got: Uint8Array, want: Buffer): number {
  if (want.equals(got)) return -1;
  for (let i = 0; i < got.length; i++) if (got[i] !== want[i]) return i;
  return got.length;
}

/** Polls a read set's metadata until it leaves PROCESSING_UPLOAD, for at most `timeoutMs`. */
export async function settledReadSet<T extends { status?: string }>(
  get: () => Promise<T>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const metadata = await get();
    if (metadata.status !== "PROCESSING_UPLOAD") return metadata;
    if (Date.now() > deadline) throw new Error(`the read set stayed PROCESSING_UPLOAD for ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
