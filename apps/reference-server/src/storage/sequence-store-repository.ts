import type {
  CreateSequenceStoreCommand,
  CreateSequenceStoreOutcome,
  SequenceStoreRecord,
} from "./sequence-store-record.js";

/**
 * Persistence of sequence stores. Asynchronous on purpose: the SQLite implementation answers at once,
 * a later Postgres implementation (several server instances) will not.
 */
export interface SequenceStoreRepository {
  /**
   * Creates a store atomically: an idempotent replay, a token conflict, the quota check and the insert
   * happen in one transaction, so concurrent duplicates yield exactly one store.
   */
  create(command: CreateSequenceStoreCommand): Promise<CreateSequenceStoreOutcome>;
  get(accountId: string, id: string): Promise<SequenceStoreRecord | undefined>;
  /** Stores of an account, oldest first, resuming after the (creationTime, id) of the last page's end. */
  list(accountId: string, page: ListPage): Promise<SequenceStoreRecord[]>;
  count(accountId: string): Promise<number>;
  close(): Promise<void>;
}

export interface ListPage {
  limit: number;
  after?: { creationTime: Date; id: string };
}
