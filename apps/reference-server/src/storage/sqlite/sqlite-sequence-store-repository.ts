import { randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import { BUSY_STATUS, planUpdate } from "../apply-changes.js";
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
import { type OpenDatabaseOptions, openDatabase, walFileOf } from "./open-database.js";
import {
  fromRow,
  type SequenceStoreRow,
  type StoreRowValues,
  storeRowValues,
  toRow,
} from "../sequence-store-row.js";
import { newStoreRecord } from "../new-store-record.js";
import { LIST_QUERY_CONDITIONS, type ListQueryShape, listSql, SQL } from "./statements.js";
import type { SqlEngine, SqlQuery } from "../read-sets/sql-engine.js";
import { MAX_ROW_NUMBER, StoreIdCipher } from "../store-id-cipher.js";
import { BatchBookkeeping, type BookkeepingStore } from "./batch-bookkeeping.js";
import { Checkpointer } from "./checkpointer.js";
import { type SyncFile, WalSync } from "./wal-sync.js";

/**
 * Ids tried in one create before giving up. A derived id is taken only by a store whose id was drawn (an
 * older database's, or one a caller chose); then the next row number is tried. A drawn id is taken about as
 * rarely.
 */
const MAX_ID_ATTEMPTS = 20;

/** Bytes of a secret drawn for the database. */
const SECRET_BYTES = 32;

/** Wraps what a write threw inside a batch, to tell it from a failure of BEGIN or COMMIT. */
class WriteFailed extends Error {
  constructor(readonly original: unknown) {
    super("a write of the batch failed");
  }
}

export class IdSpaceExhaustedError extends Error {
  constructor(accountId: string) {
    super(`could not draw a free sequence store id for account ${accountId} in ${MAX_ID_ATTEMPTS} attempts`);
    this.name = "IdSpaceExhaustedError";
  }
}

export interface OpenRepositoryOptions extends Omit<OpenDatabaseOptions, "walSyncedByCaller"> {
  /** How the -wal file is synced (tests inject failures); default fs.fdatasync. */
  syncFile?: SyncFile;
  /** Checkpoint on a worker thread (default true for a file); false leaves it to SQLite's auto-checkpoint. */
  checkpointWorker?: boolean;
}

/**
 * With durability "full" (the default) on a WAL file, commits are synced by the repository off the event
 * loop (see wal-sync.ts), and every write is answered once its commit is on the disk. Checkpoints run on a
 * worker thread (see checkpointer.ts).
 */
export function openSqliteRepository(
  file: string,
  options: OpenRepositoryOptions = {},
): SqliteSequenceStoreRepository {
  const { syncFile, checkpointWorker = true, ...databaseOptions } = options;
  const db = openDatabase(file, { ...databaseOptions, walSyncedByCaller: true });
  const walFile = walFileOf(db);
  let walSync: WalSync | undefined;
  try {
    walSync =
      walFile === undefined || options.durability === "normal" ? undefined : new WalSync(walFile, syncFile);
  } catch (error) {
    db.close();
    throw error;
  }
  let checkpointer: Checkpointer | undefined;
  if (walFile !== undefined && checkpointWorker) {
    const autoCheckpoint = db.pragma("wal_autocheckpoint", { simple: true }) as number;
    db.pragma("wal_autocheckpoint = 0");
    checkpointer = new Checkpointer(walFile.slice(0, -"-wal".length), () => {
      if (db.open) db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
    });
  }
  return new SqliteSequenceStoreRepository(db, {
    ...(walSync ? { walSync } : {}),
    ...(checkpointer ? { checkpointer } : {}),
  });
}

type Statement<P extends unknown[] | object, R = unknown> = Database.Statement<P, R>;

/** A store's row with the row number it sits at. */
type NumberedRow = SequenceStoreRow & { row_number: number };

/** A write waiting for the next group commit. */
interface PendingWrite {
  /** Runs the write inside the batch's transaction (it may throw; see #commitBatch). */
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface UpdateTokenRow {
  store_id: string;
  request_hash: string;
  result: string;
}

export class SqliteSequenceStoreRepository implements SequenceStoreRepository {
  readonly #db: Database.Database;
  readonly #byToken: Statement<[string, string], SequenceStoreRow>;
  readonly #byRowAndId: Statement<[number, string, string], NumberedRow>;
  readonly #drawnRow: Statement<[string, string], { row_number: number }>;
  readonly #rememberDrawn: Statement<[string, string, number]>;
  readonly #forgetDrawn: Statement<[string, string]>;
  readonly #usage: Statement<[string], { sequence_store_count: number }>;
  readonly #anyDrawnId: Statement<[], { found: number }>;
  readonly #insert: Statement<StoreRowValues>;
  readonly #retiredToken: Statement<[string, string], { store_id: string }>;
  readonly #updateToken: Statement<[string, string], UpdateTokenRow>;
  readonly #update: Statement<NumberedRow>;
  readonly #rememberUpdateToken: Statement<[string, string, string, string, string]>;
  readonly #delete: Statement<[number]>;
  readonly #keepRowCounter: Statement<[]>;
  readonly #retireToken: Statement<[string, string, string, number]>;
  readonly #forgetUpdateTokens: Statement<[string, string]>;
  readonly #drawSecret: Statement<[string, Buffer]>;
  readonly #secret: Statement<[string], { value: Buffer }>;
  readonly #ping: Statement<[], unknown>;
  /** Prepared list statements by query shape (at most 2⁷ of them). */
  readonly #listStatements = new Map<string, Statement<Record<string, unknown>, SequenceStoreRow>>();
  readonly #secrets = new Map<SecretName, Uint8Array>();
  readonly #ids: StoreIdCipher;
  /** Writes that arrived since the last group commit, in arrival order. */
  #pending: PendingWrite[] = [];
  #commitScheduled = false;
  /** A batch whose writes run back to back; a write that throws rolls the whole batch back. */
  readonly #batch: Database.Transaction<(writes: PendingWrite[]) => unknown[]>;
  /** The same batch with every write in its own savepoint, for a batch in which a write threw. */
  readonly #isolatedBatch: Database.Transaction<(writes: PendingWrite[]) => Array<() => void>>;
  /** A savepoint around one write (inside a batch's transaction, better-sqlite3 nests as a savepoint). */
  readonly #savepoint: Database.Transaction<(run: () => unknown) => unknown>;
  /** How the bookkeeping of a batch reads and writes its rows. */
  readonly #bookkeepingStore: BookkeepingStore;
  /** The bookkeeping of the batch being committed (see batch-bookkeeping.ts); a new one for every batch. */
  #bookkeeping: BatchBookkeeping | undefined;

  /** Makes commits durable when SQLite does not (synchronous=NORMAL); absent: a commit is final at once. */
  readonly #walSync: WalSync | undefined;

  /** Checkpoints the log off the event loop; absent: SQLite's auto-checkpoint does. */
  readonly #checkpointer: Checkpointer | undefined;

  constructor(db: Database.Database, options: { walSync?: WalSync; checkpointer?: Checkpointer } = {}) {
    this.#db = db;
    this.#walSync = options.walSync;
    this.#checkpointer = options.checkpointer;
    this.#byToken = db.prepare(SQL.byToken);
    this.#byRowAndId = db.prepare(SQL.byRowAndId);
    this.#drawnRow = db.prepare(SQL.drawnRow);
    this.#rememberDrawn = db.prepare(SQL.rememberDrawn);
    this.#forgetDrawn = db.prepare(SQL.forgetDrawn);
    this.#usage = db.prepare(SQL.usage);
    this.#anyDrawnId = db.prepare(SQL.anyDrawnId);
    this.#insert = db.prepare(SQL.insert);
    this.#retiredToken = db.prepare(SQL.retiredToken);
    this.#updateToken = db.prepare(SQL.updateToken);
    this.#update = db.prepare(SQL.update);
    this.#rememberUpdateToken = db.prepare(SQL.rememberUpdateToken);
    this.#delete = db.prepare(SQL.delete);
    this.#keepRowCounter = db.prepare(SQL.keepRowCounter);
    this.#retireToken = db.prepare(SQL.retireToken);
    this.#forgetUpdateTokens = db.prepare(SQL.forgetUpdateTokens);
    this.#drawSecret = db.prepare(SQL.drawSecret);
    this.#secret = db.prepare(SQL.secret);
    this.#ping = db.prepare("SELECT 1");
    const rowCounter = db.prepare<[], { value: number }>(SQL.rowCounter);
    const setUsage = db.prepare<[string, number]>(SQL.setUsage);
    const anyRetired = db.prepare<[string], { found: number }>(SQL.anyRetiredToken);
    this.#bookkeepingStore = {
      readRowCounter: () => rowCounter.get()?.value ?? 0,
      readUsage: (accountId) => this.#usage.get(accountId)?.sequence_store_count,
      writeUsage: (accountId, count) => setUsage.run(accountId, count),
      anyRetiredToken: (accountId) => anyRetired.get(accountId) !== undefined,
      anyDrawnId: () => this.#anyDrawnId.get() !== undefined,
    };
    this.#batch = db.transaction((writes) => {
      const values = writes.map((write) => {
        try {
          return write.run();
        } catch (error) {
          throw new WriteFailed(error);
        }
      });
      this.#batchBookkeeping().flush();
      return values;
    });
    this.#isolatedBatch = db.transaction((writes) => {
      const settle = writes.map((write) => this.#runInSavepoint(write));
      this.#batchBookkeeping().flush();
      return settle;
    });
    this.#savepoint = db.transaction((run) => run());
    // Drawn (or read) now, outside any write batch, so no rolled-back batch can take a key back that ids
    // were already derived from.
    this.#ids = new StoreIdCipher(this.#secretNow("store-id"));
  }

  /**
   * Group commit: every write (create, update, delete) that arrives during one turn of the event loop runs
   * in one BEGIN IMMEDIATE transaction, so concurrent requests share one commit and one sync of the log
   * instead of paying one each. The writes run in arrival order, so a later write sees an earlier one's (two
   * creates with one token: the second replays the first), and a failing write takes back only its own
   * changes (see #commitBatch). Promises settle once the commit is on the disk: after the sync
   * that covers it (WalSync), or when the commit returns if SQLite syncs itself (synchronous=FULL).
   */
  #write<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ run, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#commitScheduled) {
        this.#commitScheduled = true;
        // After the poll phase: every request whose body arrived in this turn has queued its write by then.
        const commit = () => setImmediate(() => this.#commitPending());
        // While a sync runs, the writes wait for it and then share the next commit (see WalSync.whenIdle).
        if (this.#walSync) this.#walSync.whenIdle(commit);
        else commit();
      }
    });
  }

  #commitPending(): void {
    this.#commitScheduled = false;
    const writes = this.#pending;
    this.#pending = [];
    if (writes.length === 0) return;
    let settle: Array<() => void>;
    try {
      if (!this.#db.open) throw new TypeError("The database connection is not open");
      settle = this.#commitBatch(writes);
    } catch (error) {
      // BEGIN or COMMIT failed (busy past busy_timeout, disk full): nothing of the batch was kept.
      for (const write of writes) write.reject(error);
      return;
    }
    if (this.#walSync === undefined) {
      for (const done of settle) done();
      return;
    }
    // Answer once the batch's frames are on the disk. A failed sync fails the whole batch (500): its stores
    // are committed in the file but were never reported, and no later write is answered either.
    this.#walSync.durable().then(
      () => {
        for (const done of settle) done();
      },
      (error: unknown) => {
        for (const write of writes) write.reject(error);
      },
    );
  }

  /**
   * Resolves once everything committed so far is on the disk, so no answer shows a store a power loss could
   * still take back (a read may see a batch whose sync is in flight; it waits for that sync).
   */
  #durable(): Promise<void> {
    return this.#walSync?.settled() ?? Promise.resolve();
  }

  /**
   * Commits a batch; returns how to settle each write's promise once the commit is durable. The writes first
   * run back to back: a savepoint per write would copy every page it first touches into a sub-journal, on
   * every create. A write throws only on a rare failure (no free id left, a constraint that is the last line
   * of defence); then the whole batch is rolled back and run again with a savepoint per write, so the failing
   * write alone loses its changes, exactly as if every write had had its savepoint from the start. Running a
   * write twice is safe: a write only reads and changes the database inside its transaction. Errors of BEGIN
   * or COMMIT are thrown to the caller.
   */
  #commitBatch(writes: PendingWrite[]): Array<() => void> {
    try {
      this.#bookkeeping = new BatchBookkeeping(this.#bookkeepingStore);
      const values = this.#batch.immediate(writes);
      return writes.map((write, i) => () => write.resolve(values[i]));
    } catch (error) {
      if (!(error instanceof WriteFailed)) throw error;
    } finally {
      this.#bookkeeping = undefined;
    }
    // The rollback took the bookkeeping's writes back too: the isolated run reads it afresh.
    try {
      this.#bookkeeping = new BatchBookkeeping(this.#bookkeepingStore);
      return this.#isolatedBatch.immediate(writes);
    } finally {
      this.#bookkeeping = undefined;
    }
  }

  /** Runs one write in its own savepoint; returns how to settle its promise once the batch has committed. */
  #runInSavepoint(write: PendingWrite): () => void {
    const bookkeeping = this.#batchBookkeeping();
    const before = bookkeeping.snapshot();
    try {
      const value = this.#savepoint(write.run);
      return () => write.resolve(value);
    } catch (error) {
      // The savepoint took the write's rows back; its counts go back with them.
      bookkeeping.restore(before);
      return () => write.reject(error);
    }
  }

  /** The bookkeeping of the batch being committed; writes run only inside a batch. */
  #batchBookkeeping(): BatchBookkeeping {
    if (this.#bookkeeping === undefined) throw new Error("a write ran outside a group commit");
    return this.#bookkeeping;
  }

  async create(command: CreateSequenceStoreCommand): Promise<CreateSequenceStoreOutcome> {
    // The group commit's BEGIN IMMEDIATE takes the write lock before the token lookup, so a second process
    // cannot slip a store with the same token (or one past the quota) between our read and our insert.
    return this.#write(() => this.#createLocked(command));
  }

  #createLocked(command: CreateSequenceStoreCommand): CreateSequenceStoreOutcome {
    const { accountId, clientToken } = command;
    const bookkeeping = this.#batchBookkeeping();
    if (clientToken !== undefined) {
      const previous = this.#byToken.get(accountId, clientToken);
      if (previous !== undefined) {
        return previous.request_hash === command.requestHash
          ? { kind: "replayed", store: fromRow(previous) }
          : { kind: "tokenConflict", clientToken };
      }
      const retired = bookkeeping.mayHaveRetiredToken(accountId)
        ? this.#retiredToken.get(accountId, clientToken)
        : undefined;
      if (retired !== undefined) return { kind: "tokenRetired", clientToken, storeId: retired.store_id };
    }
    // Counted before the insert; should no id be found, the throw below takes the count back with the rest.
    if (!bookkeeping.takeQuotaSlot(accountId, command.maxStores)) {
      return { kind: "quotaExceeded", maxStores: command.maxStores };
    }

    const { newId } = command;
    for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      const rowNumber = bookkeeping.nextRowNumber();
      if (rowNumber > MAX_ROW_NUMBER) throw new IdSpaceExhaustedError(accountId);
      const id = newId ? newId() : this.#ids.idForRow(rowNumber);
      // A derived id is new to every row derived ids went to; only a drawn one can hold it already.
      const taken = newId
        ? this.#find(accountId, id)
        : bookkeeping.anyDrawnIds()
          ? this.#drawnRow.get(accountId, id)
          : undefined;
      if (taken !== undefined) continue;
      const store = newStoreRecord(command, id);
      this.#insert.run(...storeRowValues(rowNumber, toRow(store, clientToken, command.requestHash)));
      if (newId) {
        this.#rememberDrawn.run(accountId, id, rowNumber);
        bookkeeping.idDrawn();
      }
      return { kind: "created", store };
    }
    throw new IdSpaceExhaustedError(accountId);
  }

  /**
   * Read-set transactions on this connection, one at a time. Each runs between two turns of the event loop
   * (its statements are synchronous), so it never overlaps the group commit; it answers once durable.
   */
  readSetEngine(): SqlEngine {
    const db = this.#db;
    const statements = new Map<string, Database.Statement>();
    const query: SqlQuery = async <R>(sql: string, params: readonly unknown[] = []) => {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      if (statement.reader) return statement.all(...params) as R[];
      statement.run(...params);
      return [];
    };
    let queue: Promise<unknown> = Promise.resolve();
    return {
      transaction: <T>(work: (q: SqlQuery) => Promise<T>): Promise<T> => {
        const run = queue.then(async () => {
          db.exec("BEGIN IMMEDIATE");
          try {
            const result = await work(query);
            db.exec("COMMIT");
            return result;
          } catch (error) {
            if (db.inTransaction) db.exec("ROLLBACK");
            throw error;
          }
        });
        queue = run.catch(() => undefined);
        return run.then(async (result) => {
          await this.#durable();
          return result;
        });
      },
    };
  }

  async get(accountId: string, id: string): Promise<SequenceStoreRecord | undefined> {
    const row = this.#find(accountId, id);
    await this.#durable();
    return row === undefined ? undefined : fromRow(row);
  }

  /** The row holding store `id` of the account: the row its id derives from, else the row it was drawn for. */
  #find(accountId: string, id: string): NumberedRow | undefined {
    const derived = this.#ids.rowForId(id);
    const row = derived === undefined ? undefined : this.#byRowAndId.get(derived, accountId, id);
    if (row !== undefined) return row;
    // Not there: an unknown id, another account's store, or a store whose id was drawn.
    const drawn = this.#drawnRow.get(accountId, id);
    return drawn === undefined ? undefined : this.#byRowAndId.get(drawn.row_number, accountId, id);
  }

  async list(accountId: string, page: ListPage): Promise<SequenceStoreRecord[]> {
    const { limit, after, filter = {} } = page;
    const parameters: Record<string, unknown> = { account_id: accountId, limit };
    if (filter.name !== undefined) parameters.name = filter.name;
    if (filter.status !== undefined) parameters.status = filter.status;
    if (filter.createdAfter !== undefined) parameters.created_after = filter.createdAfter.getTime();
    if (filter.createdBefore !== undefined) parameters.created_before = filter.createdBefore.getTime();
    if (filter.updatedAfter !== undefined) parameters.updated_after = filter.updatedAfter.getTime();
    if (filter.updatedBefore !== undefined) parameters.updated_before = filter.updatedBefore.getTime();
    if (after !== undefined) {
      parameters.after_time = after.creationTime.getTime();
      parameters.after_id = after.id;
    }
    const shape: ListQueryShape = {
      name: filter.name !== undefined,
      status: filter.status !== undefined,
      createdAfter: filter.createdAfter !== undefined,
      createdBefore: filter.createdBefore !== undefined,
      updatedAfter: filter.updatedAfter !== undefined,
      updatedBefore: filter.updatedBefore !== undefined,
      after: after !== undefined,
    };
    const rows = this.#listStatement(shape).all(parameters);
    await this.#durable();
    return rows.map(fromRow);
  }

  #listStatement(shape: ListQueryShape): Statement<Record<string, unknown>, SequenceStoreRow> {
    const key = LIST_QUERY_CONDITIONS.map((condition) => (shape[condition] ? "1" : "0")).join("");
    let statement = this.#listStatements.get(key);
    if (statement === undefined) {
      statement = this.#db.prepare(listSql(shape));
      this.#listStatements.set(key, statement);
    }
    return statement;
  }

  async update(command: UpdateSequenceStoreCommand): Promise<UpdateSequenceStoreOutcome> {
    return this.#write(() => this.#updateLocked(command));
  }

  #updateLocked(command: UpdateSequenceStoreCommand): UpdateSequenceStoreOutcome {
    const { accountId, id, clientToken } = command;
    const row = this.#find(accountId, id);
    if (row === undefined) return { kind: "notFound" };
    const previous = clientToken === undefined ? undefined : this.#updateToken.get(accountId, clientToken);
    const plan = planUpdate(row, previous, command);
    if (plan.kind === "answer") return plan.outcome;
    if (!plan.unchanged) this.#update.run({ ...plan.row, row_number: row.row_number });
    if (clientToken !== undefined) {
      this.#rememberUpdateToken.run(
        accountId,
        clientToken,
        id,
        command.requestHash,
        JSON.stringify(plan.row),
      );
    }
    return { kind: plan.unchanged ? "unchanged" : "updated", store: plan.store };
  }

  async delete(command: DeleteSequenceStoreCommand): Promise<DeleteSequenceStoreOutcome> {
    return this.#write(() => this.#deleteLocked(command));
  }

  #deleteLocked(command: DeleteSequenceStoreCommand): DeleteSequenceStoreOutcome {
    const { accountId, id } = command;
    const row = this.#find(accountId, id);
    if (row === undefined) return { kind: "notFound" };
    if (row.status === BUSY_STATUS) return { kind: "conflict", status: row.status };
    // The counter is raised to the highest row first: were this that row, its number (and the id derived from
    // it) would otherwise be handed out again.
    this.#keepRowCounter.run();
    this.#delete.run(row.row_number);
    this.#forgetDrawn.run(accountId, id);
    const bookkeeping = this.#batchBookkeeping();
    if (row.client_token !== null) {
      this.#retireToken.run(accountId, row.client_token, id, command.now.getTime());
      bookkeeping.tokenRetired(accountId);
    }
    this.#forgetUpdateTokens.run(accountId, id);
    bookkeeping.releaseQuotaSlot(accountId);
    return { kind: "deleted", store: fromRow(row) };
  }

  async count(accountId: string): Promise<number> {
    const count = this.#usage.get(accountId)?.sequence_store_count ?? 0;
    await this.#durable();
    return count;
  }

  async secret(name: SecretName): Promise<Uint8Array> {
    return this.#secretNow(name);
  }

  #secretNow(name: SecretName): Uint8Array {
    let value = this.#secrets.get(name);
    if (value === undefined) {
      let row = this.#secret.get(name);
      if (row === undefined) {
        // Two processes may draw at once; DO NOTHING keeps the first, and both read that one back.
        this.#drawSecret.run(name, randomBytes(SECRET_BYTES));
        row = this.#secret.get(name);
      }
      if (row === undefined) throw new Error(`the secret ${name} could not be stored`);
      value = new Uint8Array(row.value);
      this.#secrets.set(name, value);
    }
    return value;
  }

  async ping(): Promise<void> {
    if (!this.#db.open) throw new TypeError("The database connection is not open");
    this.#ping.get();
    // A failed sync of the log fails every later request; a health check must say so too.
    await this.#durable();
  }

  async close(): Promise<void> {
    // Writes still waiting for their group commit are committed, and answered once their sync is done.
    this.#commitPending();
    await this.#walSync?.close();
    await this.#checkpointer?.close();
    if (this.#db.open) this.#db.close();
  }
}
