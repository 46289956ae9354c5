import type Database from "better-sqlite3";

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
];

export class DatabaseTooNewError extends Error {
  constructor(found: number, known: number) {
    super(
      `the database has schema version ${found}, but this server knows only up to ${known}; use a newer server`,
    );
    this.name = "DatabaseTooNewError";
  }
}

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
