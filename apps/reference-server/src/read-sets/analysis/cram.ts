import { gzipSync } from "node:zlib";
import { CramFile } from "@gmod/cram";
import { ReadSetFormatError, type SourceSummary } from "./format-error.js";

/** Random access to a source, which CRAM needs: its containers are found by the lengths their headers give. */
export interface RandomAccessSource {
  readonly size: number;
  read(length: number, position: number): Promise<Uint8Array>;
}

const FLAG_UNMAPPED = 0x4;
const FLAG_SECONDARY = 0x100;
const FLAG_SUPPLEMENTARY = 0x800;
const CRAM_MAGIC = "CRAM";

/**
 * One pass over a CRAM source with GMOD's @gmod/cram decoder, container after container and slice after
 * slice, so memory holds one slice's decoded records at a time (its slice cache is limited to one entry):
 * bounded by the slice size the writer chose (samtools: 10 000 reads), not by the file. No index
 * is needed: each container header gives the next container's offset. Bases come from each record's read
 * length, which CRAM stores whether or not the bases are reference-based, so no reference is needed to
 * count. Asked, it also writes the CRAI index, line for line what `samtools index` writes. The ETag
 * (CRAM_<family>: the alignment section as SAM, bases restored from the linked reference) is not computed
 * here: see the README's read-set notes.
 */
export async function analyzeCram(
  source: RandomAccessSource,
  options: { label: string; buildIndex?: boolean },
): Promise<SourceSummary> {
  const { label } = options;
  const fail = (reason: string): never => {
    throw new ReadSetFormatError(`${label}: not valid CRAM: ${reason}`);
  };
  const head = await source.read(26, 0);
  if (Buffer.from(head.subarray(0, 4)).toString("latin1") !== CRAM_MAGIC) {
    fail("the file does not start with CRAM");
  }
  const major = head[4]!;
  if (major !== 2 && major !== 3) fail(`CRAM version ${major}.${head[5]} is not supported (2.x and 3.x are)`);
  const filehandle = {
    read: (length: number, position: number) => source.read(length, position),
    readFile: () => source.read(source.size, 0),
    stat: async () => ({ size: source.size }),
    close: async () => {},
  };
  // biome-ignore lint/suspicious/noExplicitAny: generic-filehandle2's type lives in a transitive dependency
  const cram = new CramFile({ filehandle: filehandle as any, cacheSize: 1 });
  let readCount = 0;
  let baseCount = 0;
  let aligned = false;
  let sawEof = false;
  // CRAI lines: reference, 1-based start, span, container offset, slice offset in the container, slice size.
  const crai: string[] = [];
  try {
    await cram.getSamHeader();
    // The first container holds the SAM header; its blocks give its true end (see @gmod/cram's getContainerById).
    const first = cram.getContainerAtPosition(26);
    const firstHeader = await first.getHeader();
    let position = firstHeader._endPosition;
    for (let j = 0; j < firstHeader.numBlocks; j++) position = (await cram.readBlock(position))._endPosition;
    while (position < source.size) {
      const container = cram.getContainerAtPosition(position);
      const header = await container.getHeader();
      const end = header._endPosition + header.length;
      if (header.length < 0 || end > source.size)
        fail(`a container at byte ${position} runs past the file's end`);
      if (header.numRecords === 0 && end === source.size) sawEof = true;
      const landmarks = header.landmarks;
      for (let i = 0; i < landmarks.length; i++) {
        const start = landmarks[i]!;
        const size = (landmarks[i + 1] ?? header.length) - start;
        // Tags are not needed to count; left undecoded they cost no memory.
        const slice = container.getSlice(start, size);
        const records = await slice.getRecords(() => true, { decodeTags: false });
        if (options.buildIndex && records.length > 0) {
          // An unmapped slice's header has no reference fields.
          const parsed = (await slice.getHeader()).parsedContent as unknown as Partial<SliceSpan>;
          const span: SliceSpan =
            typeof parsed.refSeqId === "number"
              ? {
                  refSeqId: parsed.refSeqId,
                  refSeqStart: parsed.refSeqStart ?? 0,
                  refSeqSpan: parsed.refSeqSpan ?? 0,
                }
              : { refSeqId: -1, refSeqStart: 0, refSeqSpan: 0 };
          crai.push(...indexLines(span, records, [position, start, size]));
        }
        for (const record of records) {
          if (record.flags & (FLAG_SECONDARY | FLAG_SUPPLEMENTARY)) continue;
          readCount += 1;
          baseCount += record.readLength;
          if (!(record.flags & FLAG_UNMAPPED)) aligned = true;
        }
      }
      position = end;
    }
  } catch (error) {
    if (error instanceof ReadSetFormatError) throw error;
    return fail((error as Error).message);
  }
  if (major === 3 && !sawEof) fail("the file ends without CRAM's end-of-file container (truncated?)");
  if (readCount === 0) throw new ReadSetFormatError(`${label}: the file holds no reads`);
  const summary: SourceSummary = { readCount, baseCount, aligned, eTag: undefined };
  if (options.buildIndex) summary.index = { index: gzipSync(crai.join("")) };
  return summary;
}

/**
 * The CRAI lines of one slice, as `samtools index` writes them: the slice header's reference span, or for a
 * slice over several references one line per reference from its records' spans; an unplaced slice is
 * "-1 0 1".
 */
interface SliceSpan {
  refSeqId: number;
  refSeqStart: number;
  refSeqSpan: number;
}

function indexLines(
  header: SliceSpan,
  records: readonly { sequenceId: number; alignmentStart: number; lengthOnRef: number | undefined }[],
  where: [number, number, number],
): string[] {
  const tail = where.join("\t");
  if (header.refSeqId === -1) return [`-1\t0\t1\t${tail}\n`];
  if (header.refSeqId >= 0)
    return [`${header.refSeqId}\t${header.refSeqStart}\t${header.refSeqSpan}\t${tail}\n`];
  const spans = new Map<number, [number, number]>();
  for (const record of records) {
    const last = record.alignmentStart + Math.max(1, record.lengthOnRef ?? 1) - 1;
    const span = spans.get(record.sequenceId);
    if (!span) spans.set(record.sequenceId, [record.alignmentStart, last]);
    else spans.set(record.sequenceId, [Math.min(span[0], record.alignmentStart), Math.max(span[1], last)]);
  }
  return [...spans.entries()]
    .sort(([a], [b]) => (a === -1 ? 1 : b === -1 ? -1 : a - b))
    .map(([ref, [first, last]]) =>
      ref === -1 ? `-1\t0\t1\t${tail}\n` : `${ref}\t${first}\t${last - first + 1}\t${tail}\n`,
    );
}
