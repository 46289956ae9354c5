import { type FileHandle, open } from "node:fs/promises";

/** Reads by offset over one logical file made of several files on disk (a source's parts, in order). */
export class ConcatenatedFile {
  readonly size: number;
  private readonly starts: number[];
  private readonly handles = new Map<number, Promise<FileHandle>>();

  constructor(private readonly pieces: readonly { path: string; size: number }[]) {
    let offset = 0;
    this.starts = pieces.map((piece) => {
      const start = offset;
      offset += piece.size;
      return start;
    });
    this.size = offset;
  }

  /** Up to `length` bytes from `position`; fewer at the end of the file, none beyond it. */
  async read(length: number, position: number): Promise<Uint8Array> {
    const end = Math.min(position + length, this.size);
    if (position < 0 || !Number.isSafeInteger(position) || !Number.isSafeInteger(length) || length < 0) {
      throw new RangeError(`bad read of ${length} bytes at ${position}`);
    }
    if (end <= position) return new Uint8Array(0);
    const out = Buffer.allocUnsafe(end - position);
    let filled = 0;
    let index = this.pieceAt(position);
    while (position + filled < end) {
      const piece = this.pieces[index]!;
      const within = position + filled - this.starts[index]!;
      const take = Math.min(piece.size - within, end - position - filled);
      const handle = await this.handle(index);
      let done = 0;
      while (done < take) {
        const { bytesRead } = await handle.read(out, filled + done, take - done, within + done);
        if (bytesRead === 0)
          throw new Error(`${piece.path} is shorter than its recorded ${piece.size} bytes`);
        done += bytesRead;
      }
      filled += take;
      index += 1;
    }
    return out;
  }

  private pieceAt(position: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= position) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private handle(index: number): Promise<FileHandle> {
    let handle = this.handles.get(index);
    if (!handle) {
      handle = open(this.pieces[index]!.path, "r");
      this.handles.set(index, handle);
    }
    return handle;
  }

  async close(): Promise<void> {
    const handles = [...this.handles.values()];
    this.handles.clear();
    await Promise.all(handles.map(async (handle) => (await handle.catch(() => undefined))?.close()));
  }
}
