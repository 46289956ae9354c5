import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteRepository } from "../../src/storage/sqlite/sqlite-sequence-store-repository.js";

const run = promisify(execFile);
const fixture = path.resolve(import.meta.dirname, "../fixtures/create-with-token.ts");
const tsxLoader = createRequire(import.meta.url).resolve("tsx");
const dir = mkdtempSync(path.join(tmpdir(), "seqstore-race-"));

afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));

describe("idempotency across processes", () => {
  it("yields one store when several processes create with one token at once", async () => {
    const file = path.join(dir, "race.db");
    // Create the schema first so the racers only race on the insert.
    await openSqliteRepository(file).close();
    const startAt = String(Date.now() + 1500);
    const racers = Array.from({ length: 6 }, () =>
      run(process.execPath, ["--import", tsxLoader, fixture, file, "race-token", startAt]),
    );
    const outcomes = (await Promise.all(racers)).map(
      (result) => JSON.parse(result.stdout) as { kind: string; id: string | null },
    );
    expect(outcomes.filter((o) => o.kind === "created")).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === "replayed")).toHaveLength(outcomes.length - 1);
    expect(new Set(outcomes.map((o) => o.id)).size).toBe(1);

    const repo = openSqliteRepository(file);
    try {
      expect(await repo.count("111122223333")).toBe(1);
    } finally {
      await repo.close();
    }
  }, 30_000);
});
