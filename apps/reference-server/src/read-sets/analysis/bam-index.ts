import { crc32, inflateRawSync } from "node:zlib";
import { ByteReader } from "./byte-reader.js";
import { ReadSetFormatError } from "./format-error.js";

/**
 * Builds the BAI index of a coordinate-sorted BAM in one streaming pass (SAM specification, section 5):
 * BGZF blocks are read one by one so every record's virtual offset is known, and each record lands in its
 * bin's chunk list and in the 16 kbp linear index. What GetReadSet serves as a BAM read set's INDEX file.
 * An unsorted BAM has no BAI; the answer then says why.
 */
export type BamIndexResult = { index: Buffer } | { notSorted: string };

const BAI_MAGIC = Buffer.from("BAI\x01", "latin1");
const PSEUDO_BIN = 37450;
const LINEAR_SHIFT = 14;
const FLAG_UNMAPPED = 0x4;
/** CIGAR operations that consume the reference: M D N = X. */
const CONSUMES_REFERENCE = [true, false, true, true, false, false, false, true, true];
/** Virtual offsets are kept as numbers: exact while the compressed offset is below 2^37 (128 GiB). */
const MAX_COMPRESSED_OFFSET = 2 ** 37;

interface ReferenceIndex {
  bins: Map<number, number[]>;
  linear: number[];
  firstOffset: number;
  lastOffset: number;
  mapped: number;
  unmapped: number;
}

/** The bin of a 0-based, end-exclusive interval (the specification's reg2bin). */
export function reg2bin(beg: number, end: number): number {
  const last = end - 1;
  if (beg >> 14 === last >> 14) return ((1 << 15) - 1) / 7 + (beg >> 14);
  if (beg >> 17 === last >> 17) return ((1 << 12) - 1) / 7 + (beg >> 17);
  if (beg >> 20 === last >> 20) return ((1 << 9) - 1) / 7 + (beg >> 20);
  if (beg >> 23 === last >> 23) return ((1 << 6) - 1) / 7 + (beg >> 23);
  if (beg >> 26 === last >> 26) return ((1 << 3) - 1) / 7 + (beg >> 26);
  return 0;
}

/**
 * Decompressed BGZF, read block by block (each checked against its length and CRC) with the virtual offset
 * of the next byte always known.
 */
export class BgzfReader {
  private readonly raw: ByteReader;
  private block: Buffer = Buffer.alloc(0);
  private within = 0;
  private blockOffset = 0;
  private nextBlockOffset = 0;
  private sawEof = false;

  constructor(
    source: AsyncIterable<Uint8Array>,
    private readonly fail: (reason: string) => never,
  ) {
    this.raw = new ByteReader(source);
  }

  /** Virtual offset of the next unread byte; at a block's end, the next block's start (as htslib says it). */
  get offset(): number {
    return this.within === this.block.length
      ? this.nextBlockOffset * 65536
      : this.blockOffset * 65536 + this.within;
  }

  /** Whether the last block read was BGZF's empty end-of-file block. */
  get endedWithEofBlock(): boolean {
    return this.sawEof;
  }

  private async nextBlock(): Promise<boolean> {
    const header = await this.raw.read(12);
    if (!header) return false;
    if (header[0] !== 0x1f || header[1] !== 0x8b || header[2] !== 8 || !(header[3]! & 4)) {
      this.fail(`the block at byte ${this.nextBlockOffset} is not a BGZF block`);
    }
    const extraLength = header.readUInt16LE(10);
    const extra = await this.raw.read(extraLength);
    if (!extra) return this.fail(`the file ends inside the block at byte ${this.nextBlockOffset}`);
    let blockSize = -1;
    for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
      if (extra[at] === 66 && extra[at + 1] === 67 && extra.readUInt16LE(at + 2) === 2) {
        blockSize = extra.readUInt16LE(at + 4) + 1;
      }
    }
    if (blockSize < 0) this.fail(`the block at byte ${this.nextBlockOffset} has no BGZF size field`);
    const rest = await this.raw.read(blockSize - 12 - extraLength);
    if (!rest) return this.fail(`the file ends inside the block at byte ${this.nextBlockOffset}`);
    const data = inflateRawSync(rest.subarray(0, rest.length - 8));
    if (
      data.length !== rest.readUInt32LE(rest.length - 4) ||
      crc32(data) !== rest.readUInt32LE(rest.length - 8)
    ) {
      this.fail(`the block at byte ${this.nextBlockOffset} does not match its length or CRC`);
    }
    this.blockOffset = this.nextBlockOffset;
    this.nextBlockOffset += blockSize;
    if (this.nextBlockOffset >= MAX_COMPRESSED_OFFSET)
      this.fail("the file is too large to index (over 128 GiB)");
    this.block = data;
    this.within = 0;
    this.sawEof = data.length === 0;
    return true;
  }

  /** Exactly `bytes` bytes (copied when they span blocks), or undefined when the data ends first. */
  async read(bytes: number): Promise<Buffer | undefined> {
    if (!(bytes >= 0)) this.fail(`a length of ${bytes} bytes`);
    const parts: Buffer[] = [];
    let need = bytes;
    while (need > 0) {
      if (this.within === this.block.length && !(await this.nextBlock())) return undefined;
      const take = Math.min(need, this.block.length - this.within);
      parts.push(this.block.subarray(this.within, this.within + take));
      this.within += take;
      need -= take;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, bytes);
  }
}

/**
 * Collects a sorted BAM's index record by record: add() each record's bytes (after block_size) with the
 * virtual offsets of its start (its block_size) and end. Stops at the first record out of order.
 */
export class BaiBuilder {
  private readonly references: (ReferenceIndex | undefined)[];
  private unplaced = 0;
  private lastRef = -1;
  private lastPos = -1;
  private records = 0;
  private unsorted: string | undefined;

  constructor(private readonly referenceCount: number) {
    this.references = new Array(referenceCount).fill(undefined);
  }

  add(body: Buffer, start: number, end: number): void {
    this.records += 1;
    if (this.unsorted !== undefined) return;
    const refId = body.readInt32LE(0);
    const pos = body.readInt32LE(4);
    if (refId < 0) {
      this.unplaced += 1;
      this.lastRef = Number.MAX_SAFE_INTEGER;
      return;
    }
    if (
      refId >= this.referenceCount ||
      refId < this.lastRef ||
      (refId === this.lastRef && pos < this.lastPos)
    ) {
      this.unsorted = `record ${this.records} comes before the one above it in coordinate order`;
      return;
    }
    this.lastRef = refId;
    this.lastPos = pos;
    const flag = body.readUInt16LE(14);
    const cigarStart = 32 + body.readUInt8(8);
    let span = 0;
    for (let i = 0, count = body.readUInt16LE(12); i < count; i++) {
      const op = body.readUInt32LE(cigarStart + i * 4);
      if (CONSUMES_REFERENCE[op & 0xf]) span += op >>> 4;
    }
    const recordEnd = flag & FLAG_UNMAPPED || span === 0 ? pos + 1 : pos + span;
    let ref = this.references[refId];
    if (!ref) {
      ref = { bins: new Map(), linear: [], firstOffset: start, lastOffset: end, mapped: 0, unmapped: 0 };
      this.references[refId] = ref;
    }
    ref.lastOffset = end;
    if (flag & FLAG_UNMAPPED) ref.unmapped += 1;
    else ref.mapped += 1;
    const bin = reg2bin(pos, recordEnd);
    let chunks = ref.bins.get(bin);
    if (!chunks) {
      chunks = [];
      ref.bins.set(bin, chunks);
    }
    // Records that follow each other in one bin make one chunk.
    if (chunks.length > 0 && chunks[chunks.length - 1] === start) chunks[chunks.length - 1] = end;
    else chunks.push(start, end);
    for (let window = pos >> LINEAR_SHIFT; window <= (recordEnd - 1) >> LINEAR_SHIFT; window++) {
      if (ref.linear[window] === undefined) ref.linear[window] = start;
    }
  }

  result(): BamIndexResult {
    if (this.unsorted !== undefined) return { notSorted: this.unsorted };
    return { index: serialize(this.references, this.unplaced) };
  }
}

/** Reads and checks a BAM header from a BGZF reader; returns the reference names. */
export async function readBamHeader(
  reader: BgzfReader,
  fail: (reason: string) => never,
  limits = { headerText: 256 * 1024 * 1024, references: 10_000_000 },
): Promise<string[]> {
  const need = async (bytes: number, what: string) =>
    (await reader.read(bytes)) ?? fail(`the file ends inside ${what}`);
  if (!(await need(4, "the header")).equals(Buffer.from("BAM\x01", "latin1"))) {
    fail("the decompressed data does not start with BAM\\1");
  }
  const textLength = (await need(4, "the header")).readInt32LE(0);
  if (textLength < 0 || textLength > limits.headerText) fail(`a header text of ${textLength} bytes`);
  await need(textLength, "the header text");
  const referenceCount = (await need(4, "the header")).readInt32LE(0);
  if (referenceCount < 0 || referenceCount > limits.references)
    fail(`${referenceCount} references in the header`);
  const names: string[] = [];
  for (let i = 0; i < referenceCount; i++) {
    const nameLength = (await need(4, "the reference list")).readInt32LE(0);
    if (nameLength < 1 || nameLength > 1024 * 1024) fail(`reference ${i} has a name of ${nameLength} bytes`);
    const name = await need(nameLength + 4, "the reference list");
    names.push(name.toString("latin1", 0, nameLength - 1));
  }
  return names;
}

/** The index alone, in its own pass (analyzeBam builds it on the way for BAM read sets). */
export async function buildBamIndex(
  source: AsyncIterable<Uint8Array>,
  label = "BAM",
): Promise<BamIndexResult> {
  const fail = (reason: string): never => {
    throw new ReadSetFormatError(`${label}: cannot index: ${reason}`);
  };
  const reader = new BgzfReader(source, fail);
  const builder = new BaiBuilder((await readBamHeader(reader, fail)).length);
  for (let record = 1; ; record++) {
    const start = reader.offset;
    const sizeBytes = await reader.read(4);
    if (!sizeBytes) break;
    const body =
      (await reader.read(sizeBytes.readInt32LE(0))) ?? fail(`the file ends inside record ${record}`);
    builder.add(body, start, reader.offset);
  }
  if (!reader.endedWithEofBlock) fail("the file ends without BGZF's end-of-file block");
  return builder.result();
}

function serialize(references: readonly (ReferenceIndex | undefined)[], unplaced: number): Buffer {
  const parts: Buffer[] = [BAI_MAGIC, int32(references.length)];
  for (const ref of references) {
    if (!ref) {
      parts.push(int32(0), int32(0));
      continue;
    }
    parts.push(int32(ref.bins.size + 1));
    for (const bin of [...ref.bins.keys()].sort((a, b) => a - b)) {
      const chunks = ref.bins.get(bin)!;
      parts.push(uint32(bin), int32(chunks.length / 2), ...chunks.map(uint64));
    }
    parts.push(uint32(PSEUDO_BIN), int32(2), uint64(ref.firstOffset), uint64(ref.lastOffset));
    parts.push(uint64(ref.mapped), uint64(ref.unmapped));
    // A window no record starts in points where the window before it does: no later record is earlier.
    let previous = 0;
    const linear = Array.from(ref.linear, (offset) => {
      previous = offset ?? previous;
      return previous;
    });
    parts.push(int32(linear.length), ...linear.map(uint64));
  }
  parts.push(uint64(unplaced));
  return Buffer.concat(parts);
}

function int32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeInt32LE(value);
  return out;
}

function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32LE(value);
  return out;
}

function uint64(value: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(BigInt(value));
  return out;
}
