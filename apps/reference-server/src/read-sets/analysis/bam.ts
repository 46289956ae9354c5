import { ETagHasher, type ETagAlgorithmFamily } from "../digests.js";
import { BaiBuilder, BgzfReader, readBamHeader } from "./bam-index.js";
import { isGzip, peek } from "./decompress.js";
import { ReadSetFormatError, type SourceSummary } from "./format-error.js";
import { BamRecordError, readCore, SamWriter } from "./sam-text.js";

/** Sanity limits on sizes read from the file, so a corrupt length cannot ask for gigabytes of memory. */
const MAX_RECORD = 64 * 1024 * 1024;

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
  /** BAM: build the BAI index on the way (a coordinate-sorted file gets one). */
  buildIndex?: boolean;
}

/**
 * One streaming pass over a BAM (or uBAM) source: BGZF is inflated block by block, each checked against its
 * length and CRC, and the header and records are walked one at a time. Counts primary reads and their bases, notes whether any
 * is mapped, hashes each record's SAM line (newline-terminated, no header) for the BAM ETag family, and
 * builds the BAI index when asked.
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
  const reader = new BgzfReader(stream, fail);
  const references = await readBamHeader(reader, fail);
  const index = options.buildIndex ? new BaiBuilder(references.length) : undefined;

  const hasher = new ETagHasher(options.family);
  const sam = new SamWriter();
  let readCount = 0;
  let baseCount = 0;
  let aligned = false;
  for (let records = 1; ; records++) {
    const start = reader.offset;
    const sizeBytes = await reader.read(4);
    if (!sizeBytes) break;
    const size = sizeBytes.readInt32LE(0);
    if (size < 32 || size > MAX_RECORD) fail(`record ${records} claims ${size} bytes`);
    const record = await reader.read(size);
    if (!record) return fail(`the file ends inside record ${records} (${size} bytes announced)`);
    index?.add(record, start, reader.offset);
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
  if (!reader.endedWithEofBlock) {
    fail("the file ends without BGZF's end-of-file block: it was cut short, or not written to the end");
  }
  if (readCount === 0) throw new ReadSetFormatError(`${label}: the file holds no reads`);
  hasher.update(sam.take());
  const summary: SourceSummary = { readCount, baseCount, aligned, eTag: hasher.digest() };
  if (index) summary.index = index.result();
  return summary;
}
