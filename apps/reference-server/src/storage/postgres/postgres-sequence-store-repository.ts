import { randomBytes } from "node:crypto";
import type pg from "pg";
import { BUSY_STATUS, planUpdate } from "../apply-changes.js";
import { DatabaseTooNewError } from "../database-too-new-error.js";
import type { ListPage, SecretName, SequenceStoreRepository } from "../sequence-store-repository.js";
import type {
  CreateSequenceStoreCommand,
  CreateSequenceStoreOutcome,
  DeleteSequenceStoreCommand,
  DeleteSequenceStoreOutcome,
  SequenceStoreRecord,
  UpdateSequenceStoreCommand,
  UpdateSequenceStoreOutcome,
} from "../sequence-store-record.js";
import { fromRow, type SequenceStoreRow, storeRowValues, toRow } from "../sequence-store-row.js";
import { newStoreRecord } from "../new-store-record.js";
import { MAX_ROW_NUMBER, StoreIdCipher } from "../store-id-cipher.js";
import { createPool, type PostgresPoolOptions, PostgresOpenError } from "./connection.js";
import { migratePostgres } from "./migrations.js";
import { RowNumbers } from "./row-numbers.js";
import type { SqlEngine } from "../read-sets/sql-engine.js";

/** Times one transaction runs before its error is given up to the caller (a lost race re-runs it). */
const MAX_TRANSACTION_ATTEMPTS = 5;
/** Ids a create that draws them (tests) tries before giving up. */
const MAX_ID_ATTEMPTS = 20;
const SECRET_BYTES = 32;

/**
 * Errors after which the whole transaction runs again: a unique index refused a row another transaction
 * committed first (a racing create with the same token, an id a caller drew twice), or PostgreSQL chose
 * this transaction to break a deadlock or a serialization conflict. The next attempt reads what won.
 */
const RETRY_CODES = new Set(["23505", "40001", "40P01"]);

const STORE_COLUMNS = `account_id, id, arn, name, description, sse_config, fallback_location, etag_algorithm_family,
  status, status_message, propagated_set_level_tags, s3_access, tags, client_token, request_hash, creation_time,
  update_time`;

const SQL = {
  byId: `SELECT row_number, ${STORE_COLUMNS} FROM sequence_stores WHERE account_id = $1 AND id = $2`,
  byIdForUpdate: `SELECT row_number, ${STORE_COLUMNS} FROM sequence_stores WHERE account_id = $1 AND id = $2 FOR UPDATE`,
  idTaken: "SELECT 1 FROM sequence_stores WHERE account_id = $1 AND id = $2",
  create: `SELECT outcome, detail FROM seqstore_create_store(
    $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
  usage: "SELECT sequence_store_count FROM account_usage WHERE account_id = $1",
  updateToken:
    "SELECT store_id, request_hash, result FROM update_client_tokens WHERE account_id = $1 AND client_token = $2",
  update: `
    UPDATE sequence_stores SET name = $2, description = $3, fallback_location = $4,
      propagated_set_level_tags = $5, s3_access = $6, update_time = $7
    WHERE row_number = $1`,
  rememberUpdateToken: `
    INSERT INTO update_client_tokens (account_id, client_token, store_id, request_hash, result)
    VALUES ($1, $2, $3, $4, $5)`,
  delete: "DELETE FROM sequence_stores WHERE row_number = $1",
  retireToken: `
    INSERT INTO retired_client_tokens (account_id, client_token, store_id, deletion_time) VALUES ($1, $2, $3, $4)
    ON CONFLICT (account_id, client_token) DO NOTHING`,
  forgetUpdateTokens: "DELETE FROM update_client_tokens WHERE account_id = $1 AND store_id = $2",
  dropUsage: `
    UPDATE account_usage SET sequence_store_count = sequence_store_count - 1
    WHERE account_id = $1 AND sequence_store_count > 0`,
  drawSecret: "INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
  secret: "SELECT value FROM secrets WHERE name = $1",
} as const;

type NumberedRow = SequenceStoreRow & { row_number: number };

interface UpdateTokenRow {
  store_id: string;
  request_hash: string;
  result: string;
}

export class PostgresIdSpaceExhaustedError extends Error {
  constructor(accountId: string) {
    super(`could not find a free sequence store id for account ${accountId}`);
    this.name = "PostgresIdSpaceExhaustedError";
  }
}

export type OpenPostgresOptions = PostgresPoolOptions;

/**
 * Connects, migrates and reads the shared secrets. Fails with one PostgresOpenError (password hidden) when
 * the database cannot be reached or refuses the schema, and leaves no connection open then.
 */
export async function openPostgresRepository(
  url: string,
  options: OpenPostgresOptions = {},
): Promise<PostgresSequenceStoreRepository> {
  const pool = createPool(url, options);
  try {
    const client = await pool.connect();
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on("error", onError);
    try {
      await migratePostgres(client);
    } finally {
      client.off("error", onError);
      client.release(broken);
    }
    const idKey = await loadSecret(pool, "store-id");
    return new PostgresSequenceStoreRepository(pool, idKey);
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof DatabaseTooNewError) throw error;
    throw new PostgresOpenError(url, error);
  }
}

async function loadSecret(pool: pg.Pool, name: SecretName): Promise<Uint8Array> {
  // Instances may draw at once; DO NOTHING keeps the first, and every one reads that back.
  await pool.query(SQL.drawSecret, [name, randomBytes(SECRET_BYTES)]);
  const row = (await pool.query<{ value: Buffer }>(SQL.secret, [name])).rows[0];
  if (row === undefined) throw new Error(`the secret ${name} could not be stored`);
  return new Uint8Array(row.value);
}

/** Whether a pg error code is a SQLSTATE the server sent (five characters), not a client-side failure. */
function isSqlState(code: unknown): code is string {
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);
}

/**
 * Sequence stores in PostgreSQL, for several server instances on one database. Every write is one
 * transaction at READ COMMITTED (a create is one statement, seqstore_create_store): the unique indexes and
 * the row lock of the account's usage row decide races between instances (one store per token, the quota),
 * and a transaction that lost such a race sees what won, or runs again. A commit returns once PostgreSQL has flushed it (synchronous_commit on), so every
 * acknowledged write is durable. Connection failures are thrown to the caller (a 500 the client retries;
 * client tokens make the retry safe); the pool reconnects on its own once the database is back.
 */
export class PostgresSequenceStoreRepository implements SequenceStoreRepository {
  readonly #pool: pg.Pool;
  readonly #ids: StoreIdCipher;
  readonly #rowNumbers: RowNumbers;
  readonly #secrets = new Map<SecretName, Promise<Uint8Array>>();

  constructor(pool: pg.Pool, idKey: Uint8Array) {
    this.#pool = pool;
    this.#ids = new StoreIdCipher(idKey);
    this.#rowNumbers = new RowNumbers(pool);
    this.#secrets.set("store-id", Promise.resolve(idKey));
  }

  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.#pool.connect();
      let broken: Error | undefined;
      // A connection cut between two statements (the server stopped) is reported as an event on the client;
      // unheard, it would crash the process. The statement that follows fails, and the pool drops the client.
      const onError = (error: Error) => {
        broken = error;
      };
      client.on("error", onError);
      try {
        await client.query("BEGIN");
        const result = await work(client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (isSqlState(code)) {
          try {
            await client.query("ROLLBACK");
          } catch (rollbackError) {
            broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
          }
        } else {
          // Not an answer of the server (a timeout, a cut connection): the connection's state is unknown and
          // a ROLLBACK could wait as long again. The pool drops it; the server rolls back when it closes.
          broken = error instanceof Error ? error : new Error(String(error));
        }
        if (typeof code === "string" && RETRY_CODES.has(code) && attempt < MAX_TRANSACTION_ATTEMPTS) continue;
        throw error;
      } finally {
        client.off("error", onError);
        client.release(broken);
      }
    }
  }

  /**
   * One statement: seqstore_create_store (migration 2) looks the token up, takes the quota slot and inserts,
   * in the statement's own transaction. Only an id drawn by the caller (tests) can collide (23505): then the
   * create runs again with the next id.
   */
  async create(command: CreateSequenceStoreCommand): Promise<CreateSequenceStoreOutcome> {
    const { accountId, clientToken } = command;
    for (let attempt = 1; ; attempt++) {
      const rowNumber = await this.#rowNumbers.next();
      if (rowNumber > MAX_ROW_NUMBER) throw new PostgresIdSpaceExhaustedError(accountId);
      let kept = false;
      try {
        const id = command.newId
          ? await this.#drawnFreeId(accountId, command.newId)
          : this.#ids.idForRow(rowNumber);
        const store = newStoreRecord(command, id);
        const row = toRow(store, clientToken, command.requestHash);
        const result = (
          await this.#pool.query<{ outcome: string; detail: string | null }>({
            // Named: each connection parses and plans it once.
            name: "seqstore-create-store",
            text: SQL.create,
            values: [...storeRowValues(rowNumber, row), command.maxStores],
          })
        ).rows[0];
        kept = result?.outcome === "created";
        return this.#createOutcome(command, store, result);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (typeof code === "string" && RETRY_CODES.has(code) && attempt < MAX_TRANSACTION_ATTEMPTS) continue;
        throw error;
      } finally {
        if (!kept) this.#rowNumbers.giveBack(rowNumber);
      }
    }
  }

  #createOutcome(
    command: CreateSequenceStoreCommand,
    store: SequenceStoreRecord,
    result: { outcome: string; detail: string | null } | undefined,
  ): CreateSequenceStoreOutcome {
    const clientToken = command.clientToken ?? "";
    switch (result?.outcome) {
      case "created":
        return { kind: "created", store };
      case "replayed":
        return { kind: "replayed", store: fromRow(JSON.parse(result.detail ?? "null") as SequenceStoreRow) };
      case "tokenConflict":
        return { kind: "tokenConflict", clientToken };
      case "tokenRetired":
        return { kind: "tokenRetired", clientToken, storeId: result.detail ?? "" };
      case "quotaExceeded":
        return { kind: "quotaExceeded", maxStores: command.maxStores };
      default:
        throw new Error(`seqstore_create_store answered ${JSON.stringify(result)}`);
    }
  }

  /** An id from the caller's generator that no store of the account holds (a race is caught by 23505). */
  async #drawnFreeId(accountId: string, newId: () => string): Promise<string> {
    for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      const id = newId();
      if ((await this.#pool.query(SQL.idTaken, [accountId, id])).rowCount === 0) return id;
    }
    throw new PostgresIdSpaceExhaustedError(accountId);
  }

  async get(accountId: string, id: string): Promise<SequenceStoreRecord | undefined> {
    const row = (
      await this.#pool.query<NumberedRow>({
        name: "seqstore-get-store",
        text: SQL.byId,
        values: [accountId, id],
      })
    ).rows[0];
    return row === undefined ? undefined : fromRow(row);
  }

  async list(accountId: string, page: ListPage): Promise<SequenceStoreRecord[]> {
    const { limit, after, filter = {} } = page;
    const values: unknown[] = [accountId];
    const where = ["account_id = $1"];
    const condition = (sql: (placeholder: string) => string, value: unknown) => {
      values.push(value);
      where.push(sql(`$${values.length}`));
    };
    if (filter.name !== undefined) condition((p) => `name = ${p}`, filter.name);
    if (filter.status !== undefined) condition((p) => `status = ${p}`, filter.status);
    if (filter.createdAfter !== undefined)
      condition((p) => `creation_time > ${p}`, filter.createdAfter.getTime());
    if (filter.createdBefore !== undefined)
      condition((p) => `creation_time < ${p}`, filter.createdBefore.getTime());
    if (filter.updatedAfter !== undefined)
      condition((p) => `update_time > ${p}`, filter.updatedAfter.getTime());
    if (filter.updatedBefore !== undefined)
      condition((p) => `update_time < ${p}`, filter.updatedBefore.getTime());
    if (after !== undefined) {
      values.push(after.creationTime.getTime(), after.id);
      where.push(`(creation_time, id) > ($${values.length - 1}, $${values.length})`);
    }
    values.push(limit);
    const sql = `SELECT ${STORE_COLUMNS} FROM sequence_stores WHERE ${where.join(" AND ")} ORDER BY creation_time, id LIMIT $${values.length}`;
    return (await this.#pool.query<SequenceStoreRow>(sql, values)).rows.map(fromRow);
  }

  async update(command: UpdateSequenceStoreCommand): Promise<UpdateSequenceStoreOutcome> {
    return this.#transaction((client) => this.#updateIn(client, command));
  }

  async #updateIn(
    client: pg.PoolClient,
    command: UpdateSequenceStoreCommand,
  ): Promise<UpdateSequenceStoreOutcome> {
    const { accountId, id, clientToken } = command;
    // The row lock orders concurrent updates and deletes of one store, on every instance.
    const row = (await client.query<NumberedRow>(SQL.byIdForUpdate, [accountId, id])).rows[0];
    if (row === undefined) return { kind: "notFound" };
    const previous =
      clientToken === undefined
        ? undefined
        : (await client.query<UpdateTokenRow>(SQL.updateToken, [accountId, clientToken])).rows[0];
    const plan = planUpdate(row, previous, command);
    if (plan.kind === "answer") return plan.outcome;
    if (!plan.unchanged) {
      const { name, description, fallback_location, propagated_set_level_tags, s3_access, update_time } =
        plan.row;
      await client.query(SQL.update, [
        row.row_number,
        name,
        description,
        fallback_location,
        propagated_set_level_tags,
        s3_access,
        update_time,
      ]);
    }
    if (clientToken !== undefined) {
      await client.query(SQL.rememberUpdateToken, [
        accountId,
        clientToken,
        id,
        command.requestHash,
        JSON.stringify(plan.row),
      ]);
    }
    return { kind: plan.unchanged ? "unchanged" : "updated", store: plan.store };
  }

  async delete(command: DeleteSequenceStoreCommand): Promise<DeleteSequenceStoreOutcome> {
    return this.#transaction(async (client) => {
      const { accountId, id } = command;
      const row = (await client.query<NumberedRow>(SQL.byIdForUpdate, [accountId, id])).rows[0];
      if (row === undefined) return { kind: "notFound" };
      if (row.status === BUSY_STATUS) return { kind: "conflict", status: row.status };
      await client.query(SQL.delete, [row.row_number]);
      if (row.client_token !== null) {
        await client.query(SQL.retireToken, [accountId, row.client_token, id, command.now.getTime()]);
      }
      await client.query(SQL.forgetUpdateTokens, [accountId, id]);
      await client.query(SQL.dropUsage, [accountId]);
      return { kind: "deleted", store: fromRow(row) };
    });
  }

  async count(accountId: string): Promise<number> {
    const row = (await this.#pool.query<{ sequence_store_count: number }>(SQL.usage, [accountId])).rows[0];
    return row?.sequence_store_count ?? 0;
  }

  secret(name: SecretName): Promise<Uint8Array> {
    let value = this.#secrets.get(name);
    if (value === undefined) {
      value = loadSecret(this.#pool, name);
      this.#secrets.set(name, value);
      // A failed read (database away) is not remembered: the next request asks again.
      value.catch(() => this.#secrets.delete(name));
    }
    return value;
  }

  /** Read-set transactions (READ COMMITTED, retried like the stores' on a lost race). */
  readSetEngine(): SqlEngine {
    return {
      transaction: (work) =>
        this.#transaction((client) =>
          work(async <R>(sql: string, params: readonly unknown[] = []) => {
            let n = 0;
            const numbered = sql.replace(/\?/g, () => `$${++n}`);
            return (await client.query(numbered, params as unknown[])).rows as R[];
          }),
        ),
    };
  }

  async ping(): Promise<void> {
    await this.#pool.query("SELECT 1");
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
