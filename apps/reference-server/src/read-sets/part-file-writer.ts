// How a part's bytes reach its file. Two ways, one interface:
// - direct: O_DIRECT writes from reused, aligned 1 MiB staging buffers. The bytes go from our buffer to the
//   device without a page-cache copy and without dirty pages left for the fsync before the answer, which
//   made that copy and write-back the largest cost of an upload after the SHA-256.
// - buffered: ordinary writes (filesystems without O_DIRECT, e.g. tmpfs), with background datasyncs so the
//   final fsync has little left to write.
// Either way at most one write is in flight while the next batch is gathered: bounded memory, backpressure.
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { type FileHandle, open, rm } from "node:fs/promises";
import path from "node:path";

export type PartWriteMode = "direct" | "buffered";

/** Bytes gathered per write. */
export const WRITE_CHUNK = 1024 * 1024;
/** Bytes written between background datasyncs of a buffered part that is still arriving. */
const SYNC_AHEAD_BYTES = 16 * 1024 * 1024;
/** A direct write's length is a multiple of the logical block size; Linux's largest is the page size. */
const DIRECT_TAIL_PAD = 64 * 1024;
/** Staging buffers kept for the next parts (two per part being written). */
const MAX_IDLE_BUFFERS = 4;

export interface PartFileWriter {
  /** Takes the next bytes; a promise when the caller must wait before giving more. */
  write(bytes: Uint8Array): Promise<void> | undefined;
  /** Writes what is gathered and makes the file durable, data and length. */
  finish(): Promise<void>;
  /** Closes the file once any write in flight ended (after finish, or after a failure). */
  close(): Promise<void>;
}

/**
 * Staging buffers whose memory suits O_DIRECT. JavaScript cannot see an address, so a new buffer is
 * over-allocated and the offset that works is found by trying direct writes of a whole buffer to the
 * file being written, from 16-byte steps (allocations are 16-byte aligned). Buffers are reused, so that
 * search and the first touch of the memory happen once per buffer, not per part.
 */
export class AlignedBufferPool {
  private readonly idle: Buffer[] = [];

  async take(file: FileHandle): Promise<Buffer> {
    const reused = this.idle.pop();
    if (reused) return reused;
    const raw = Buffer.allocUnsafeSlow(WRITE_CHUNK + 4096);
    for (let offset = 0; offset < 4096; offset += 16) {
      const candidate = raw.subarray(offset, offset + WRITE_CHUNK);
      try {
        await file.write(candidate, 0, WRITE_CHUNK, 0);
        return candidate;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EINVAL") throw error;
      }
    }
    throw new DirectWriteUnsupportedError("no offset of a staging buffer is aligned for O_DIRECT");
  }

  give(buffer: Buffer): void {
    if (this.idle.length < MAX_IDLE_BUFFERS) this.idle.push(buffer);
  }
}

export class DirectWriteUnsupportedError extends Error {
  override readonly name = "DirectWriteUnsupportedError";
}

/** Creates `file` (which must not exist) and a writer for it. */
export async function createPartFile(
  file: string,
  mode: PartWriteMode,
  pool: AlignedBufferPool,
): Promise<PartFileWriter> {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
  if (mode === "buffered") return new BufferedPartFile(await open(file, flags, 0o600));
  const handle = await open(file, flags | constants.O_DIRECT, 0o600);
  try {
    return new DirectPartFile(handle, pool, await pool.take(handle), await pool.take(handle));
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Whether direct writes work in `dir` as DirectPartFile makes them (open, aligned whole-buffer writes, a
 * padded tail, truncate, datasync); anything else falls back to buffered writes.
 */
export async function probeWriteMode(dir: string, pool: AlignedBufferPool): Promise<PartWriteMode> {
  if (constants.O_DIRECT === undefined) return "buffered";
  const probe = path.join(dir, `.direct-probe-${randomBytes(6).toString("hex")}`);
  try {
    const writer = await createPartFile(probe, "direct", pool);
    try {
      const bytes = new Uint8Array(WRITE_CHUNK + 1000).fill(7);
      await writer.write(bytes);
      await writer.finish();
    } finally {
      await writer.close();
    }
    return "direct";
  } catch {
    return "buffered";
  } finally {
    await rm(probe, { force: true });
  }
}

/** Gathered chunks go out in one writev, without copying them together. */
class BufferedPartFile implements PartFileWriter {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private writing: Promise<void> | undefined;
  private syncing: Promise<void> | undefined;
  private syncFailure: unknown;
  private unsynced = 0;

  constructor(private readonly file: FileHandle) {}

  write(bytes: Uint8Array): Promise<void> | undefined {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    return this.pendingBytes >= WRITE_CHUNK ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    await this.writing;
    this.writing = undefined;
    if (this.pendingBytes === 0) return;
    const batch = this.pending;
    const batchBytes = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    this.writing = (async () => {
      const { bytesWritten } = await this.file.writev(batch);
      if (bytesWritten < batchBytes) {
        await writeAll(this.file, Buffer.concat(batch, batchBytes).subarray(bytesWritten));
      }
      this.syncAhead(batchBytes);
    })();
    // Awaited by the next flush (or finish); until then a failure must not count as unhandled.
    this.writing.catch(() => undefined);
  }

  /** A failed datasync fails the part, as the final fsync would. */
  private syncAhead(bytes: number): void {
    this.unsynced += bytes;
    if (this.unsynced < SYNC_AHEAD_BYTES || this.syncing) return;
    this.unsynced = 0;
    this.syncing = this.file.datasync().then(
      () => {
        this.syncing = undefined;
      },
      (error: unknown) => {
        this.syncFailure ??= error;
        this.syncing = undefined;
      },
    );
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.writing;
    await this.syncing;
    if (this.syncFailure !== undefined) throw this.syncFailure;
    await this.file.sync();
  }

  async close(): Promise<void> {
    await this.writing?.catch(() => undefined);
    await this.syncing;
    await this.file.close();
  }
}

/**
 * Chunks are copied into one staging buffer while the other is being written; the last, partial buffer is
 * written padded to a block multiple and the file truncated to the bytes received.
 */
class DirectPartFile implements PartFileWriter {
  private fill = 0;
  private position = 0;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly file: FileHandle,
    private readonly pool: AlignedBufferPool,
    private stage: Buffer,
    private other: Buffer,
  ) {}

  write(bytes: Uint8Array): Promise<void> | undefined {
    if (bytes.length < this.stage.length - this.fill) {
      this.stage.set(bytes, this.fill);
      this.fill += bytes.length;
      return undefined;
    }
    return this.writeSpanning(bytes);
  }

  private async writeSpanning(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const n = Math.min(bytes.length - offset, this.stage.length - this.fill);
      this.stage.set(bytes.subarray(offset, offset + n), this.fill);
      this.fill += n;
      offset += n;
      if (this.fill === this.stage.length) await this.submitStage();
    }
  }

  /** Starts writing the full stage; the other buffer becomes the stage once its own write has ended. */
  private async submitStage(): Promise<void> {
    await this.writing;
    const full = this.stage;
    const at = this.position;
    this.position += full.length;
    this.writing = writeDirect(this.file, full, full.length, at);
    this.writing.catch(() => undefined);
    this.stage = this.other;
    this.other = full;
    this.fill = 0;
  }

  async finish(): Promise<void> {
    await this.writing;
    this.writing = undefined;
    if (this.fill > 0) {
      const padded = Math.min(this.stage.length, Math.ceil(this.fill / DIRECT_TAIL_PAD) * DIRECT_TAIL_PAD);
      this.stage.fill(0, this.fill, padded);
      await writeDirect(this.file, this.stage, padded, this.position);
      this.position += this.fill;
      this.fill = 0;
      await this.file.truncate(this.position);
    }
    await this.file.datasync();
  }

  async close(): Promise<void> {
    await this.writing?.catch(() => undefined);
    await this.file.close();
    this.pool.give(this.stage);
    this.pool.give(this.other);
  }
}

/** One direct write; a short one cannot be continued at an unaligned offset, so it fails the part. */
async function writeDirect(
  file: FileHandle,
  buffer: Buffer,
  length: number,
  position: number,
): Promise<void> {
  const { bytesWritten } = await file.write(buffer, 0, length, position);
  if (bytesWritten !== length) {
    throw new Error(`a direct write stored ${bytesWritten} of ${length} bytes at offset ${position}`);
  }
}

async function writeAll(file: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await file.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}
