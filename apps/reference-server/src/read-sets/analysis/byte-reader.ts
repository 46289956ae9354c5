/**
 * Pulls exact byte counts from a stream of chunks, holding only the bytes not yet consumed (at most one
 * record beyond a chunk). read() answers a view into a chunk when the bytes lie in one, a copy otherwise.
 */
export class ByteReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private buffer: Buffer = Buffer.alloc(0);
  private offset = 0;
  private ended = false;
  /** Bytes consumed so far. */
  position = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  private get available(): number {
    return this.buffer.length - this.offset;
  }

  /** Fills the buffer to at least `bytes`, or as far as the stream goes; returns the bytes available. */
  private async fill(bytes: number): Promise<number> {
    if (this.available >= bytes || this.ended) return this.available;
    const parts: Buffer[] = [this.buffer.subarray(this.offset)];
    let total = this.available;
    while (total < bytes) {
      const next = await this.iterator.next();
      if (next.done) {
        this.ended = true;
        break;
      }
      const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
      parts.push(chunk);
      total += chunk.length;
    }
    this.buffer = parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
    this.offset = 0;
    return total;
  }

  /** Whether the stream has no byte left. */
  async atEnd(): Promise<boolean> {
    return (await this.fill(1)) === 0;
  }

  /** Exactly `bytes` bytes, or undefined when the stream ends first (the short tail is consumed). */
  async read(bytes: number): Promise<Buffer | undefined> {
    const available = await this.fill(bytes);
    if (available < bytes) {
      this.position += available;
      this.offset = this.buffer.length;
      return undefined;
    }
    const view = this.buffer.subarray(this.offset, this.offset + bytes);
    this.offset += bytes;
    this.position += bytes;
    return view;
  }
}
