// A FASTQ file of any size that is never held in memory: every record is a pure function of its index
// (read name from the index, bases and qualities from a per-record hash into fixed random pools), so any
// byte range can be produced on its own — a part to upload, or the expected bytes to compare a download
// with. Records have one length, so the file's size, read count and base count are known up front.
import { Readable } from "node:stream";

export const READ_LENGTH = 150;
const POOL = 1 << 20;
const CHUNK = 1 << 20;

/** murmur3's 32-bit finaliser: a well-mixed hash of a record index (and a seed). */
function mix(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function pool(seed: number, alphabet: string): Buffer {
  const bytes = Buffer.allocUnsafe(POOL + READ_LENGTH);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = alphabet.charCodeAt(mix(seed * 0x9e3779b1 + i) % alphabet.length);
  }
  return bytes;
}

/** Record headers are fixed-width: run and flow cell, then the index, lane, tile and x coordinate. */
const HEADER = Buffer.from("@SEQSTORE:7:HX0000000000:0:0000:00000 1:N:0:ACGTACGT", "latin1");
const INDEX_AT = 14;
const LANE_AT = 25;
const TILE_AT = 27;
const X_AT = 32;

function writeDigits(target: Buffer, at: number, value: number, width: number): void {
  for (let i = at + width - 1; i >= at; i--) {
    target[i] = 0x30 + (value % 10);
    value = Math.floor(value / 10);
  }
}

/** Writes the header of record `index` (without its newline) at `at`; returns its length. */
function writeHeader(index: number, target: Buffer, at: number): number {
  HEADER.copy(target, at);
  const hash = mix(index ^ 0x5eed);
  writeDigits(target, at + INDEX_AT, index, 10);
  writeDigits(target, at + LANE_AT, 1 + (hash & 7), 1);
  writeDigits(target, at + TILE_AT, 1101 + ((hash >>> 3) % 1200), 4);
  writeDigits(target, at + X_AT, (hash >>> 8) % 100000, 5);
  return HEADER.length;
}

/** Bytes of one record: header, bases, "+", qualities, each on its line. */
export const RECORD_LENGTH = HEADER.length + 1 + READ_LENGTH + 3 + READ_LENGTH + 1;

let cachedPools: { bases: Buffer; qualities: Buffer } | undefined;
function pools(): { bases: Buffer; qualities: Buffer } {
  cachedPools ??= {
    bases: pool(1, "ACGTACGTACGTACGTACGTACGTACGTACGTN"),
    qualities: pool(2, "#+5:?@ABCDEFGHIJ"),
  };
  return cachedPools;
}

export interface SyntheticFastq {
  readonly records: number;
  readonly recordLength: number;
  /** Bytes in the file. */
  readonly size: number;
  readonly readCount: number;
  readonly baseCount: number;
  /** Fills `target` with the file's bytes from `offset` on (target.length bytes, within the file). */
  fill(offset: number, target: Buffer): void;
  /** Bytes [start, end) as a stream of chunks of about 1 MiB, each made when it is read. */
  stream(start?: number, end?: number): Readable;
}

/** A FASTQ of `records` reads of READ_LENGTH bases; `syntheticFastqOfSize` picks the count for a size. */
export function syntheticFastq(records: number): SyntheticFastq {
  if (!Number.isSafeInteger(records) || records < 1 || records >= 1e10)
    throw new RangeError(`bad record count ${records}`);
  const { bases, qualities } = pools();
  const recordLength = RECORD_LENGTH;
  const size = records * recordLength;
  const scratch = Buffer.allocUnsafe(recordLength);

  /** Writes record `index` at `at` in `target`, which has room for it. */
  function writeRecord(index: number, target: Buffer, at: number): void {
    let p = at + writeHeader(index, target, at);
    target[p++] = 0x0a;
    const hash = mix(index);
    p += bases.copy(target, p, hash % POOL, (hash % POOL) + READ_LENGTH);
    target[p++] = 0x0a;
    target[p++] = 0x2b;
    target[p++] = 0x0a;
    const q = mix(hash) % POOL;
    p += qualities.copy(target, p, q, q + READ_LENGTH);
    target[p] = 0x0a;
  }

  function fill(offset: number, target: Buffer): void {
    if (!(Number.isSafeInteger(offset) && offset >= 0 && offset + target.length <= size)) {
      throw new RangeError(`bytes [${offset}, ${offset + target.length}) are outside the ${size}-byte file`);
    }
    let written = 0;
    while (written < target.length) {
      const position = offset + written;
      const index = Math.floor(position / recordLength);
      const within = position - index * recordLength;
      const left = target.length - written;
      if (within === 0 && left >= recordLength) {
        writeRecord(index, target, written);
        written += recordLength;
      } else {
        writeRecord(index, scratch, 0);
        written += scratch.copy(target, written, within, Math.min(recordLength, within + left));
      }
    }
  }

  function stream(start = 0, end = size): Readable {
    if (
      !(Number.isSafeInteger(start) && Number.isSafeInteger(end) && 0 <= start && start <= end && end <= size)
    ) {
      throw new RangeError(`bad range [${start}, ${end}) of a ${size}-byte file`);
    }
    let position = start;
    return new Readable({
      highWaterMark: CHUNK,
      read() {
        if (position >= end) return void this.push(null);
        const chunk = Buffer.allocUnsafe(Math.min(CHUNK, end - position));
        fill(position, chunk);
        position += chunk.length;
        this.push(chunk);
      },
    });
  }

  return {
    records,
    recordLength,
    size,
    readCount: records,
    baseCount: records * READ_LENGTH,
    fill,
    stream,
  };
}

/** The largest synthetic FASTQ of at most `bytes` bytes. */
export function syntheticFastqOfSize(bytes: number): SyntheticFastq {
  return syntheticFastq(Math.floor(bytes / RECORD_LENGTH));
}
