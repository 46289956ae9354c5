import type { BamIndexResult } from "./bam-index.js";

/**
 * A read set source that does not parse as its declared type. The message is what the read set's
 * `statusMessage` says when its upload fails (AWS fails an import the same way), so it names the source, the
 * type and where parsing stopped.
 */
export class ReadSetFormatError extends Error {
  override readonly name = "ReadSetFormatError";
}

/** What one pass over a source found. */
export interface SourceSummary {
  /** Reads counted (for BAM and CRAM, primary records only: secondary and supplementary ones repeat a read). */
  readCount: number;
  /** Bases of those reads. */
  baseCount: number;
  /** Whether any counted read is mapped to a reference. */
  aligned: boolean;
  /** The source's ETag digest (lowercase hex), when the family's content could be hashed. */
  eTag: string | undefined;
  /** BAM: its BAI index, or why it has none (not coordinate-sorted); CRAM: its CRAI. */
  index?: BamIndexResult;
}
