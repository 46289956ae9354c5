import type { PartSource, StoredPart } from "../../read-sets/part-store.js";

/** The read set a multipart upload will make, as CreateMultipartReadSetUpload described it. */
export interface ReadSetDescription {
  sourceFileType: "FASTQ" | "BAM" | "UBAM" | "CRAM";
  subjectId: string;
  sampleId: string;
  name: string;
  description?: string;
  generatedFrom?: string;
  referenceArn?: string;
  tags?: Record<string, string>;
}

/** OPEN takes parts; COMPLETING was accepted by Complete and is analysed (again after a restart). */
export type UploadState = "OPEN" | "COMPLETING";

export interface UploadRecord {
  accountId: string;
  storeId: string;
  uploadId: string;
  state: UploadState;
  creationTime: Date;
  readSet: ReadSetDescription;
  /** COMPLETING only: the read set being made and the parts Complete listed. */
  readSetId?: string;
  completion?: { partNumber: number; partSource: PartSource; checksum: string }[];
}

export interface PartRecord extends StoredPart {
  creationTime: Date;
  lastUpdatedTime: Date;
}

export type ReadSetStatus = "PROCESSING_UPLOAD" | "ACTIVE" | "UPLOAD_FAILED";

export interface FileInfo {
  totalParts: number;
  partSize: number;
  contentLength: number;
}

/** A read set's metadata, as GetReadSetMetadata reports it. */
export interface ReadSetRecord {
  accountId: string;
  storeId: string;
  id: string;
  uploadId: string;
  status: ReadSetStatus;
  statusMessage?: string;
  creationTime: Date;
  readSet: ReadSetDescription;
  files?: Partial<Record<"source1" | "source2" | "index", FileInfo>>;
  etag?: { algorithm: string; source1?: string; source2?: string };
  sequenceInformation?: {
    totalReadCount: number;
    totalBaseCount: number;
    generatedFrom?: string;
    alignment: string;
  };
}

/** The outcome of the analysis, recorded when a completion finishes. */
export type CompletionResult =
  | (Pick<Required<ReadSetRecord>, "files" | "etag" | "sequenceInformation"> & { status: "ACTIVE" })
  | { status: "UPLOAD_FAILED"; statusMessage: string };
