import path from "node:path";
import type { Logger } from "../../logging/logger.js";
import { completeReadSetUpload } from "../../read-sets/complete-upload.js";
import { DEFAULT_ETAG_ALGORITHM_FAMILY, type ETagAlgorithmFamily } from "../../read-sets/digests.js";
import { PartStore } from "../../read-sets/part-store.js";
import type { UploadRecord } from "../../storage/read-sets/read-set-records.js";
import type { ReadSetRepository } from "../../storage/read-sets/read-set-repository.js";
import type { SequenceStoreRepository } from "../../storage/sequence-store-repository.js";

export interface ReadSetRuntimeOptions {
  /** The server's data directory; part and read-set files go under `<dataDir>/read-sets/`. */
  dataDir: string;
  readSets: ReadSetRepository;
  stores: SequenceStoreRepository;
  logger: Logger;
}

/**
 * The part of the read-set service that outlives a request: the files on disk (opened, and swept of what
 * a crash left, before the first request uses them) and the completions analysed in the background.
 */
export class ReadSetRuntime {
  readonly #options: ReadSetRuntimeOptions;
  readonly #running = new Set<Promise<void>>();
  readonly #parts: Promise<PartStore>;

  constructor(options: ReadSetRuntimeOptions) {
    this.#options = options;
    this.#parts = this.#open();
    // Handlers see a failed start as a 500 each; the log says why once.
    this.#parts.catch((error: unknown) =>
      options.logger.error({ err: error }, "read-set storage failed to open"),
    );
  }

  async #open(): Promise<PartStore> {
    const { readSets, logger } = this.#options;
    const store = await PartStore.open(path.join(this.#options.dataDir, "read-sets"));
    const report = await store.sweep({
      uploadParts: (key) => readSets.sweepUploadParts(key),
      readSetExists: (key) => readSets.sweepReadSetExists(key),
    });
    if (Object.values(report).some((n) => n > 0)) logger.info({ sweep: report }, "read-set files swept");
    for (const upload of await readSets.pendingCompletions()) this.#startCompletion(store, upload);
    return store;
  }

  /** The part store, once opened and swept. */
  parts(): Promise<PartStore> {
    return this.#parts;
  }

  /** Analyses a COMPLETING upload in the background and records the outcome. */
  async complete(upload: UploadRecord): Promise<void> {
    this.#startCompletion(await this.#parts, upload);
  }

  #startCompletion(store: PartStore, upload: UploadRecord): void {
    const run = this.#runCompletion(store, upload).catch((error: unknown) => {
      // The read set stays PROCESSING_UPLOAD; the next start runs its completion again.
      this.#options.logger.error(
        { err: error, uploadId: upload.uploadId, readSetId: upload.readSetId },
        "read-set completion failed",
      );
    });
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
  }

  async #runCompletion(store: PartStore, upload: UploadRecord): Promise<void> {
    const { readSets, stores } = this.#options;
    const readSetId = upload.readSetId;
    if (readSetId === undefined || upload.completion === undefined) {
      throw new Error(`upload ${upload.uploadId} is COMPLETING without a read set`);
    }
    const sequenceStore = await stores.get(upload.accountId, upload.storeId);
    const family = (sequenceStore?.eTagAlgorithmFamily ??
      DEFAULT_ETAG_ALGORITHM_FAMILY) as ETagAlgorithmFamily;
    const parts = await readSets.listParts(upload.uploadId);
    const outcome = await completeReadSetUpload({
      store,
      uploadKey: upload.uploadId,
      readSetKey: readSetId,
      fileType: upload.readSet.sourceFileType,
      family,
      ...(upload.readSet.generatedFrom !== undefined ? { generatedFrom: upload.readSet.generatedFrom } : {}),
      stored: parts,
      requested: upload.completion,
    });
    if (outcome.status === "UPLOAD_FAILED") {
      await readSets.finishCompletion(readSetId, outcome);
      return;
    }
    const { sequenceInformation, etag } = outcome.analysis;
    await readSets.finishCompletion(readSetId, {
      status: "ACTIVE",
      files: outcome.files,
      etag: { ...etag },
      sequenceInformation: { ...sequenceInformation },
    });
  }

  /** Resolves once no completion runs (before the database closes; tests wait on it too). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}
