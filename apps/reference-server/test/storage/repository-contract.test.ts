// The repository contract on both engines: SQLite (a file, durable answers, group commit) and PostgreSQL
// (an embedded server started for this file, one fresh database per test).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { openPostgresRepository } from "../../src/storage/postgres/postgres-sequence-store-repository.js";
import { openSqliteRepository } from "../../src/storage/sqlite/sqlite-sequence-store-repository.js";
import { startTestPostgres, type TestPostgres } from "../support/embedded-postgres.js";
import { repositoryContract } from "./repository-contract.js";

repositoryContract({
  name: "SQLite",
  newDatabase: async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "seqstore-contract-"));
    const file = path.join(dir, "contract.db");
    return {
      open: async () => openSqliteRepository(file),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
});

let postgres: TestPostgres | undefined;
beforeAll(async () => {
  postgres = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.destroy();
}, 30_000);

repositoryContract({
  name: "PostgreSQL",
  newDatabase: async () => {
    if (postgres === undefined) throw new Error("the embedded PostgreSQL did not start (see beforeAll)");
    const url = await postgres.createDatabase();
    // Several instances of one database share nothing but the database, as server processes do.
    return { open: () => openPostgresRepository(url), cleanup: async () => {} };
  },
});
