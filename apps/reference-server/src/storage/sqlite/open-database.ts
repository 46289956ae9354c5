import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { DatabaseTooNewError, migrate } from "./migrations.js";

/**
 * How hard a commit waits for the disk.
 * - "full" (default): every commit is on the disk before the HTTP response leaves, so a store the client was
 *   told about survives power loss — the promise AWS makes. Either SQLite syncs each commit (WAL +
 *   synchronous=FULL, on the event loop) or, with `walSyncedByCaller`, the caller does (WAL +
 *   synchronous=NORMAL plus its own fdatasync of the -wal file off the event loop, see wal-sync.ts).
 * - "normal": WAL + synchronous=NORMAL. Survives a crash of the process but may lose the last commits on an
 *   OS crash or power loss. Fine for throwaway benchmarks.
 */
export type Durability = "full" | "normal";

export interface OpenDatabaseOptions {
  durability?: Durability;
  /** How long a writer waits for another connection's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /**
   * With "full": the caller syncs the -wal file after each commit itself (and answers only then), so SQLite
   * runs with synchronous=NORMAL. Ignored when the database is not a WAL file (then FULL applies).
   */
  walSyncedByCaller?: boolean;
}

export const MEMORY_DATABASE = ":memory:";

/** SQLite's page cache per connection, in KiB: room for the upper levels of every index at a million stores. */
const PAGE_CACHE_KIB = 8 * 1024;

/** Opens (creating the file and its parent directory when needed) and migrates a seqstore database. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  let db: Database.Database;
  try {
    if (file !== MEMORY_DATABASE && file !== "") {
      mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    }
    db = new Database(file);
  } catch (error) {
    throw new DatabaseOpenError(file, error);
  }
  try {
    // WAL lets readers run while a write commits; it is a no-op for in-memory databases.
    db.pragma("journal_mode = WAL");
    const callerSyncs =
      options.durability !== "normal" && options.walSyncedByCaller === true && walFileOf(db) !== undefined;
    db.pragma(`synchronous = ${options.durability === "normal" || callerSyncs ? "NORMAL" : "FULL"}`);
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    // Reads of a large database go through memory-mapped pages (no read() call per page), so the page cache
    // mostly holds written pages and the upper levels of the indexes. It stays small: ending a write
    // transaction can walk the cache's whole hash table (pcache1TruncateUnsafe), a cost that grows with it.
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    db.pragma(`mmap_size = ${1024 ** 3}`);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error instanceof DatabaseTooNewError ? error : new DatabaseOpenError(file, error);
  }
}

/** The absolute path of the database's write-ahead log, or undefined when it has none (memory, not WAL). */
export function walFileOf(db: Database.Database): string | undefined {
  if (db.memory || db.pragma("journal_mode", { simple: true }) !== "wal") return undefined;
  const main = (db.pragma("database_list") as Array<{ name: string; file: string }>).find(
    (entry) => entry.name === "main",
  );
  return main?.file ? `${main.file}-wal` : undefined;
}

export class DatabaseOpenError extends Error {
  constructor(file: string, cause: unknown) {
    super(`cannot open the database ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = "DatabaseOpenError";
  }
}
