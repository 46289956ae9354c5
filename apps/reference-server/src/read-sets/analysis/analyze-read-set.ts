import {
  type ETagAlgorithm,
  type ETagAlgorithmFamily,
  eTagAlgorithm,
  type ReadSetFileType,
} from "../digests.js";
import { analyzeBam } from "./bam.js";
import { analyzeCram, type RandomAccessSource } from "./cram.js";
import { analyzeFastq } from "./fastq.js";
import { ReadSetFormatError, type SourceSummary } from "./format-error.js";
import { sniffedMatches, sniffFileType } from "./sniff.js";

/** One source of a read set, readable as a stream (FASTQ, BAM) and by offset (CRAM). */
export interface ReadSetSource {
  stream(): Promise<AsyncIterable<Uint8Array>>;
  randomAccess(): Promise<RandomAccessSource & { close(): Promise<void> }>;
}

export interface AnalyzeReadSetInput {
  fileType: ReadSetFileType;
  family: ETagAlgorithmFamily;
  source1: ReadSetSource;
  /** FASTQ only: the second file of a pair. */
  source2?: ReadSetSource;
  /** The upload's `generatedFrom`, reported back as sequenceInformation.generatedFrom. */
  generatedFrom?: string;
}

/** AWS's SequenceInformation, as GetReadSetMetadata reports it. */
export interface SequenceInformation {
  totalReadCount: number;
  totalBaseCount: number;
  generatedFrom?: string;
  alignment: "ALIGNED" | "UNALIGNED";
}

/** AWS's ETag structure; a source whose ETag we do not compute has none. */
export interface ReadSetETag {
  algorithm: ETagAlgorithm;
  source1?: string;
  source2?: string;
}

export interface ReadSetAnalysis {
  sequenceInformation: SequenceInformation;
  etag: ReadSetETag;
  /** GetReadSet's INDEX file: a coordinate-sorted BAM's BAI, or a CRAM's CRAI (gzip text). */
  index?: Buffer;
  /** Why a BAM has no index. */
  indexNote?: string;
}

/**
 * Reads every source of a read set once and says what it holds, or throws ReadSetFormatError with the
 * message the read set's statusMessage carries when its upload fails. See the README's read-set notes for
 * what each field means here.
 */
export async function analyzeReadSet(input: AnalyzeReadSetInput): Promise<ReadSetAnalysis> {
  const { fileType, family } = input;
  if (input.source2 && fileType !== "FASTQ") {
    throw new ReadSetFormatError(
      `a ${fileType} read set has one source; SOURCE2 is for the second file of a FASTQ pair`,
    );
  }
  const first = await analyzeSource(fileType, family, input.source1, "SOURCE1");
  const second = input.source2 ? await analyzeSource(fileType, family, input.source2, "SOURCE2") : undefined;
  if (second && second.readCount !== first.readCount) {
    throw new ReadSetFormatError(
      `the FASTQ pair does not match: SOURCE1 holds ${first.readCount} reads, SOURCE2 ${second.readCount}`,
    );
  }
  const sequenceInformation: SequenceInformation = {
    totalReadCount: first.readCount + (second?.readCount ?? 0),
    totalBaseCount: first.baseCount + (second?.baseCount ?? 0),
    alignment: first.aligned || second?.aligned ? "ALIGNED" : "UNALIGNED",
  };
  if (input.generatedFrom !== undefined) sequenceInformation.generatedFrom = input.generatedFrom;
  const etag: ReadSetETag = { algorithm: eTagAlgorithm(fileType, family) };
  if (first.eTag !== undefined) etag.source1 = first.eTag;
  if (second?.eTag !== undefined) etag.source2 = second.eTag;
  const analysis: ReadSetAnalysis = { sequenceInformation, etag };
  if (first.index && "index" in first.index) analysis.index = first.index.index;
  if (first.index && "notSorted" in first.index)
    analysis.indexNote = `not coordinate-sorted: ${first.index.notSorted}`;
  return analysis;
}

/** Analyses one source; a failure names the format the file looks like when that is not the declared one. */
async function analyzeSource(
  fileType: ReadSetFileType,
  family: ETagAlgorithmFamily,
  source: ReadSetSource,
  name: "SOURCE1" | "SOURCE2",
): Promise<SourceSummary> {
  try {
    return await analyzeAs(fileType, family, source, `${name} (${fileType})`);
  } catch (error) {
    if (!(error instanceof ReadSetFormatError)) throw error;
    const sniffed = await sniffFileType(await source.stream()).catch(() => undefined);
    if (sniffed === undefined || sniffedMatches(fileType, sniffed)) throw error;
    throw new ReadSetFormatError(`${error.message} (the file looks like ${sniffed})`);
  }
}

async function analyzeAs(
  fileType: ReadSetFileType,
  family: ETagAlgorithmFamily,
  source: ReadSetSource,
  label: string,
): Promise<SourceSummary> {
  switch (fileType) {
    case "FASTQ":
      return analyzeFastq(await source.stream(), { label, family });
    case "BAM":
    case "UBAM":
      return analyzeBam(await source.stream(), {
        label,
        family,
        unalignedOnly: fileType === "UBAM",
        buildIndex: fileType === "BAM",
      });
    case "CRAM": {
      const file = await source.randomAccess();
      try {
        return await analyzeCram(file, { label, buildIndex: true });
      } finally {
        await file.close();
      }
    }
    default:
      throw new ReadSetFormatError(`unknown file type "${String(fileType)}"`);
  }
}
