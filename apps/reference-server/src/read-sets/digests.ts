import { createHash, type Hash } from "node:crypto";

/** A sequence store's `eTagAlgorithmFamily` (AWS's default is MD5up). */
export type ETagAlgorithmFamily = "MD5up" | "SHA256up" | "SHA512up";
export const ETAG_ALGORITHM_FAMILIES: readonly ETagAlgorithmFamily[] = ["MD5up", "SHA256up", "SHA512up"];
export const DEFAULT_ETAG_ALGORITHM_FAMILY: ETagAlgorithmFamily = "MD5up";

/** The file types a read set can hold, as the API spells them. */
export type ReadSetFileType = "FASTQ" | "BAM" | "UBAM" | "CRAM";
export const READ_SET_FILE_TYPES: readonly ReadSetFileType[] = ["FASTQ", "BAM", "UBAM", "CRAM"];

/** The API's `ETagAlgorithm` values, e.g. FASTQ_MD5up. */
export type ETagAlgorithm = `${"FASTQ" | "BAM" | "CRAM"}_${ETagAlgorithmFamily}`;

const NODE_HASH: Record<ETagAlgorithmFamily, string> = {
  MD5up: "md5",
  SHA256up: "sha256",
  SHA512up: "sha512",
};

/**
 * The ETag algorithm AWS reports for a file type in a store of a family. uBAM shares BAM's algorithm: AWS
 * documents BAM_<family> as covering "an uncompressed BAM or uBAM read set source".
 */
export function eTagAlgorithm(fileType: ReadSetFileType, family: ETagAlgorithmFamily): ETagAlgorithm {
  const prefix = fileType === "UBAM" ? "BAM" : fileType;
  return `${prefix}_${family}`;
}

/**
 * An incremental hash of a read set source's semantic content (see README, "Read sets"): the bytes handed
 * to update() are what AWS's documentation says the family hashes. Lowercase hex, as AWS shows ETags.
 */
export class ETagHasher {
  readonly family: ETagAlgorithmFamily;
  private readonly hash: Hash;
  private finished: string | undefined;

  constructor(family: ETagAlgorithmFamily) {
    if (!Object.hasOwn(NODE_HASH, family))
      throw new TypeError(`unknown eTagAlgorithmFamily "${String(family)}"`);
    const name = NODE_HASH[family];
    this.family = family;
    this.hash = createHash(name);
  }

  update(bytes: Uint8Array | string): void {
    if (this.finished !== undefined) throw new Error("ETagHasher: update() after digest()");
    this.hash.update(bytes);
  }

  /** Ends the hash; later calls return the same value. */
  digest(): string {
    this.finished ??= this.hash.digest("hex");
    return this.finished;
  }
}

/**
 * The checksum UploadReadSetPart returns and CompleteMultipartReadSetUpload expects back. AWS's reference
 * calls it only "an identifier used to confirm that parts are being added to the intended upload"; the AWS
 * CLI's examples show a 64-digit hex string for upload-read-set-part and list-read-set-upload-parts, and the
 * base64 of 32 bytes for complete-multipart-read-set-upload: a SHA-256 either way. We return the SHA-256 of
 * the part's bytes in lowercase hex, and Complete accepts it in either form (partChecksumMatches).
 */
export const PART_CHECKSUM_ALGORITHM = "sha256";

export function createPartChecksum(): Hash {
  return createHash(PART_CHECKSUM_ALGORITHM);
}

/** Whether a checksum a client sent back names the part: our hex form, or the same digest in base64. */
export function partChecksumMatches(sent: string, stored: string): boolean {
  return sent === stored || sent === Buffer.from(stored, "hex").toString("base64");
}

/** The part checksum of bytes already in memory (tests, small parts). */
export function partChecksumOf(bytes: Uint8Array | string): string {
  return createPartChecksum().update(bytes).digest("hex");
}

/**
 * A digest a client announced for a part's bytes, e.g. from `Content-MD5` or `x-amz-checksum-sha256`
 * (both base64 of the raw digest, as HTTP and S3 carry them).
 */
export interface AnnouncedDigest {
  algorithm: "md5" | "sha1" | "sha256";
  base64: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DIGEST_BYTES: Record<AnnouncedDigest["algorithm"], number> = { md5: 16, sha1: 20, sha256: 32 };

/** Checks an announced digest's form before any byte is read, so a malformed header fails at once. */
export function parseAnnouncedDigest(
  algorithm: AnnouncedDigest["algorithm"],
  base64: string,
): AnnouncedDigest {
  const size = Object.hasOwn(DIGEST_BYTES, algorithm) ? DIGEST_BYTES[algorithm] : undefined;
  if (size === undefined) throw new TypeError(`unsupported checksum algorithm "${String(algorithm)}"`);
  if (!BASE64.test(base64) || Buffer.from(base64, "base64").length !== size) {
    throw new TypeError(`the ${algorithm} checksum "${base64}" is not the base64 of ${size} bytes`);
  }
  return { algorithm, base64 };
}
