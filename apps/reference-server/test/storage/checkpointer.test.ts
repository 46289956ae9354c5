// Checkpoints run on a worker thread (checkpointer.ts) instead of inside a commit on the event loop.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteRepository } from "../../src/storage/sqlite/sqlite-sequence-store-repository.js";

const ACCOUNT = "111122223333";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "seqstore-checkpointer-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function createStores(repo: ReturnType<typeof openSqliteRepository>, count: number): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      repo.create({
        accountId: ACCOUNT,
        clientToken: `token-${i}`,
        requestHash: "hash",
        maxStores: count,
        draft: { name: `store-${i}`, status: "ACTIVE" },
        identify: (id) => ({ arn: `arn:aws:omics:us-east-1:${ACCOUNT}:sequenceStore/${id}` }),
        now: new Date(0),
      }),
    ),
  );
}

/** Waits until `check` holds, polling; fails after `limitMs` (a bound for a stuck worker, not a timing claim). */
async function eventually(check: () => boolean, limitMs = 10_000): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

describe("the checkpoint worker", () => {
  it.each([
    { worker: true, copies: "copies" },
    { worker: false, copies: "leaves" },
  ])("with checkpointWorker $worker, $copies a small log into the file while open", async ({ worker }) => {
    const file = path.join(dir, "db.sqlite");
    const repo = openSqliteRepository(file, { checkpointWorker: worker });
    await createStores(repo, 300);
    // Without the worker nothing copies the log into the database file before 1000 pages; with it, the
    // file grows on its own while the server's connection stays open.
    const copied = await eventually(() => statSync(file).size > 8192, worker ? 10_000 : 300);
    expect(copied).toBe(worker);
    await repo.close();
    // Closed cleanly: the last connection checkpointed and removed the log; every store is in the file.
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM sequence_stores").get()).toEqual({ n: 300 });
    db.close();
  });
});
