import {
  type AnalyzeReadSetInput,
  analyzeReadSet,
  type ReadSetAnalysis,
} from "./analysis/analyze-read-set.js";
import { ReadSetFormatError } from "./analysis/format-error.js";
import { type ETagAlgorithmFamily, partChecksumMatches, type ReadSetFileType } from "./digests.js";
import { type FileInformation, fileInformation } from "./download-parts.js";
import {
  PART_SOURCES,
  type PartRef,
  type PartSource,
  type PartStore,
  type StoredPart,
} from "./part-store.js";

/** One entry of CompleteMultipartReadSetUpload's `parts`. */
export interface CompletePartRequest {
  partNumber: number;
  partSource: PartSource;
  checksum: string;
}

/** A Complete request that cannot be honoured; the handler answers it as a ValidationException (400). */
export class CompletionRejectedError extends Error {
  override readonly name = "CompletionRejectedError";
}

/**
 * Checks a Complete request against the parts the upload acknowledged and returns each source's parts in
 * order. Our rules where AWS is silent (README, "Read sets"): every listed part must have been uploaded with
 * the listed checksum; each source's parts are numbered 1..n without a gap (a gap is a lost part, and the
 * file would be cut); SOURCE1 is required; SOURCE2 only for FASTQ; acknowledged parts not listed are dropped.
 */
export function planCompletion(
  fileType: ReadSetFileType,
  stored: readonly StoredPart[],
  requested: readonly CompletePartRequest[],
): Record<PartSource, PartRef[]> {
  if (requested.length === 0) throw new CompletionRejectedError("parts must list at least one part");
  const byKey = new Map(stored.map((part) => [`${part.source}/${part.partNumber}`, part]));
  const plan: Record<PartSource, PartRef[]> = { SOURCE1: [], SOURCE2: [] };
  const seen = new Set<string>();
  for (const item of requested) {
    if (!PART_SOURCES.includes(item.partSource)) {
      throw new CompletionRejectedError(`partSource must be SOURCE1 or SOURCE2, not "${item.partSource}"`);
    }
    const key = `${item.partSource}/${item.partNumber}`;
    if (seen.has(key))
      throw new CompletionRejectedError(`${item.partSource} part ${item.partNumber} is listed twice`);
    seen.add(key);
    const part = byKey.get(key);
    if (!part) {
      throw new CompletionRejectedError(
        `${item.partSource} part ${item.partNumber} was not uploaded to this upload`,
      );
    }
    if (!partChecksumMatches(item.checksum, part.checksum)) {
      throw new CompletionRejectedError(
        `${item.partSource} part ${item.partNumber}: checksum ${item.checksum} does not match the uploaded part's ${part.checksum}`,
      );
    }
    plan[item.partSource].push({ source: part.source, partNumber: part.partNumber, checksum: part.checksum });
  }
  if (plan.SOURCE1.length === 0) throw new CompletionRejectedError("parts must include SOURCE1");
  if (plan.SOURCE2.length > 0 && fileType !== "FASTQ") {
    throw new CompletionRejectedError(
      `a ${fileType} read set has no SOURCE2; only a FASTQ pair has two sources`,
    );
  }
  for (const source of PART_SOURCES) {
    const parts = plan[source].sort((a, b) => a.partNumber - b.partNumber);
    parts.forEach((part, index) => {
      if (part.partNumber !== index + 1) {
        throw new CompletionRejectedError(
          `${source} part ${index + 1} is missing: parts are numbered from 1 without a gap (listed: ${parts
            .map((p) => p.partNumber)
            .join(", ")})`,
        );
      }
    });
  }
  return plan;
}

export interface CompleteReadSetInput {
  store: PartStore;
  uploadKey: string;
  readSetKey: string;
  fileType: ReadSetFileType;
  family: ETagAlgorithmFamily;
  generatedFrom?: string;
  /** The upload's acknowledged parts, as the metadata side recorded them. */
  stored: readonly StoredPart[];
  requested: readonly CompletePartRequest[];
}

/** The outcome the metadata side records for the read set. */
export type CompleteReadSetOutcome =
  | {
      status: "ACTIVE";
      analysis: ReadSetAnalysis;
      files: Partial<Record<"source1" | "source2" | "index", FileInformation>>;
    }
  | { status: "UPLOAD_FAILED"; statusMessage: string };

/**
 * Completes an upload: checks the request (CompletionRejectedError: nothing changes, the client may fix
 * the list and retry), analyses the sources from the part files, then either makes them the read set's
 * files (ACTIVE) or, when a source does not parse as its type, removes them and reports UPLOAD_FAILED with
 * the parser's message, as AWS fails an import. Safe to run again after a crash at any point.
 */
export async function completeReadSetUpload(input: CompleteReadSetInput): Promise<CompleteReadSetOutcome> {
  const plan = planCompletion(input.fileType, input.stored, input.requested);
  // A restart may find the files already moved (a crash after the move, before the read set was recorded
  // ACTIVE): then they are analysed where they are, and the move is not repeated.
  const moved = await input.store.findReadSet(input.readSetKey);
  const sources: Pick<AnalyzeReadSetInput, "source1" | "source2"> = moved
    ? { source1: input.store.readSetSource(input.readSetKey, "SOURCE1") }
    : { source1: input.store.uploadSource(input.uploadKey, plan.SOURCE1) };
  if (plan.SOURCE2.length > 0) {
    sources.source2 = moved
      ? input.store.readSetSource(input.readSetKey, "SOURCE2")
      : input.store.uploadSource(input.uploadKey, plan.SOURCE2);
  }
  let analysis: ReadSetAnalysis;
  try {
    analysis = await analyzeReadSet({
      fileType: input.fileType,
      family: input.family,
      generatedFrom: input.generatedFrom,
      ...sources,
    });
  } catch (error) {
    if (!(error instanceof ReadSetFormatError)) throw error;
    await input.store.abortUpload(input.uploadKey);
    if (moved) await input.store.deleteReadSet(input.readSetKey);
    return { status: "UPLOAD_FAILED", statusMessage: error.message };
  }
  const manifest =
    moved ??
    (await input.store.completeUpload(
      input.uploadKey,
      input.readSetKey,
      { SOURCE1: plan.SOURCE1, ...(plan.SOURCE2.length > 0 ? { SOURCE2: plan.SOURCE2 } : {}) },
      analysis.index ? { index: analysis.index } : {},
    ));
  const files: Partial<Record<"source1" | "source2" | "index", FileInformation>> = {
    source1: fileInformation(manifest.sources.SOURCE1!.contentLength),
  };
  if (manifest.sources.SOURCE2) files.source2 = fileInformation(manifest.sources.SOURCE2.contentLength);
  if (manifest.index) files.index = fileInformation(manifest.index.contentLength);
  return { status: "ACTIVE", analysis, files };
}
