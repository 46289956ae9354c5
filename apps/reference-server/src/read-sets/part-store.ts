import { createHash, randomBytes } from "node:crypto";
import { createReadStream, type ReadStream } from "node:fs";
import { chmod, lstat, mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadSetSource } from "./analysis/analyze-read-set.js";
import { type AnnouncedDigest, createPartChecksum } from "./digests.js";
import { AlignedBufferPool, createPartFile, type PartWriteMode, probeWriteMode } from "./part-file-writer.js";
import {
  type ByteRange,
  downloadRange,
  type FileInformation,
  fileInformation,
  MAX_PART_NUMBER,
} from "./download-parts.js";
import { KeyedMutex } from "./keyed-mutex.js";
import { ConcatenatedFile } from "./random-access.js";

/** The two files of a read set an upload can fill (FASTQ pairs use both). */
export type PartSource = "SOURCE1" | "SOURCE2";
export const PART_SOURCES: readonly PartSource[] = ["SOURCE1", "SOURCE2"];

/**
 * Largest part UploadReadSetPart accepts. AWS: "Each part cannot be larger than 100 MB", and its user guide
 * splits with `split -b 100MiB`, so 100 MiB is the limit we hold.
 */
export const MAX_PART_BYTES = 100 * 1024 * 1024;

/** Why a part was refused; the handler maps every code to an AWS error (all are client errors). */
export type PartRejection =
  | "length-mismatch"
  | "checksum-mismatch"
  | "too-large"
  | "empty"
  | "aborted"
  | "invalid-argument";

export class PartRejectedError extends Error {
  override readonly name = "PartRejectedError";
  constructor(
    readonly reason: PartRejection,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A part whose bytes are on disk, durable. */
export interface StoredPart {
  source: PartSource;
  partNumber: number;
  /** Bytes in the part. */
  size: number;
  /** Lowercase hex SHA-256 of the bytes: the checksum UploadReadSetPart returns. */
  checksum: string;
}

/** A part as the metadata side knows it. */
export type PartRef = Pick<StoredPart, "source" | "partNumber" | "checksum">;

export interface WritePartInput {
  /** Opaque key of the upload; the caller chooses it (e.g. store id + upload id). Letters, digits, - and _. */
  uploadKey: string;
  source: PartSource;
  partNumber: number;
  body: AsyncIterable<Uint8Array> | Readable;
  /** The request's Content-Length; the part is refused unless exactly this many bytes arrive. */
  expectedLength?: number;
  /** A digest the client sent (Content-MD5, x-amz-checksum-*); the part is refused when its bytes differ. */
  announced?: AnnouncedDigest;
}

/** How the part files of one read set are kept together once its upload completes. */
export interface ReadSetManifest {
  readSetKey: string;
  sources: Partial<Record<PartSource, StoredFileManifest>>;
  /** The index file (a BAM's BAI), when the read set has one. */
  index?: { contentLength: number };
}

/** The files GetReadSet serves: the sources, and the index. */
export type ReadSetFile = PartSource | "INDEX";

export interface StoredFileManifest {
  contentLength: number;
  parts: StoredPart[];
}

/** What the metadata side tells the sweep about keys found on disk. */
export interface SweepOracle {
  /**
   * The parts an upload has acknowledged, or undefined when no such upload is in progress. An upload whose
   * Complete was accepted but whose read set is still PROCESSING_UPLOAD is in progress: its files are
   * analysed again after a restart.
   */
  uploadParts(uploadKey: string): Promise<readonly PartRef[] | undefined>;
  /** Whether a completed read set with this key exists. */
  readSetExists(readSetKey: string): Promise<boolean>;
}

export interface SweepReport {
  temporaryFiles: number;
  uploads: number;
  partFiles: number;
  readSets: number;
  trash: number;
}

const KEY = /^[A-Za-z0-9_-]{1,128}$/;
const PART_FILE = /^(SOURCE[12])-(\d{5})-([0-9a-f]{64})\.part$/;
const TEMP_MARK = ".tmp-";
const MANIFEST = "manifest.json";
const INDEX_FILE = "index";
const UPLOADS = "uploads";
const READ_SETS = "read-sets";
const TRASH = "trash";

/**
 * Read set bytes on disk, under `<root>/uploads/<uploadKey>/` while an upload is in progress and
 * `<root>/read-sets/<readSetKey>/` once it completed. A part file is named by its source, number and
 * checksum, so a re-uploaded part with other bytes is a new file: the old one stays valid until the
 * metadata side has switched to the new one (commit callback), and a crash in between leaves an orphan the
 * sweep removes, never a record pointing at the wrong bytes. Every file is written to a temporary name,
 * fsynced, renamed and its directory fsynced before it counts.
 */
export class PartStore {
  readonly root: string;
  readonly maxPartBytes: number;
  /** How part files are written: direct where the filesystem allows O_DIRECT, else buffered. */
  readonly writeMode: PartWriteMode;
  private readonly partLocks = new KeyedMutex();
  private readonly buffers: AlignedBufferPool;

  private constructor(
    root: string,
    maxPartBytes: number,
    writeMode: PartWriteMode,
    buffers: AlignedBufferPool,
  ) {
    this.root = root;
    this.maxPartBytes = maxPartBytes;
    this.writeMode = writeMode;
    this.buffers = buffers;
  }

  /** `writeMode` (default: probed in `root`) is for tests that hold both ways to the same behaviour. */
  static async open(
    root: string,
    options: { maxPartBytes?: number; writeMode?: PartWriteMode } = {},
  ): Promise<PartStore> {
    const maxPartBytes = options.maxPartBytes ?? MAX_PART_BYTES;
    if (!Number.isSafeInteger(maxPartBytes) || maxPartBytes < 1) {
      throw new RangeError(`maxPartBytes must be a positive integer, not ${maxPartBytes}`);
    }
    const resolved = path.resolve(root);
    const trash = path.join(resolved, TRASH);
    for (const dir of [resolved, path.join(resolved, UPLOADS), path.join(resolved, READ_SETS), trash]) {
      await mkdir(dir, { recursive: true });
    }
    const buffers = new AlignedBufferPool();
    // In trash/, so a probe file a crash left behind goes with the next start's sweep.
    const writeMode = options.writeMode ?? (await probeWriteMode(trash, buffers));
    return new PartStore(resolved, maxPartBytes, writeMode, buffers);
  }

  private get uploadsDir(): string {
    return path.join(this.root, UPLOADS);
  }
  private get readSetsDir(): string {
    return path.join(this.root, READ_SETS);
  }
  private get trashDir(): string {
    return path.join(this.root, TRASH);
  }

  uploadDir(uploadKey: string): string {
    return path.join(this.uploadsDir, checkKey(uploadKey, "upload key"));
  }

  readSetDir(readSetKey: string): string {
    return path.join(this.readSetsDir, checkKey(readSetKey, "read set key"));
  }

  /**
   * Streams a part to disk and makes it durable. Backpressure: the next chunk is not read before the last
   * was written. The bytes are counted and hashed on the way; a part longer than the limit or the announced
   * length is refused as soon as that is known, one that is shorter or whose digest differs when the body
   * ends, and a refused or failed part leaves no file behind. `commit` runs once the file is durable, under
   * a lock for this part, so the metadata side records the part in its own transaction; when `commit`
   * throws, the new file is removed (the part's previous bytes stay). After it, other versions of the part
   * are removed.
   */
  async writePart(input: WritePartInput, commit: (part: StoredPart) => Promise<void>): Promise<StoredPart> {
    const { uploadKey, source, partNumber } = input;
    checkSource(source);
    checkPartNumber(partNumber);
    if (input.expectedLength !== undefined) {
      if (!Number.isSafeInteger(input.expectedLength) || input.expectedLength < 0) {
        throw new PartRejectedError("invalid-argument", `bad announced length ${input.expectedLength}`);
      }
      if (input.expectedLength > this.maxPartBytes) {
        throw new PartRejectedError(
          "too-large",
          `the part's ${input.expectedLength} bytes exceed the ${this.maxPartBytes}-byte part limit`,
        );
      }
    }
    const dir = this.uploadDir(uploadKey);
    await mkdir(dir, { recursive: true });
    const temp = path.join(dir, `${source}-${pad(partNumber)}${TEMP_MARK}${randomBytes(8).toString("hex")}`);
    let part: StoredPart;
    try {
      part = await this.receive(input, temp);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    const final = path.join(dir, partFileName(part));
    return this.partLocks.run(`${uploadKey}/${source}/${partNumber}`, async () => {
      const existed = await exists(final);
      try {
        await rename(temp, final);
        await fsyncDir(dir);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      try {
        await commit(part);
      } catch (error) {
        // Same bytes as the recorded version share its name: that file stays, it is still the right one.
        if (!existed) await rm(final, { force: true });
        throw error;
      }
      // The part is recorded; an old version left by a failure here is removed by the next start's sweep.
      await this.removeOtherVersions(dir, part).catch(() => undefined);
      return part;
    });
  }

  private async receive(input: WritePartInput, temp: string): Promise<StoredPart> {
    const checksum = createPartChecksum();
    const announced = input.announced ? createHash(input.announced.algorithm) : undefined;
    const limit = Math.min(input.expectedLength ?? this.maxPartBytes, this.maxPartBytes);
    const writer = await createPartFile(temp, this.writeMode, this.buffers);
    let size = 0;
    try {
      // Only the body's own errors mean the client went away; a failed write is the server's (500).
      const chunks = input.body[Symbol.asyncIterator]();
      try {
        for (;;) {
          let next: IteratorResult<Uint8Array | string>;
          try {
            next = await chunks.next();
          } catch (error) {
            throw new PartRejectedError(
              "aborted",
              `the part's body ended with an error after ${size} bytes: ${(error as Error).message}`,
              { cause: error },
            );
          }
          if (next.done) break;
          const bytes = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
          size += bytes.length;
          if (size > limit) throw tooMany(input.expectedLength, this.maxPartBytes, size);
          checksum.update(bytes);
          announced?.update(bytes);
          const full = writer.write(bytes);
          if (full) await full;
        }
      } catch (error) {
        // Stop the body (destroys a socket stream) when we give up on it early.
        await chunks.return?.().catch(() => undefined);
        throw error;
      }
      if (input.expectedLength !== undefined && size !== input.expectedLength) {
        throw new PartRejectedError(
          "length-mismatch",
          `the part announced ${input.expectedLength} bytes but ${size} arrived`,
        );
      }
      if (size === 0) throw new PartRejectedError("empty", "a part has at least 1 byte");
      if (announced && input.announced) {
        const got = announced.digest("base64");
        if (got !== input.announced.base64) {
          throw new PartRejectedError(
            "checksum-mismatch",
            `the part's ${input.announced.algorithm} is ${got}, not the announced ${input.announced.base64}`,
          );
        }
      }
      await writer.finish();
    } finally {
      // A refused part may still have a write in flight: the file closes after it.
      await writer.close();
    }
    return { source: input.source, partNumber: input.partNumber, size, checksum: checksum.digest("hex") };
  }

  private async removeOtherVersions(dir: string, keep: StoredPart): Promise<void> {
    const keepName = partFileName(keep);
    let removed = false;
    for (const name of await readdir(dir)) {
      const match = PART_FILE.exec(name);
      if (!match || name === keepName) continue;
      if (match[1] === keep.source && Number(match[2]) === keep.partNumber) {
        await rm(path.join(dir, name), { force: true });
        removed = true;
      }
    }
    if (removed) await fsyncDir(dir);
  }

  /** The stored parts of an upload, from its files (size from the file, checksum from its name). */
  async listUploadParts(uploadKey: string): Promise<StoredPart[]> {
    const dir = this.uploadDir(uploadKey);
    const parts: StoredPart[] = [];
    for (const name of await readdirIfAny(dir)) {
      const match = PART_FILE.exec(name);
      if (!match) continue;
      const { size } = await stat(path.join(dir, name));
      parts.push({ source: match[1] as PartSource, partNumber: Number(match[2]), size, checksum: match[3]! });
    }
    return parts.sort(comparePart);
  }

  /**
   * The concatenated bytes of an upload's parts, in the given order, as one stream (for analysing a source
   * before the upload completes). Fails with PartMissingError when a part's file is absent.
   */
  async readUploadSource(uploadKey: string, parts: readonly PartRef[]): Promise<Readable> {
    const dir = this.uploadDir(uploadKey);
    const files = await this.resolveParts(dir, parts);
    return concatFiles(files.map((file) => ({ path: file.path, start: 0, end: file.size })));
  }

  /** An upload's source as the analysis reads it: streamed, or by offset (CRAM). */
  uploadSource(uploadKey: string, parts: readonly PartRef[]): ReadSetSource {
    return {
      stream: () => this.readUploadSource(uploadKey, parts),
      randomAccess: async () =>
        new ConcatenatedFile(await this.resolveParts(this.uploadDir(uploadKey), parts)),
    };
  }

  private async resolveParts(
    dir: string,
    parts: readonly PartRef[],
  ): Promise<{ path: string; size: number }[]> {
    const resolved: { path: string; size: number }[] = [];
    for (const part of parts) {
      const file = path.join(dir, partFileName(part));
      const info = await stat(file).catch(() => undefined);
      if (!info) {
        throw new PartMissingError(
          `${part.source} part ${part.partNumber} with checksum ${part.checksum} is not stored in this upload`,
        );
      }
      resolved.push({ path: file, size: info.size });
    }
    return resolved;
  }

  /**
   * Makes an upload a read set: the listed parts (each source's in order) become the read set's files and
   * every other part file of the upload is removed; the manifest is written and the upload directory is
   * renamed to the read set's in one atomic step; files become read-only. Sources must be listed in full.
   */
  async completeUpload(
    uploadKey: string,
    readSetKey: string,
    parts: Partial<Record<PartSource, readonly PartRef[]>>,
    extras: { index?: Uint8Array } = {},
  ): Promise<ReadSetManifest> {
    const dir = this.uploadDir(uploadKey);
    const target = this.readSetDir(readSetKey);
    if (await exists(target)) throw new Error(`read set ${readSetKey} already has files`);
    const manifest: ReadSetManifest = { readSetKey, sources: {} };
    const keep = new Set<string>();
    for (const source of PART_SOURCES) {
      const list = parts[source];
      if (!list) continue;
      if (list.length === 0) throw new PartMissingError(`${source} has no parts`);
      const files = await this.resolveParts(dir, list);
      const stored = list.map((part, i) => ({ ...part, source, size: files[i]!.size }));
      stored.forEach((part) => {
        keep.add(partFileName(part));
      });
      manifest.sources[source] = { contentLength: stored.reduce((sum, p) => sum + p.size, 0), parts: stored };
    }
    if (!manifest.sources.SOURCE1) throw new PartMissingError("a read set needs SOURCE1 parts");
    for (const name of await readdir(dir)) {
      if (!keep.has(name)) await rm(path.join(dir, name), { force: true, recursive: true });
    }
    if (extras.index) {
      if (extras.index.length === 0) throw new RangeError("an index file has at least 1 byte");
      await writeDurably(path.join(dir, INDEX_FILE), extras.index);
      manifest.index = { contentLength: extras.index.length };
    }
    await writeDurably(path.join(dir, MANIFEST), JSON.stringify(manifest));
    await fsyncDir(dir);
    await rename(dir, target);
    await fsyncDir(this.uploadsDir);
    await fsyncDir(this.readSetsDir);
    // A part write racing Complete may have created its temporary file after the clean-up above: it moved
    // along, and its writer can no longer rename or remove it (the writer then answers 404).
    for (const name of await readdir(target)) {
      if (name.includes(TEMP_MARK)) await rm(path.join(target, name), { force: true });
      else await chmod(path.join(target, name), 0o444);
    }
    await chmod(target, 0o555);
    return manifest;
  }

  /** Removes an upload's files (abort); absent files are no error. */
  async abortUpload(uploadKey: string): Promise<void> {
    await this.discard(this.uploadDir(uploadKey), `upload-${uploadKey}`);
  }

  /** The manifest of a completed read set, or undefined when it has no files. */
  async findReadSet(readSetKey: string): Promise<ReadSetManifest | undefined> {
    return this.readSetManifest(readSetKey).catch((error: unknown) => {
      if (error instanceof ReadSetFilesMissingError) return undefined;
      throw error;
    });
  }

  /** A completed read set's source as the analysis reads it (to analyse again after a restart). */
  readSetSource(readSetKey: string, source: PartSource): ReadSetSource {
    const pieces = async () => {
      const file = (await this.readSetManifest(readSetKey)).sources[source];
      if (!file) throw new ReadSetFilesMissingError(`read set ${readSetKey} has no ${source}`);
      const dir = this.readSetDir(readSetKey);
      return file.parts.map((part) => ({ path: path.join(dir, partFileName(part)), size: part.size }));
    };
    return {
      stream: async () => this.readReadSet(readSetKey, source),
      randomAccess: async () => new ConcatenatedFile(await pieces()),
    };
  }

  async readSetManifest(readSetKey: string): Promise<ReadSetManifest> {
    const text = await readFile(path.join(this.readSetDir(readSetKey), MANIFEST), "utf8").catch(
      () => undefined,
    );
    if (text === undefined) throw new ReadSetFilesMissingError(`read set ${readSetKey} has no stored files`);
    return JSON.parse(text) as ReadSetManifest;
  }

  /**
   * What GetReadSet serves for `partNumber` of a source: the part's bytes as a stream, with the file's
   * FileInformation (as GetReadSetMetadata reports it) and the part's length for Content-Length. A part
   * beyond the last throws PartNotSatisfiableError (RangeNotSatisfiableException).
   */
  async readReadSetPart(
    readSetKey: string,
    source: ReadSetFile,
    partNumber: number,
  ): Promise<{ body: Readable; contentLength: number; file: FileInformation }> {
    const { contentLength } = this.storedFile(await this.readSetManifest(readSetKey), source);
    const file = fileInformation(contentLength);
    const range = downloadRange(file, partNumber);
    return {
      body: await this.readReadSet(readSetKey, source, range),
      contentLength: range.end - range.start,
      file,
    };
  }

  /** Streams bytes [start, end) of a completed read set's source, across its part files. */
  /** A stored file's length and its pieces on disk, in order. */
  private storedFile(
    manifest: ReadSetManifest,
    source: ReadSetFile,
  ): { contentLength: number; parts: { name: string; size: number }[] } {
    if (source === "INDEX") {
      if (!manifest.index) throw new ReadSetFilesMissingError(`read set ${manifest.readSetKey} has no index`);
      const size = manifest.index.contentLength;
      return { contentLength: size, parts: [{ name: INDEX_FILE, size }] };
    }
    const file = manifest.sources[source];
    if (!file) throw new ReadSetFilesMissingError(`read set ${manifest.readSetKey} has no ${source}`);
    return {
      contentLength: file.contentLength,
      parts: file.parts.map((part) => ({ name: partFileName(part), size: part.size })),
    };
  }

  async readReadSet(readSetKey: string, source: ReadSetFile, range?: ByteRange): Promise<Readable> {
    const file = this.storedFile(await this.readSetManifest(readSetKey), source);
    const start = range?.start ?? 0;
    const end = range?.end ?? file.contentLength;
    if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && 0 <= start && start <= end)) {
      throw new RangeError(`bad range [${start}, ${end})`);
    }
    if (end > file.contentLength) {
      throw new RangeError(`range end ${end} is beyond the file's ${file.contentLength} bytes`);
    }
    const dir = this.readSetDir(readSetKey);
    const pieces: { path: string; start: number; end: number }[] = [];
    let offset = 0;
    for (const part of file.parts) {
      const partStart = offset;
      const partEnd = offset + part.size;
      offset = partEnd;
      if (partEnd <= start || partStart >= end) continue;
      pieces.push({
        path: path.join(dir, part.name),
        start: Math.max(start, partStart) - partStart,
        end: Math.min(end, partEnd) - partStart,
      });
    }
    return concatFiles(pieces);
  }

  /** Removes a read set's files. They first move to trash/ in one rename, so none is left half-deleted. */
  async deleteReadSet(readSetKey: string): Promise<void> {
    await this.discard(this.readSetDir(readSetKey), `read-set-${readSetKey}`);
  }

  private async discard(dir: string, label: string): Promise<void> {
    const trash = path.join(this.trashDir, `${label}-${randomBytes(6).toString("hex")}`);
    try {
      // Moving a directory to another parent rewrites its "..", which needs write permission on it (a
      // completed read set's is read-only; root does not notice, other users do).
      await chmod(dir, 0o700);
      await rename(dir, trash);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    await fsyncDir(path.dirname(dir));
    await removeTree(trash);
  }

  /**
   * Start-up sweep: removes temporary files of interrupted writes, uploads the metadata side does not know,
   * part files no acknowledged part points to (a crash between a part's rename and its record), read set
   * directories without a read set (a crash between the rename and the record, or during a delete), and
   * whatever trash a crash left.
   */
  async sweep(oracle: SweepOracle): Promise<SweepReport> {
    const report: SweepReport = { temporaryFiles: 0, uploads: 0, partFiles: 0, readSets: 0, trash: 0 };
    for (const name of await readdir(this.trashDir)) {
      await removeTree(path.join(this.trashDir, name));
      report.trash += 1;
    }
    for (const key of await readdir(this.uploadsDir)) {
      const dir = path.join(this.uploadsDir, key);
      const parts = KEY.test(key) ? await oracle.uploadParts(key) : undefined;
      if (parts === undefined) {
        await this.discard(dir, `upload-${KEY.test(key) ? key : "invalid"}`);
        report.uploads += 1;
        continue;
      }
      const live = new Set(parts.map(partFileName));
      for (const name of await readdir(dir)) {
        if (live.has(name)) continue;
        await rm(path.join(dir, name), { force: true, recursive: true });
        if (name.includes(TEMP_MARK)) report.temporaryFiles += 1;
        else report.partFiles += 1;
      }
      await fsyncDir(dir);
    }
    for (const key of await readdir(this.readSetsDir)) {
      const dir = path.join(this.readSetsDir, key);
      if (KEY.test(key) && (await oracle.readSetExists(key))) {
        report.temporaryFiles += await removeTemporaryFiles(dir);
        continue;
      }
      await this.discard(dir, `read-set-${KEY.test(key) ? key : "invalid"}`);
      report.readSets += 1;
    }
    return report;
  }
}

/** A part the caller named is not on disk. */
export class PartMissingError extends Error {
  override readonly name = "PartMissingError";
}

/** A completed read set's files are not on disk. */
export class ReadSetFilesMissingError extends Error {
  override readonly name = "ReadSetFilesMissingError";
}

export function partFileName(part: PartRef): string {
  return `${part.source}-${pad(part.partNumber)}-${part.checksum}.part`;
}

function pad(partNumber: number): string {
  return String(partNumber).padStart(5, "0");
}

function comparePart(a: StoredPart, b: StoredPart): number {
  return a.source === b.source ? a.partNumber - b.partNumber : a.source < b.source ? -1 : 1;
}

function checkKey(key: string, what: string): string {
  if (!KEY.test(key)) throw new TypeError(`${what} "${key}" must be 1-128 letters, digits, "-" or "_"`);
  return key;
}

function checkSource(source: string): void {
  if (source !== "SOURCE1" && source !== "SOURCE2") {
    throw new PartRejectedError("invalid-argument", `partSource must be SOURCE1 or SOURCE2, not "${source}"`);
  }
}

function checkPartNumber(partNumber: number): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw new PartRejectedError(
      "invalid-argument",
      `partNumber must be an integer from 1 to ${MAX_PART_NUMBER}, not ${partNumber}`,
    );
  }
}

function tooMany(expectedLength: number | undefined, maxPartBytes: number, size: number): PartRejectedError {
  if (expectedLength !== undefined && expectedLength <= maxPartBytes) {
    return new PartRejectedError(
      "length-mismatch",
      `the part announced ${expectedLength} bytes but more arrived (at least ${size})`,
    );
  }
  return new PartRejectedError("too-large", `the part exceeds the ${maxPartBytes}-byte part limit`);
}

async function writeDurably(file: string, text: string | Uint8Array): Promise<void> {
  const temp = `${file}${TEMP_MARK}${randomBytes(6).toString("hex")}`;
  const handle = await open(temp, "wx", 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

async function readdirIfAny(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
}

/** Removes the temporary files a crash left in a completed read set's read-only folder; returns how many. */
async function removeTemporaryFiles(dir: string): Promise<number> {
  const stray = (await readdir(dir)).filter((name) => name.includes(TEMP_MARK));
  if (stray.length === 0) return 0;
  await chmod(dir, 0o700);
  for (const name of stray) await rm(path.join(dir, name), { force: true });
  await fsyncDir(dir);
  await chmod(dir, 0o555);
  return stray.length;
}

/** Read-only directories (completed read sets) need their write bit back before their files can go. */
async function removeTree(dir: string): Promise<void> {
  await chmod(dir, 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
}

/** One stream over byte ranges of several files, opened one after the other. */
function concatFiles(pieces: readonly { path: string; start: number; end: number }[]): Readable {
  async function* generate(): AsyncGenerator<Uint8Array> {
    for (const piece of pieces) {
      if (piece.end <= piece.start) continue;
      const stream: ReadStream = createReadStream(piece.path, {
        start: piece.start,
        end: piece.end - 1,
        highWaterMark: 256 * 1024,
      });
      for await (const chunk of stream) yield chunk as Buffer;
    }
  }
  return Readable.from(generate(), { objectMode: false });
}
