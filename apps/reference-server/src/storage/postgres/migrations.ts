import type pg from "pg";
import { DatabaseTooNewError } from "../database-too-new-error.js";

/**
 * Schema migrations of the PostgreSQL repository, applied in order; the schema_migrations table records
 * which have run. Never edit an entry that has shipped; append a new one. The schema is the SQLite one as it
 * stands after its migration 4, written for PostgreSQL: the same columns (nested members as JSON text, times
 * as epoch milliseconds), so both engines read and write one row shape.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  // 1: sequence stores and their bookkeeping. Keys compare bytewise (COLLATE "C"), as SQLite's do, so both
  // engines list in the same (creation_time, id) order whatever the database's locale.
  `
  -- Row numbers, handed out by one sequence across all server instances; a store's id is derived from its
  -- row number (store-id-cipher.ts), so ids of different instances never collide. nextval never goes back,
  -- not even when a transaction rolls back, so a deleted store's id is never given out again.
  CREATE SEQUENCE sequence_store_rows AS bigint MINVALUE 1 MAXVALUE 9000000000;

  CREATE TABLE sequence_stores (
    row_number bigint PRIMARY KEY,
    account_id text COLLATE "C" NOT NULL,
    id text COLLATE "C" NOT NULL,
    arn text NOT NULL,
    name text COLLATE "C" NOT NULL,
    description text,
    sse_config text,
    fallback_location text,
    etag_algorithm_family text,
    status text COLLATE "C" NOT NULL,
    status_message text,
    propagated_set_level_tags text,
    s3_access text,
    tags text,
    client_token text COLLATE "C",
    request_hash text NOT NULL,
    creation_time bigint NOT NULL,
    update_time bigint NOT NULL
  );
  -- Ids stay unique per account whoever chose them (derived, or drawn by a caller).
  CREATE UNIQUE INDEX sequence_stores_id ON sequence_stores (account_id, id);
  -- Idempotency across instances: of two concurrent creates with one token, the second insert waits for
  -- the first transaction and then fails; the repository runs it again, and it finds the first store.
  CREATE UNIQUE INDEX sequence_stores_client_token
    ON sequence_stores (account_id, client_token) WHERE client_token IS NOT NULL;
  CREATE INDEX sequence_stores_creation ON sequence_stores (account_id, creation_time, id);
  CREATE INDEX sequence_stores_name_creation ON sequence_stores (account_id, name, creation_time, id);
  CREATE INDEX sequence_stores_status_creation ON sequence_stores (account_id, status, creation_time, id);

  -- Per-account store count: the quota check locks the account's row, so creates of one account on every
  -- instance take their quota slots one after another.
  CREATE TABLE account_usage (
    account_id text COLLATE "C" PRIMARY KEY,
    sequence_store_count integer NOT NULL CHECK (sequence_store_count >= 0)
  );

  CREATE TABLE retired_client_tokens (
    account_id text COLLATE "C" NOT NULL,
    client_token text COLLATE "C" NOT NULL,
    store_id text NOT NULL,
    deletion_time bigint NOT NULL,
    PRIMARY KEY (account_id, client_token)
  );

  CREATE TABLE update_client_tokens (
    account_id text COLLATE "C" NOT NULL,
    client_token text COLLATE "C" NOT NULL,
    store_id text COLLATE "C" NOT NULL,
    request_hash text NOT NULL,
    result text NOT NULL,
    PRIMARY KEY (account_id, client_token)
  );
  CREATE INDEX update_client_tokens_store ON update_client_tokens (account_id, store_id);

  -- Secrets every instance shares (the list-token key, the store-id key): a nextToken from one instance
  -- verifies on another.
  CREATE TABLE secrets (
    name text PRIMARY KEY,
    value bytea NOT NULL
  );
  `,
];

/** Any constant: the advisory lock that keeps two instances from migrating one database at once. */
const MIGRATION_LOCK = 0x5e95_7002;

/** The newest schema version the database has (0 when it has none yet). */
export async function postgresSchemaVersion(client: pg.ClientBase): Promise<number> {
  const table = await client.query<{ exists: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS exists",
  );
  if (!table.rows[0]?.exists) return 0;
  const result = await client.query<{ version: number | null }>(
    "SELECT max(version) AS version FROM schema_migrations",
  );
  return result.rows[0]?.version ?? 0;
}

/**
 * Brings the database to the newest schema in one transaction (PostgreSQL's DDL is transactional: a
 * migration that fails leaves nothing behind). Instances starting together wait for each other on an
 * advisory lock, and each re-reads the version under it, so every migration runs once.
 */
export async function migratePostgres(client: pg.ClientBase): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const current = await postgresSchemaVersion(client);
    if (current > POSTGRES_MIGRATIONS.length) {
      throw new DatabaseTooNewError(current, POSTGRES_MIGRATIONS.length);
    }
    for (let version = current + 1; version <= POSTGRES_MIGRATIONS.length; version++) {
      await client.query(POSTGRES_MIGRATIONS[version - 1]!);
      await client.query("INSERT INTO schema_migrations (version) VALUES ($1)", [version]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
