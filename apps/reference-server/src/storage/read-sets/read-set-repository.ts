import type { PartRef, PartSource, StoredPart } from "../../read-sets/part-store.js";
import type {
  CompletionResult,
  PartRecord,
  ReadSetRecord,
  ReadSetStatus,
  UploadRecord,
} from "./read-set-records.js";
import type { SqlEngine } from "./sql-engine.js";

/** Where the next page starts: after this (creationTime, id). */
export interface PageAfter {
  creationTime: Date;
  id: string;
}

/** ListReadSets' filter, as the storage applies it. */
export interface ReadSetListFilter {
  name?: string;
  status?: ReadSetStatus | string;
  referenceArn?: string;
  sampleId?: string;
  subjectId?: string;
  generatedFrom?: string;
  createdAfter?: Date;
  createdBefore?: Date;
}

export type DeleteReadSetOutcome = "deleted" | "not-found" | "processing";

/** CreateMultipartReadSetUpload's client token and the fingerprint of the request it came with. */
export interface UploadToken {
  clientToken: string;
  requestHash: string;
}

export type CreateUploadOutcome =
  | { kind: "created" }
  | { kind: "replayed"; upload: UploadRecord }
  | { kind: "tokenConflict" }
  | { kind: "tokenClosed"; uploadId: string };

/**
 * Read sets and their multipart uploads, in the same database as the sequence stores (tables of migration
 * 5 on SQLite, 3 on PostgreSQL). Every method is one transaction. Part bytes are not here: the PartStore
 * keeps them on disk and calls recordPart once a part's file is durable.
 */
export class ReadSetRepository {
  readonly #engine: SqlEngine;

  constructor(engine: SqlEngine) {
    this.#engine = engine;
  }

  /**
   * Records a new OPEN upload. With a client token, in the same transaction: a token the account already
   * used in the store answers the upload it made ("replayed", while that upload is OPEN), "tokenConflict"
   * when the request's hash differs, or "tokenClosed" when its upload was completed or aborted.
   */
  async createUpload(upload: UploadRecord, token?: UploadToken): Promise<CreateUploadOutcome> {
    return this.#engine.transaction(async (q) => {
      if (token) {
        const [used] = await q<{ request_hash: string; upload_id: string }>(
          `SELECT request_hash, upload_id FROM read_set_upload_tokens
           WHERE account_id = ? AND store_id = ? AND client_token = ?`,
          [upload.accountId, upload.storeId, token.clientToken],
        );
        if (used) {
          if (used.request_hash !== token.requestHash) return { kind: "tokenConflict" };
          const [row] = await q<UploadRow>("SELECT * FROM read_set_uploads WHERE upload_id = ?", [
            used.upload_id,
          ]);
          return row && row.state === "OPEN"
            ? { kind: "replayed", upload: toUpload(row) }
            : { kind: "tokenClosed", uploadId: used.upload_id };
        }
        await q(
          `INSERT INTO read_set_upload_tokens (account_id, store_id, client_token, request_hash, upload_id)
           VALUES (?, ?, ?, ?, ?)`,
          [upload.accountId, upload.storeId, token.clientToken, token.requestHash, upload.uploadId],
        );
      }
      await q(
        `INSERT INTO read_set_uploads (upload_id, account_id, store_id, state, creation_time, request)
         VALUES (?, ?, ?, 'OPEN', ?, ?)`,
        [
          upload.uploadId,
          upload.accountId,
          upload.storeId,
          upload.creationTime.getTime(),
          JSON.stringify(upload.readSet),
        ],
      );
      return { kind: "created" };
    });
  }

  /** The account's upload in the store, in any state, or undefined. */
  async getUpload(accountId: string, storeId: string, uploadId: string): Promise<UploadRecord | undefined> {
    return this.#engine.transaction(async (q) => {
      const rows = await q<UploadRow>(
        "SELECT * FROM read_set_uploads WHERE upload_id = ? AND account_id = ? AND store_id = ?",
        [uploadId, accountId, storeId],
      );
      return rows[0] && toUpload(rows[0]);
    });
  }

  /** The store's OPEN uploads, oldest first. */
  async listUploads(
    accountId: string,
    storeId: string,
    limit: number,
    after?: PageAfter,
  ): Promise<UploadRecord[]> {
    return this.#engine.transaction(async (q) => {
      const rows = await q<UploadRow>(
        `SELECT * FROM read_set_uploads WHERE account_id = ? AND store_id = ? AND state = 'OPEN'
           AND (creation_time > ? OR (creation_time = ? AND upload_id > ?))
         ORDER BY creation_time, upload_id LIMIT ?`,
        [accountId, storeId, ...afterParams(after), limit],
      );
      return rows.map(toUpload);
    });
  }

  /**
   * Records a durable part of an OPEN upload, replacing a part with the same source and number (its
   * creation time stays). False when the upload is not OPEN (aborted, completing, unknown): the caller
   * removes the file.
   */
  async recordPart(
    accountId: string,
    storeId: string,
    uploadId: string,
    part: StoredPart,
    now: Date,
  ): Promise<boolean> {
    return this.#engine.transaction(async (q) => {
      const open = await q(
        "SELECT upload_id FROM read_set_uploads WHERE upload_id = ? AND account_id = ? AND store_id = ? AND state = 'OPEN'",
        [uploadId, accountId, storeId],
      );
      if (open.length === 0) return false;
      await q(
        `INSERT INTO read_set_parts (upload_id, source, part_number, size, checksum, creation_time, last_updated_time)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (upload_id, source, part_number)
         DO UPDATE SET size = excluded.size, checksum = excluded.checksum, last_updated_time = excluded.last_updated_time`,
        [uploadId, part.source, part.partNumber, part.size, part.checksum, now.getTime(), now.getTime()],
      );
      return true;
    });
  }

  /** An upload's parts, by source then number; of one source when given. */
  async listParts(uploadId: string, source?: PartSource): Promise<PartRecord[]> {
    return this.#engine.transaction(async (q) => {
      const rows = await q<PartRow>(
        `SELECT * FROM read_set_parts WHERE upload_id = ?${source ? " AND source = ?" : ""}
         ORDER BY source, part_number`,
        source ? [uploadId, source] : [uploadId],
      );
      return rows.map(toPart);
    });
  }

  /** Removes an OPEN upload and its parts' records; false when there is no such upload. */
  async abortUpload(accountId: string, storeId: string, uploadId: string): Promise<boolean> {
    return this.#engine.transaction(async (q) => {
      const gone = await q(
        `DELETE FROM read_set_uploads WHERE upload_id = ? AND account_id = ? AND store_id = ? AND state = 'OPEN'
         RETURNING upload_id`,
        [uploadId, accountId, storeId],
      );
      if (gone.length === 0) return false;
      await q("DELETE FROM read_set_parts WHERE upload_id = ?", [uploadId]);
      return true;
    });
  }

  /**
   * Complete's commit: the OPEN upload becomes COMPLETING (no more parts) and its read set appears as
   * PROCESSING_UPLOAD, together. False when the upload is not OPEN.
   */
  async beginCompletion(readSet: ReadSetRecord, completion: UploadRecord["completion"]): Promise<boolean> {
    return this.#engine.transaction(async (q) => {
      const updated = await q(
        `UPDATE read_set_uploads SET state = 'COMPLETING', read_set_id = ?, completion = ?
         WHERE upload_id = ? AND account_id = ? AND store_id = ? AND state = 'OPEN' RETURNING upload_id`,
        [readSet.id, JSON.stringify(completion), readSet.uploadId, readSet.accountId, readSet.storeId],
      );
      if (updated.length === 0) return false;
      await q(
        `INSERT INTO read_sets (id, account_id, store_id, upload_id, status, creation_time, name, sample_id,
           subject_id, reference_arn, generated_from, document)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          readSet.id,
          readSet.accountId,
          readSet.storeId,
          readSet.uploadId,
          readSet.status,
          readSet.creationTime.getTime(),
          readSet.readSet.name,
          readSet.readSet.sampleId,
          readSet.readSet.subjectId,
          readSet.readSet.referenceArn ?? null,
          readSet.readSet.generatedFrom ?? null,
          documentOf(readSet),
        ],
      );
      return true;
    });
  }

  /** Records the analysis' outcome and forgets the upload and its parts. */
  async finishCompletion(readSetId: string, result: CompletionResult): Promise<void> {
    await this.#engine.transaction(async (q) => {
      const rows = await q<ReadSetRow>("SELECT * FROM read_sets WHERE id = ?", [readSetId]);
      const row = rows[0];
      if (row === undefined) return;
      const record = toReadSet(row);
      const next: ReadSetRecord = { ...record, ...result };
      await q("UPDATE read_sets SET status = ?, document = ? WHERE id = ?", [
        next.status,
        documentOf(next),
        readSetId,
      ]);
      await q("DELETE FROM read_set_parts WHERE upload_id = ?", [record.uploadId]);
      await q("DELETE FROM read_set_uploads WHERE upload_id = ?", [record.uploadId]);
    });
  }

  /** Uploads whose Complete was accepted but whose analysis has not been recorded (after a restart). */
  async pendingCompletions(): Promise<UploadRecord[]> {
    return this.#engine.transaction(async (q) =>
      (await q<UploadRow>("SELECT * FROM read_set_uploads WHERE state = 'COMPLETING'")).map(toUpload),
    );
  }

  async getReadSet(accountId: string, storeId: string, id: string): Promise<ReadSetRecord | undefined> {
    return this.#engine.transaction(async (q) => {
      const rows = await q<ReadSetRow>(
        "SELECT * FROM read_sets WHERE id = ? AND account_id = ? AND store_id = ?",
        [id, accountId, storeId],
      );
      return rows[0] && toReadSet(rows[0]);
    });
  }

  /** The store's read sets that pass the filter, oldest first. */
  async listReadSets(
    accountId: string,
    storeId: string,
    page: { limit: number; after?: PageAfter; filter?: ReadSetListFilter },
  ): Promise<ReadSetRecord[]> {
    const where = ["account_id = ?", "store_id = ?", "(creation_time > ? OR (creation_time = ? AND id > ?))"];
    const params: unknown[] = [accountId, storeId, ...afterParams(page.after)];
    const f = page.filter ?? {};
    const equal: [keyof ReadSetListFilter, string][] = [
      ["name", "name"],
      ["status", "status"],
      ["referenceArn", "reference_arn"],
      ["sampleId", "sample_id"],
      ["subjectId", "subject_id"],
      ["generatedFrom", "generated_from"],
    ];
    for (const [key, column] of equal) {
      if (f[key] === undefined) continue;
      where.push(`${column} = ?`);
      params.push(f[key]);
    }
    if (f.createdAfter) {
      where.push("creation_time >= ?");
      params.push(f.createdAfter.getTime());
    }
    if (f.createdBefore) {
      where.push("creation_time <= ?");
      params.push(f.createdBefore.getTime());
    }
    return this.#engine.transaction(async (q) =>
      (
        await q<ReadSetRow>(
          `SELECT * FROM read_sets WHERE ${where.join(" AND ")} ORDER BY creation_time, id LIMIT ?`,
          [...params, page.limit],
        )
      ).map(toReadSet),
    );
  }

  /** Removes a read set's record; one still being analysed is refused ("processing"). */
  async deleteReadSet(accountId: string, storeId: string, id: string): Promise<DeleteReadSetOutcome> {
    return this.#engine.transaction(async (q) => {
      const rows = await q<{ status: string }>(
        "SELECT status FROM read_sets WHERE id = ? AND account_id = ? AND store_id = ?",
        [id, accountId, storeId],
      );
      if (rows[0] === undefined) return "not-found";
      if (rows[0].status === "PROCESSING_UPLOAD") return "processing";
      await q("DELETE FROM read_sets WHERE id = ?", [id]);
      return "deleted";
    });
  }

  /** Whether a store still holds read sets or uploads (a store that does cannot be deleted). */
  async storeHoldsData(accountId: string, storeId: string): Promise<boolean> {
    return this.#engine.transaction(async (q) => {
      const sets = await q("SELECT id FROM read_sets WHERE account_id = ? AND store_id = ? LIMIT 1", [
        accountId,
        storeId,
      ]);
      if (sets.length > 0) return true;
      const uploads = await q(
        "SELECT upload_id FROM read_set_uploads WHERE account_id = ? AND store_id = ? LIMIT 1",
        [accountId, storeId],
      );
      return uploads.length > 0;
    });
  }

  /** For the start-up sweep: an upload's acknowledged parts, or undefined when it is not in progress. */
  async sweepUploadParts(uploadId: string): Promise<PartRef[] | undefined> {
    return this.#engine.transaction(async (q) => {
      const upload = await q("SELECT upload_id FROM read_set_uploads WHERE upload_id = ?", [uploadId]);
      if (upload.length === 0) return undefined;
      const parts = await q<PartRow>("SELECT * FROM read_set_parts WHERE upload_id = ?", [uploadId]);
      return parts.map((row) => ({
        source: row.source,
        partNumber: Number(row.part_number),
        checksum: row.checksum,
      }));
    });
  }

  /** For the start-up sweep: whether a read set with files (not failed) exists. */
  async sweepReadSetExists(id: string): Promise<boolean> {
    return this.#engine.transaction(async (q) => {
      const rows = await q("SELECT id FROM read_sets WHERE id = ? AND status <> 'UPLOAD_FAILED'", [id]);
      return rows.length > 0;
    });
  }
}

interface UploadRow {
  upload_id: string;
  account_id: string;
  store_id: string;
  state: string;
  read_set_id: string | null;
  creation_time: number | string;
  request: string;
  completion: string | null;
}

interface PartRow {
  upload_id: string;
  source: PartSource;
  part_number: number | string;
  size: number | string;
  checksum: string;
  creation_time: number | string;
  last_updated_time: number | string;
}

interface ReadSetRow {
  id: string;
  account_id: string;
  store_id: string;
  upload_id: string;
  status: string;
  creation_time: number | string;
  document: string;
}

/** Keyset parameters: everything when there is no previous page. */
function afterParams(after: PageAfter | undefined): unknown[] {
  if (after === undefined) return [-1, -1, ""];
  const t = after.creationTime.getTime();
  return [t, t, after.id];
}

function toUpload(row: UploadRow): UploadRecord {
  const record: UploadRecord = {
    accountId: row.account_id,
    storeId: row.store_id,
    uploadId: row.upload_id,
    state: row.state as UploadRecord["state"],
    creationTime: new Date(Number(row.creation_time)),
    readSet: JSON.parse(row.request) as UploadRecord["readSet"],
  };
  if (row.read_set_id !== null) record.readSetId = row.read_set_id;
  if (row.completion !== null) record.completion = JSON.parse(row.completion) as UploadRecord["completion"];
  return record;
}

function toPart(row: PartRow): PartRecord {
  return {
    source: row.source,
    partNumber: Number(row.part_number),
    size: Number(row.size),
    checksum: row.checksum,
    creationTime: new Date(Number(row.creation_time)),
    lastUpdatedTime: new Date(Number(row.last_updated_time)),
  };
}

type ReadSetDocument = Pick<
  ReadSetRecord,
  "readSet" | "statusMessage" | "files" | "etag" | "sequenceInformation"
>;

function documentOf(record: ReadSetRecord): string {
  const document: ReadSetDocument = {
    readSet: record.readSet,
    ...(record.statusMessage !== undefined ? { statusMessage: record.statusMessage } : {}),
    ...(record.files ? { files: record.files } : {}),
    ...(record.etag ? { etag: record.etag } : {}),
    ...(record.sequenceInformation ? { sequenceInformation: record.sequenceInformation } : {}),
  };
  return JSON.stringify(document);
}

function toReadSet(row: ReadSetRow): ReadSetRecord {
  const document = JSON.parse(row.document) as ReadSetDocument;
  return {
    accountId: row.account_id,
    storeId: row.store_id,
    id: row.id,
    uploadId: row.upload_id,
    status: row.status as ReadSetStatus,
    creationTime: new Date(Number(row.creation_time)),
    ...document,
  };
}
