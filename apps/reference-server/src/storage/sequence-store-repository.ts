import type {
  CreateSequenceStoreCommand,
  CreateSequenceStoreOutcome,
  DeleteSequenceStoreCommand,
  DeleteSequenceStoreOutcome,
  SequenceStoreListFilter,
  SequenceStoreRecord,
  UpdateSequenceStoreCommand,
  UpdateSequenceStoreOutcome,
} from "./sequence-store-record.js";
import type { SqlEngine } from "./read-sets/sql-engine.js";

/**
 * Persistence of sequence stores, in SQLite (one host) or PostgreSQL (several server instances on one
 * database). Asynchronous, as a database server answers over the network.
 */
export interface SequenceStoreRepository {
  /**
   * Creates a store atomically: an idempotent replay, a token conflict, the quota check and the insert
   * happen in one transaction, so concurrent duplicates yield exactly one store.
   */
  create(command: CreateSequenceStoreCommand): Promise<CreateSequenceStoreOutcome>;
  get(accountId: string, id: string): Promise<SequenceStoreRecord | undefined>;
  /**
   * Stores of an account that pass the filter, oldest first (creationTime, then id), resuming after the
   * (creationTime, id) of the last page's end.
   */
  list(accountId: string, page: ListPage): Promise<SequenceStoreRecord[]>;
  /** Reads, checks and writes in one transaction, so concurrent updates and deletes cannot interleave. */
  update(command: UpdateSequenceStoreCommand): Promise<UpdateSequenceStoreOutcome>;
  /** Removes the store, retires its create token and gives its quota slot back, in one transaction. */
  delete(command: DeleteSequenceStoreCommand): Promise<DeleteSequenceStoreOutcome>;
  count(accountId: string): Promise<number>;
  /** A random secret created with the database (32 bytes), e.g. to sign pagination tokens. */
  secret(name: SecretName): Promise<Uint8Array>;
  /** Transactions on the same database for the read-set tables (storage/read-sets/). */
  readSetEngine(): SqlEngine;
  /** Resolves once the storage answers a trivial query; rejects when it cannot be reached (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type SecretName = "list-token" | "store-id";

export interface ListPage {
  limit: number;
  after?: { creationTime: Date; id: string };
  filter?: SequenceStoreListFilter;
}
