/**
 * How a stored read set file is cut into parts for GetReadSet. AWS reports `partSize`, `totalParts` and
 * `contentLength` per file in GetReadSetMetadata, and GetReadSet serves part `partNumber` (1..10000) of a file.
 * The cut does not depend on how the file was uploaded: AWS stores and re-serves the file, and its own tools
 * (the HealthOmics transfer manager) download by the reported partSize. We use 100 MiB, the size AWS's user
 * guide splits uploads into (`split -b 100MiB`), so a file uploaded in full-size parts downloads in the same
 * parts.
 */
export const DOWNLOAD_PART_SIZE = 100 * 1024 * 1024;

/** Most parts a file may have (the API's partNumber range is 1..10000). */
export const MAX_PART_NUMBER = 10_000;

/** AWS's FileInformation for one read set file. */
export interface FileInformation {
  totalParts: number;
  partSize: number;
  contentLength: number;
}

export function fileInformation(contentLength: number, partSize = DOWNLOAD_PART_SIZE): FileInformation {
  if (!Number.isSafeInteger(contentLength) || contentLength < 1) {
    throw new RangeError(`a read set file has at least 1 byte, not ${contentLength}`);
  }
  if (!Number.isSafeInteger(partSize) || partSize < 1) throw new RangeError(`bad part size ${partSize}`);
  const totalParts = Math.ceil(contentLength / partSize);
  if (totalParts > MAX_PART_NUMBER) {
    throw new RangeError(
      `${contentLength} bytes need ${totalParts} parts of ${partSize}; at most ${MAX_PART_NUMBER}`,
    );
  }
  return { totalParts, partSize, contentLength };
}

/** A byte range [start, end) of a file. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Thrown when a part number lies beyond a file's last part; the handler answers it as AWS's
 * RangeNotSatisfiableException (HTTP 416).
 */
export class PartNotSatisfiableError extends Error {
  override readonly name = "PartNotSatisfiableError";
}

/** The bytes GetReadSet returns for `partNumber`; every part is partSize long except the last. */
export function downloadRange(info: FileInformation, partNumber: number): ByteRange {
  if (!Number.isInteger(partNumber) || partNumber < 1) {
    throw new RangeError(`partNumber must be an integer of at least 1, not ${partNumber}`);
  }
  if (partNumber > info.totalParts) {
    throw new PartNotSatisfiableError(
      `part ${partNumber} is beyond the file's last part: it has ${info.totalParts} part` +
        `${info.totalParts === 1 ? "" : "s"} of up to ${info.partSize} bytes (${info.contentLength} bytes)`,
    );
  }
  const start = (partNumber - 1) * info.partSize;
  return { start, end: Math.min(start + info.partSize, info.contentLength) };
}
