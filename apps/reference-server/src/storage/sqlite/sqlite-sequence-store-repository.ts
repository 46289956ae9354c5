import type Database from "better-sqlite3";
import type { ListPage, SequenceStoreRepository } from "../sequence-store-repository.js";
import type {
  CreateSequenceStoreCommand,
  CreateSequenceStoreOutcome,
  SequenceStoreRecord,
} from "../sequence-store-record.js";
import { type OpenDatabaseOptions, openDatabase } from "./open-database.js";
import { fromRow, type SequenceStoreRow, toRow } from "./sequence-store-row.js";
import { SQL } from "./statements.js";

/** Ids drawn in one create before giving up; with 9·10⁹ ids a second draw is already rare. */
const MAX_ID_ATTEMPTS = 20;

export class IdSpaceExhaustedError extends Error {
  constructor(accountId: string) {
    super(`could not draw a free sequence store id for account ${accountId} in ${MAX_ID_ATTEMPTS} attempts`);
    this.name = "IdSpaceExhaustedError";
  }
}

export function openSqliteRepository(
  file: string,
  options: OpenDatabaseOptions = {},
): SqliteSequenceStoreRepository {
  return new SqliteSequenceStoreRepository(openDatabase(file, options));
}

export class SqliteSequenceStoreRepository implements SequenceStoreRepository {
  readonly #db: Database.Database;
  readonly #byToken: Database.Statement<[string, string], SequenceStoreRow>;
  readonly #byId: Database.Statement<[string, string], SequenceStoreRow>;
  readonly #usage: Database.Statement<[string], { sequence_store_count: number }>;
  readonly #insert: Database.Statement<SequenceStoreRow>;
  readonly #bumpUsage: Database.Statement<[string]>;
  readonly #firstPage: Database.Statement<[string, number], SequenceStoreRow>;
  readonly #nextPage: Database.Statement<[string, number, string, number], SequenceStoreRow>;
  readonly #createTransaction: Database.Transaction<
    (command: CreateSequenceStoreCommand) => CreateSequenceStoreOutcome
  >;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#byToken = db.prepare(SQL.byToken);
    this.#byId = db.prepare(SQL.byId);
    this.#usage = db.prepare(SQL.usage);
    this.#insert = db.prepare(SQL.insert);
    this.#bumpUsage = db.prepare(SQL.bumpUsage);
    this.#firstPage = db.prepare(SQL.firstPage);
    this.#nextPage = db.prepare(SQL.nextPage);
    this.#createTransaction = db.transaction((command) => this.#createLocked(command));
  }

  async create(command: CreateSequenceStoreCommand): Promise<CreateSequenceStoreOutcome> {
    // IMMEDIATE takes the write lock before the token lookup, so a second process cannot slip a store with
    // the same token (or one past the quota) between our read and our insert.
    return this.#createTransaction.immediate(command);
  }

  #createLocked(command: CreateSequenceStoreCommand): CreateSequenceStoreOutcome {
    const { accountId, clientToken } = command;
    if (clientToken !== undefined) {
      const previous = this.#byToken.get(accountId, clientToken);
      if (previous !== undefined) {
        return previous.request_hash === command.requestHash
          ? { kind: "replayed", store: fromRow(previous) }
          : { kind: "tokenConflict", clientToken };
      }
    }
    const used = this.#usage.get(accountId)?.sequence_store_count ?? 0;
    if (used >= command.maxStores) return { kind: "quotaExceeded", maxStores: command.maxStores };

    for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      const id = command.newId();
      const store: SequenceStoreRecord = {
        ...command.draft,
        ...command.identify(id),
        accountId,
        id,
        creationTime: command.now,
        updateTime: command.now,
      };
      const inserted = this.#insert.run(toRow(store, clientToken, command.requestHash));
      if (inserted.changes === 1) {
        this.#bumpUsage.run(accountId);
        return { kind: "created", store };
      }
    }
    throw new IdSpaceExhaustedError(accountId);
  }

  async get(accountId: string, id: string): Promise<SequenceStoreRecord | undefined> {
    const row = this.#byId.get(accountId, id);
    return row === undefined ? undefined : fromRow(row);
  }

  async list(accountId: string, page: ListPage): Promise<SequenceStoreRecord[]> {
    const { limit, after } = page;
    const rows =
      after === undefined
        ? this.#firstPage.all(accountId, limit)
        : this.#nextPage.all(accountId, after.creationTime.getTime(), after.id, limit);
    return rows.map(fromRow);
  }

  async count(accountId: string): Promise<number> {
    return this.#usage.get(accountId)?.sequence_store_count ?? 0;
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
