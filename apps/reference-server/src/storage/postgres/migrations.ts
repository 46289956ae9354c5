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
  -- the first transaction and then finds its row (see seqstore_create_store).
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
  // 2: a create in one round trip. The function does what the repository's transaction did statement by
  // statement (token lookup, retired token, quota slot, insert), as one statement in its own transaction.
  // Outcomes: created, replayed (detail: the stored row as JSON), tokenConflict, tokenRetired (detail: the
  // deleted store's id), quotaExceeded.
  `
  CREATE FUNCTION seqstore_create_store(
    p_row_number bigint, p_account_id text, p_id text, p_arn text, p_name text, p_description text,
    p_sse_config text, p_fallback_location text, p_etag_algorithm_family text, p_status text,
    p_status_message text, p_propagated_set_level_tags text, p_s3_access text, p_tags text,
    p_client_token text, p_request_hash text, p_creation_time bigint, p_update_time bigint,
    p_max_stores integer
  ) RETURNS TABLE (outcome text, detail text) LANGUAGE plpgsql AS $$
  DECLARE
    existing sequence_stores;
    retired_id text;
  BEGIN
    IF p_client_token IS NOT NULL THEN
      SELECT * INTO existing FROM sequence_stores
        WHERE account_id = p_account_id AND client_token = p_client_token;
      IF FOUND THEN
        RETURN QUERY SELECT CASE WHEN existing.request_hash = p_request_hash THEN 'replayed' ELSE 'tokenConflict' END,
          row_to_json(existing)::text;
        RETURN;
      END IF;
      SELECT store_id INTO retired_id FROM retired_client_tokens
        WHERE account_id = p_account_id AND client_token = p_client_token;
      IF FOUND THEN
        RETURN QUERY SELECT 'tokenRetired'::text, retired_id;
        RETURN;
      END IF;
    END IF;

    IF p_max_stores < 1 THEN
      RETURN QUERY SELECT 'quotaExceeded'::text, NULL::text;
      RETURN;
    END IF;
    -- The quota slot; the account's row stays locked until this transaction ends, whether raised or not.
    INSERT INTO account_usage AS usage (account_id, sequence_store_count) VALUES (p_account_id, 1)
      ON CONFLICT (account_id) DO UPDATE SET sequence_store_count = usage.sequence_store_count + 1
      WHERE usage.sequence_store_count < p_max_stores;
    IF NOT FOUND THEN
      -- Full. Every create that held the row has ended: one may have made this token's store meanwhile,
      -- and a full account still replays its tokens.
      IF p_client_token IS NOT NULL THEN
        SELECT * INTO existing FROM sequence_stores
          WHERE account_id = p_account_id AND client_token = p_client_token;
        IF FOUND THEN
          RETURN QUERY SELECT CASE WHEN existing.request_hash = p_request_hash THEN 'replayed' ELSE 'tokenConflict' END,
            row_to_json(existing)::text;
          RETURN;
        END IF;
      END IF;
      RETURN QUERY SELECT 'quotaExceeded'::text, NULL::text;
      RETURN;
    END IF;

    INSERT INTO sequence_stores (
      row_number, account_id, id, arn, name, description, sse_config, fallback_location, etag_algorithm_family,
      status, status_message, propagated_set_level_tags, s3_access, tags, client_token, request_hash,
      creation_time, update_time
    ) VALUES (
      p_row_number, p_account_id, p_id, p_arn, p_name, p_description, p_sse_config, p_fallback_location,
      p_etag_algorithm_family, p_status, p_status_message, p_propagated_set_level_tags, p_s3_access, p_tags,
      p_client_token, p_request_hash, p_creation_time, p_update_time
    ) ON CONFLICT (account_id, client_token) WHERE client_token IS NOT NULL DO NOTHING;
    IF FOUND THEN
      RETURN QUERY SELECT 'created'::text, NULL::text;
      RETURN;
    END IF;

    -- A create with this token committed after the lookup above: give the slot back and answer with its store.
    UPDATE account_usage SET sequence_store_count = sequence_store_count - 1 WHERE account_id = p_account_id;
    SELECT * INTO existing FROM sequence_stores
      WHERE account_id = p_account_id AND client_token = p_client_token;
    RETURN QUERY SELECT CASE WHEN existing.request_hash = p_request_hash THEN 'replayed' ELSE 'tokenConflict' END,
      row_to_json(existing)::text;
  END
  $$;
  `,
  // 3: read sets, their multipart uploads and the uploads' parts (storage/read-sets/).
  `
  -- Read sets and their multipart uploads. Part bytes live in files under the data directory; these rows
  -- say which files count. Times are epoch milliseconds; request, completion and document are JSON text.
  CREATE TABLE read_set_uploads (
    upload_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    store_id TEXT NOT NULL,
    state TEXT NOT NULL,
    read_set_id TEXT,
    creation_time BIGINT NOT NULL,
    request TEXT NOT NULL,
    completion TEXT
  );
  CREATE INDEX read_set_uploads_store ON read_set_uploads (account_id, store_id, creation_time, upload_id);
  CREATE TABLE read_set_parts (
    upload_id TEXT NOT NULL,
    source TEXT NOT NULL,
    part_number INTEGER NOT NULL,
    size BIGINT NOT NULL,
    checksum TEXT NOT NULL,
    creation_time BIGINT NOT NULL,
    last_updated_time BIGINT NOT NULL,
    PRIMARY KEY (upload_id, source, part_number)
  );
  CREATE TABLE read_sets (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    store_id TEXT NOT NULL,
    upload_id TEXT NOT NULL,
    status TEXT NOT NULL,
    creation_time BIGINT NOT NULL,
    name TEXT NOT NULL,
    sample_id TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    reference_arn TEXT,
    generated_from TEXT,
    document TEXT NOT NULL
  );
  CREATE INDEX read_sets_store ON read_sets (account_id, store_id, creation_time, id);
  `,
  // 4: CreateMultipartReadSetUpload's client tokens (storage/read-sets/).
  `
  -- A token is remembered per account and store, with the hash of the request it came with and the upload
  -- it made, after the upload is gone too (so a late retry cannot open a second upload). Two creates racing
  -- with one token: the second insert breaks the primary key and its transaction runs again, finding the first.
  CREATE TABLE read_set_upload_tokens (
    account_id TEXT NOT NULL,
    store_id TEXT NOT NULL,
    client_token TEXT COLLATE "C" NOT NULL,
    request_hash TEXT NOT NULL,
    upload_id TEXT NOT NULL,
    PRIMARY KEY (account_id, store_id, client_token)
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
