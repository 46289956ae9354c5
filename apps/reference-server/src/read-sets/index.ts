// The read-set building blocks the handlers will use (see the README's read-set section).
export {
  type AnalyzeReadSetInput,
  analyzeReadSet,
  type ReadSetAnalysis,
  type ReadSetETag,
  type ReadSetSource,
  type SequenceInformation,
} from "./analysis/analyze-read-set.js";
export { type BamIndexResult, buildBamIndex } from "./analysis/bam-index.js";
export { ReadSetFormatError } from "./analysis/format-error.js";
export {
  type CompletePartRequest,
  type CompleteReadSetInput,
  type CompleteReadSetOutcome,
  CompletionRejectedError,
  completeReadSetUpload,
  planCompletion,
} from "./complete-upload.js";
export {
  type AnnouncedDigest,
  DEFAULT_ETAG_ALGORITHM_FAMILY,
  type ETagAlgorithm,
  type ETagAlgorithmFamily,
  eTagAlgorithm,
  parseAnnouncedDigest,
  type ReadSetFileType,
} from "./digests.js";
export {
  DOWNLOAD_PART_SIZE,
  downloadRange,
  type FileInformation,
  fileInformation,
  PartNotSatisfiableError,
} from "./download-parts.js";
export {
  MAX_PART_BYTES,
  PartMissingError,
  type PartRef,
  type PartRejection,
  PartRejectedError,
  type PartSource,
  PartStore,
  type ReadSetFile,
  ReadSetFilesMissingError,
  type ReadSetManifest,
  type StoredPart,
  type SweepOracle,
  type SweepReport,
} from "./part-store.js";
