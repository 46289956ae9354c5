import { ETagHasher, type ETagAlgorithmFamily } from "../digests.js";
import { ByteReader } from "./byte-reader.js";
import { gunzip, isGzip, peek } from "./decompress.js";
import { ReadSetFormatError, type SourceSummary } from "./format-error.js";
import { BamRecordError, readCore, SamWriter } from "./sam-text.js";

const BAM_MAGIC = Buffer.from("BAM\x01", "latin1");
/** Sanity limits on sizes read from the file, so a corrupt length cannot ask for gigabytes of memory. */
const MAX_HEADER_TEXT = 256 * 1024 * 1024;
const MAX_RECORD = 64 * 1024 * 1024;
const MAX_REFERENCES = 10_000_000;

/** SAM text is handed to the hash in batches of about this many bytes. */
const HASH_BATCH = 256 * 1024;
const FLAG_UNMAPPED = 0x4;
const FLAG_SECONDARY = 0x100;
const FLAG_SUPPLEMENTARY = 0x800;

export interface BamAnalysisOptions {
  label: string;
  family: ETagAlgorithmFamily;
  /** UBAM: every record must be unmapped. */
  unalignedOnly: boolean;
}

/**
 * One streaming pass over a BAM (or uBAM) source: BGZF is inflated as the gzip members it is made of, then
 * the header and records are walked one at a time. Counts primary reads and their bases, notes whether any
 * is mapped, and hashes each record's SAM line (newline-terminated, no header) for the BAM ETag family.
 *
 * We walk BAM ourselves: @gmod/bam 7.9.1 (the newest that installs from this registry) reads records only
 * through a BAI/CSI index by region, and a fresh upload has none; 8.11.0's unindexed streamBamRecords needs
 * an @gmod/bgzf-filehandle release the registry lacks. Ours reads a plain stream and keeps each record's raw
 * bytes for the SAM text (README, "Read sets").
 */
export async function analyzeBam(
  source: AsyncIterable<Uint8Array>,
  options: BamAnalysisOptions,
): Promise<SourceSummary> {
  const { label } = options;
  const fail = (reason: string): never => {
    throw new ReadSetFormatError(`${label}: not valid ${options.unalignedOnly ? "uBAM" : "BAM"}: ${reason}`);
  };
  const { head, stream } = await peek(source, 4);
  if (!isGzip(head)) fail("the file is not BGZF-compressed (it does not start with a gzip header)");
  const tail = new TailKeeper(BGZF_EOF.length);
  const reader = new ByteReader(
    gunzip(tail.watch(stream), (error) => new ReadSetFormatError(`${label}: bad BGZF: ${error.message}`)),
  );

  const magic = await reader.read(4);
  if (!magic?.equals(BAM_MAGIC)) fail("the decompressed data does not start with BAM\\1");
  const textLength = (await requireBytes(reader, 4, fail, "header")).readInt32LE(0);
  if (textLength < 0 || textLength > MAX_HEADER_TEXT) fail(`a header text of ${textLength} bytes`);
  await requireBytes(reader, textLength, fail, "header text");
  const referenceCount = (await requireBytes(reader, 4, fail, "header")).readInt32LE(0);
  if (referenceCount < 0 || referenceCount > MAX_REFERENCES)
    fail(`${referenceCount} references in the header`);
  const references: string[] = [];
  for (let i = 0; i < referenceCount; i++) {
    const nameLength = (await requireBytes(reader, 4, fail, "reference list")).readInt32LE(0);
    if (nameLength < 1 || nameLength > 1024 * 1024) fail(`reference ${i} has a name of ${nameLength} bytes`);
    const name = await requireBytes(reader, nameLength + 4, fail, "reference list");
    references.push(name.toString("latin1", 0, nameLength - 1));
  }

  const hasher = new ETagHasher(options.family);
  const sam = new SamWriter();
  let readCount = 0;
  let baseCount = 0;
  let aligned = false;
  let records = 0;
  while (!(await reader.atEnd())) {
    records += 1;
    const sizeBytes = await reader.read(4);
    if (!sizeBytes) return fail(`the file ends inside record ${records}`);
    const size = sizeBytes.readInt32LE(0);
    if (size < 32 || size > MAX_RECORD) fail(`record ${records} claims ${size} bytes`);
    const record = await reader.read(size);
    if (!record) return fail(`the file ends inside record ${records} (${size} bytes announced)`);
    try {
      sam.record(record, references);
    } catch (error) {
      if (error instanceof BamRecordError) return fail(`record ${records}: ${error.message}`);
      throw error;
    }
    if (sam.size >= HASH_BATCH) hasher.update(sam.take());
    const core = readCore(record);
    if (core.flag & (FLAG_SECONDARY | FLAG_SUPPLEMENTARY)) continue;
    readCount += 1;
    baseCount += core.seqLength;
    if (!(core.flag & FLAG_UNMAPPED)) {
      if (options.unalignedOnly) {
        const name = record.toString("latin1", 32, 32 + record.readUInt8(8) - 1);
        fail(`record ${records} (${name}) is mapped; a uBAM holds unaligned reads`);
      }
      aligned = true;
    }
  }
  // A BAM cut at a BGZF block boundary inflates cleanly; only the missing end-of-file block shows the cut.
  if (!tail.bytes().equals(BGZF_EOF)) {
    fail("the file ends without BGZF's end-of-file block: it was cut short, or not written to the end");
  }
  if (readCount === 0) throw new ReadSetFormatError(`${label}: the file holds no reads`);
  hasher.update(sam.take());
  return { readCount, baseCount, aligned, eTag: hasher.digest() };
}

/** The empty BGZF block every BAM writer ends a file with (SAM specification, section 4.1.2). */
const BGZF_EOF = Buffer.from("1f8b08040000000000ff0600424302001b0003000000000000000000", "hex");

/** Passes a stream through and remembers its last bytes. */
class TailKeeper {
  private tail = Buffer.alloc(0);
  constructor(private readonly size: number) {}

  async *watch(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.tail =
        bytes.length >= this.size
          ? Buffer.from(bytes.subarray(bytes.length - this.size))
          : Buffer.concat([this.tail, bytes]).subarray(-this.size);
      yield chunk;
    }
  }

  bytes(): Buffer {
    return this.tail;
  }
}

async function requireBytes(
  reader: ByteReader,
  bytes: number,
  fail: (reason: string) => never,
  where: string,
): Promise<Buffer> {
  const data = await reader.read(bytes);
  if (!data) return fail(`the file ends inside the ${where}`);
  return data;
}
