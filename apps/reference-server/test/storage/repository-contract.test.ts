// The repository contract on both engines: SQLite (a file, durable answers, group commit) and PostgreSQL
// (an embedded server started for this file, one fresh database per test).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabaseTooNewError } from "../../src/storage/database-too-new-error.js";
import { POSTGRES_MIGRATIONS } from "../../src/storage/postgres/migrations.js";
import { openPostgresRepository } from "../../src/storage/postgres/postgres-sequence-store-repository.js";
import { openSqliteRepository } from "../../src/storage/sqlite/sqlite-sequence-store-repository.js";
import { startTestPostgres, type TestPostgres } from "../support/embedded-postgres.js";
import { type ContractEngine, repositoryContract } from "./repository-contract.js";
import { readSetContract } from "./read-set-contract.js";

const sqlite: ContractEngine = {
  name: "SQLite",
  newDatabase: async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "seqstore-contract-"));
    const file = path.join(dir, "contract.db");
    return {
      open: async () => openSqliteRepository(file),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};
repositoryContract(sqlite);
readSetContract(sqlite);

let postgres: TestPostgres | undefined;
beforeAll(async () => {
  postgres = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.destroy();
}, 30_000);

const postgresEngine: ContractEngine = {
  name: "PostgreSQL",
  newDatabase: async () => {
    if (postgres === undefined) throw new Error("the embedded PostgreSQL did not start (see beforeAll)");
    const url = await postgres.createDatabase();
    // Several instances of one database share nothing but the database, as server processes do.
    return { open: () => openPostgresRepository(url), cleanup: async () => {} };
  },
};
repositoryContract(postgresEngine);
readSetContract(postgresEngine);

describe("PostgreSQL migrations", () => {
  async function versions(url: string): Promise<number[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (
        await client.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version")
      ).rows.map((row) => row.version);
    } finally {
      await client.end();
    }
  }

  it("applies each migration once, also when instances open a fresh database together", async () => {
    const url = await postgres!.createDatabase();
    const repos = await Promise.all([0, 1, 2].map(() => openPostgresRepository(url)));
    expect(await versions(url)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
    for (const repo of repos) await repo.close();
    await (await openPostgresRepository(url)).close();
    expect(await versions(url)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
  });

  it("refuses a database migrated by a newer server", async () => {
    const url = await postgres!.createDatabase();
    await (await openPostgresRepository(url)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("INSERT INTO schema_migrations (version) VALUES ($1)", [
      POSTGRES_MIGRATIONS.length + 1,
    ]);
    await client.end();
    await expect(openPostgresRepository(url)).rejects.toThrow(DatabaseTooNewError);
  });
});
