import { isPostgresUrl } from "./postgres/connection.js";
import {
  type OpenPostgresOptions,
  openPostgresRepository,
} from "./postgres/postgres-sequence-store-repository.js";
import type { SequenceStoreRepository } from "./sequence-store-repository.js";
import type { Durability } from "./sqlite/open-database.js";
import { openSqliteRepository } from "./sqlite/sqlite-sequence-store-repository.js";

export interface OpenRepositoryOptions extends OpenPostgresOptions {
  /** SQLite only: how hard a commit waits for the disk (PostgreSQL commits are always flushed). */
  durability?: Durability;
}

/** The repository `--db` names: a postgres:// or postgresql:// URL, else a SQLite file (or ":memory:"). */
export async function openRepository(
  db: string,
  options: OpenRepositoryOptions = {},
): Promise<SequenceStoreRepository> {
  const { durability, ...postgres } = options;
  if (isPostgresUrl(db)) return openPostgresRepository(db, postgres);
  return openSqliteRepository(db, durability ? { durability } : {});
}
