import type Database from "better-sqlite3";
import { DatabaseTooNewError } from "../database-too-new-error.js";

export { DatabaseTooNewError };

/**
 * Schema migrations, applied in order. PRAGMA user_version records how many have run, so each entry runs
 * exactly once per database. Never edit an entry that has shipped; append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: sequence stores, keyed per account. Nested members are JSON text; times are epoch milliseconds.
  `
  CREATE TABLE sequence_stores (
    account_id TEXT NOT NULL,
    id TEXT NOT NULL,
    arn TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    sse_config TEXT,
    fallback_location TEXT,
    etag_algorithm_family TEXT,
    status TEXT NOT NULL,
    status_message TEXT,
    propagated_set_level_tags TEXT,
    s3_access TEXT,
    tags TEXT,
    client_token TEXT,
    request_hash TEXT NOT NULL,
    creation_time INTEGER NOT NULL,
    update_time INTEGER NOT NULL,
    PRIMARY KEY (account_id, id)
  ) WITHOUT ROWID;

  -- Idempotency: one store per (account, token). The partial index leaves token-less creates unconstrained.
  CREATE UNIQUE INDEX sequence_stores_client_token
    ON sequence_stores (account_id, client_token) WHERE client_token IS NOT NULL;

  -- Listing in creation order (keyset pagination) and filtering by name stay index scans at any size.
  CREATE INDEX sequence_stores_creation ON sequence_stores (account_id, creation_time, id);
  CREATE INDEX sequence_stores_name ON sequence_stores (account_id, name);

  -- Per-account store count, maintained in the create transaction, so the quota check is one row read
  -- instead of a COUNT(*) that grows with the table.
  CREATE TABLE account_usage (
    account_id TEXT PRIMARY KEY,
    sequence_store_count INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // 2: the lifecycle (get, list, update, delete).
  `
  -- Create tokens of deleted stores. They are never reused, so a late retry of a create cannot bring a
  -- deleted store back.
  CREATE TABLE retired_client_tokens (
    account_id TEXT NOT NULL,
    client_token TEXT NOT NULL,
    store_id TEXT NOT NULL,
    deletion_time INTEGER NOT NULL,
    PRIMARY KEY (account_id, client_token)
  ) WITHOUT ROWID;

  -- Update idempotency: what each token asked for and the store as its update left it (a row as JSON).
  CREATE TABLE update_client_tokens (
    account_id TEXT NOT NULL,
    client_token TEXT NOT NULL,
    store_id TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    result TEXT NOT NULL,
    PRIMARY KEY (account_id, client_token)
  ) WITHOUT ROWID;
  -- A delete drops the update tokens of its store.
  CREATE INDEX update_client_tokens_store ON update_client_tokens (account_id, store_id);

  -- List filters on name or status walk these in page order (creation_time, id): a page reads only the
  -- rows it returns, however many stores the account has.
  DROP INDEX sequence_stores_name;
  CREATE INDEX sequence_stores_name_creation ON sequence_stores (account_id, name, creation_time, id);
  CREATE INDEX sequence_stores_status_creation ON sequence_stores (account_id, status, creation_time, id);

  -- Per-database secrets (e.g. the key that signs list pagination tokens), drawn on first use.
  CREATE TABLE secrets (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
  ) WITHOUT ROWID;
  `,
  // 3: rows clustered in creation order. A rowid table whose INTEGER PRIMARY KEY is handed out in insert
  // order keeps the stores of one list page on neighbouring pages (the page walks an index in creation order,
  // then reads each row by its rowid), where the WITHOUT ROWID table keyed by the random id scattered them
  // over the whole file. (account_id, id) stays unique through its own, narrow index.
  `
  CREATE TABLE sequence_stores_in_creation_order (
    row_number INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL,
    id TEXT NOT NULL,
    arn TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    sse_config TEXT,
    fallback_location TEXT,
    etag_algorithm_family TEXT,
    status TEXT NOT NULL,
    status_message TEXT,
    propagated_set_level_tags TEXT,
    s3_access TEXT,
    tags TEXT,
    client_token TEXT,
    request_hash TEXT NOT NULL,
    creation_time INTEGER NOT NULL,
    update_time INTEGER NOT NULL
  );
  INSERT INTO sequence_stores_in_creation_order (
    account_id, id, arn, name, description, sse_config, fallback_location, etag_algorithm_family, status,
    status_message, propagated_set_level_tags, s3_access, tags, client_token, request_hash, creation_time,
    update_time
  )
  SELECT
    account_id, id, arn, name, description, sse_config, fallback_location, etag_algorithm_family, status,
    status_message, propagated_set_level_tags, s3_access, tags, client_token, request_hash, creation_time,
    update_time
  FROM sequence_stores ORDER BY creation_time, id;
  -- Dropping the old table drops its indexes too; they are rebuilt on the new one under the same names.
  DROP TABLE sequence_stores;
  ALTER TABLE sequence_stores_in_creation_order RENAME TO sequence_stores;

  CREATE UNIQUE INDEX sequence_stores_id ON sequence_stores (account_id, id);
  CREATE UNIQUE INDEX sequence_stores_client_token
    ON sequence_stores (account_id, client_token) WHERE client_token IS NOT NULL;
  CREATE INDEX sequence_stores_creation ON sequence_stores (account_id, creation_time, id);
  CREATE INDEX sequence_stores_name_creation ON sequence_stores (account_id, name, creation_time, id);
  CREATE INDEX sequence_stores_status_creation ON sequence_stores (account_id, status, creation_time, id);
  `,
  // 4: ids derived from row numbers (store-id-cipher.ts), so a Get reads its row without an index. Row
  // numbers come from a counter that only grows (starting after the highest row in use), so a deleted
  // store's row number, and the id derived from it, is never given to another store. Ids that are not
  // derived from their row (every id of an older database, ids a caller chose) are listed with their row in
  // drawn_store_ids, whose key keeps them unique; the (account_id, id) index, which every create had to
  // update at a random place, goes.
  `
  CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO counters (name, value)
  SELECT 'sequence_store_row', COALESCE(MAX(row_number), 0) FROM sequence_stores;
  CREATE TABLE drawn_store_ids (
    account_id TEXT NOT NULL,
    id TEXT NOT NULL,
    row_number INTEGER NOT NULL,
    PRIMARY KEY (account_id, id)
  ) WITHOUT ROWID;
  INSERT INTO drawn_store_ids (account_id, id, row_number) SELECT account_id, id, row_number FROM sequence_stores;
  DROP INDEX sequence_stores_id;
  `,
  // 5: read sets, their multipart uploads and the uploads' parts (storage/read-sets/).
  `
  -- Read sets and their multipart uploads. Part bytes live in files under the data directory; these rows
  -- say which files count. Times are epoch milliseconds; request, completion and document are JSON text.
  CREATE TABLE read_set_uploads (
    upload_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    store_id TEXT NOT NULL,
    state TEXT NOT NULL,
    read_set_id TEXT,
    creation_time INTEGER NOT NULL,
    request TEXT NOT NULL,
    completion TEXT
  );
  CREATE INDEX read_set_uploads_store ON read_set_uploads (account_id, store_id, creation_time, upload_id);
  CREATE TABLE read_set_parts (
    upload_id TEXT NOT NULL,
    source TEXT NOT NULL,
    part_number INTEGER NOT NULL,
    size INTEGER NOT NULL,
    checksum TEXT NOT NULL,
    creation_time INTEGER NOT NULL,
    last_updated_time INTEGER NOT NULL,
    PRIMARY KEY (upload_id, source, part_number)
  );
  CREATE TABLE read_sets (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    store_id TEXT NOT NULL,
    upload_id TEXT NOT NULL,
    status TEXT NOT NULL,
    creation_time INTEGER NOT NULL,
    name TEXT NOT NULL,
    sample_id TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    reference_arn TEXT,
    generated_from TEXT,
    document TEXT NOT NULL
  );
  CREATE INDEX read_sets_store ON read_sets (account_id, store_id, creation_time, id);
  `,
  // 6: CreateMultipartReadSetUpload's client tokens (storage/read-sets/).
  `
  -- A token is remembered per account and store, with the hash of the request it came with and the upload
  -- it made, after the upload is gone too (so a late retry cannot open a second upload).
  CREATE TABLE read_set_upload_tokens (
    account_id TEXT NOT NULL,
    store_id TEXT NOT NULL,
    client_token TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    upload_id TEXT NOT NULL,
    PRIMARY KEY (account_id, store_id, client_token)
  ) WITHOUT ROWID;
  `,
];

export function schemaVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/**
 * Brings the database to the newest schema, one transaction per migration. The version is re-read inside
 * each write transaction, so two processes opening a fresh file at once do not both apply a migration.
 */
export function migrate(db: Database.Database): void {
  const applyNext = db.transaction((): boolean => {
    const current = schemaVersion(db);
    if (current > MIGRATIONS.length) throw new DatabaseTooNewError(current, MIGRATIONS.length);
    if (current === MIGRATIONS.length) return false;
    db.exec(MIGRATIONS[current]!);
    db.pragma(`user_version = ${current + 1}`);
    return true;
  });
  while (applyNext.immediate()) {
    // one migration per transaction until none is left
  }
}
