import { pipeline, Readable } from "node:stream";
import { createGunzip } from "node:zlib";

/** The first bytes of every gzip member (and so of every BGZF block). */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Looks at a stream's first bytes without consuming them: returns them and a stream that still yields
 * every byte, the peeked ones first.
 */
export async function peek(
  source: AsyncIterable<Uint8Array>,
  bytes: number,
): Promise<{ head: Buffer; stream: AsyncIterable<Uint8Array> }> {
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    chunks.push(chunk);
    length += chunk.length;
  }
  const head = Buffer.concat(chunks, length);
  async function* replay(): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head: head.subarray(0, bytes), stream: replay() };
}

/**
 * Inflates gzip as a stream, member after member: node's zlib goes on after a member's end when another
 * member follows, which covers multi-member gzip (`cat a.gz b.gz`) and BGZF (a BAM file is a run of small
 * gzip members). Memory stays at zlib's window plus a chunk; the consumer's pace drives the reads.
 */
export async function* gunzip(
  source: AsyncIterable<Uint8Array>,
  describe: (error: Error) => Error,
): AsyncGenerator<Buffer> {
  const inflated = pipeline(
    Readable.from(source, { objectMode: false }),
    createGunzip({ chunkSize: 256 * 1024 }),
    () => {},
  );
  try {
    for await (const chunk of inflated) yield chunk as Buffer;
  } catch (error) {
    throw describe(error as Error);
  }
}
