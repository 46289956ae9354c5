// The durability path: commits with synchronous=NORMAL, answered only after our own fdatasync of the -wal
// file (wal-sync.ts). A fake sync holds each fdatasync until the test completes (or fails) it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CreateSequenceStoreCommand } from "../../src/storage/sequence-store-record.js";
import { openDatabase } from "../../src/storage/sqlite/open-database.js";
import { openSqliteRepository } from "../../src/storage/sqlite/sqlite-sequence-store-repository.js";
import { type SyncFile, WalSync, WalSyncError } from "../../src/storage/sqlite/wal-sync.js";

const ACCOUNT = "111122223333";

/** A sync the test completes by hand: `pending` holds the callback of every fdatasync not answered yet. */
function heldSync(): { sync: SyncFile; pending: Array<(error: NodeJS.ErrnoException | null) => void> } {
  const pending: Array<(error: NodeJS.ErrnoException | null) => void> = [];
  return { sync: (_fd, done) => pending.push(done), pending };
}

/** Where a promise stands, read after pending callbacks have run. */
async function state(promise: Promise<unknown>): Promise<"pending" | "resolved" | "rejected"> {
  let result: "pending" | "resolved" | "rejected" = "pending";
  promise.then(
    () => {
      result = "resolved";
    },
    () => {
      result = "rejected";
    },
  );
  await new Promise((resolve) => setImmediate(resolve));
  return result;
}

/** Marks a promise the test will look at later as handled, so its rejection is not reported as unhandled. */
function watched<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** Answers every held sync (success, or the given error) until none is left. */
async function completeAll(
  pending: Array<(error: NodeJS.ErrnoException | null) => void>,
  error: NodeJS.ErrnoException | null = null,
): Promise<void> {
  while (pending.length > 0) {
    pending.shift()?.(error);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function ioError(): NodeJS.ErrnoException {
  return Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" });
}

function createCommand(token: string, name = token): CreateSequenceStoreCommand {
  return {
    accountId: ACCOUNT,
    clientToken: token,
    requestHash: `hash-of-${name}`,
    maxStores: 100,
    draft: { name, status: "ACTIVE" },
    identify: (id) => ({ arn: `arn:aws:omics:us-east-1:${ACCOUNT}:sequenceStore/${id}` }),
    now: new Date(0),
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "seqstore-walsync-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("WalSync", () => {
  function walSync(maxInFlight?: number) {
    const file = path.join(dir, "x.db-wal");
    writeFileSync(file, "");
    const held = heldSync();
    return { held, sync: new WalSync(file, held.sync, maxInFlight) };
  }

  it("resolves a commit only once a sync started after it has completed", async () => {
    const { held, sync } = walSync();
    const first = sync.durable();
    expect(held.pending).toHaveLength(1);
    expect(await state(first)).toBe("pending");
    await completeAll(held.pending);
    expect(await state(first)).toBe("resolved");
    expect(await state(sync.settled())).toBe("resolved");
    await sync.close();
  });

  it("pipelines: commits during a sync are covered by the next one, with at most maxInFlight running", async () => {
    const { held, sync } = walSync(1);
    const first = sync.durable();
    const second = sync.durable();
    const third = sync.durable();
    // One sync runs (it covers only the first commit); the others wait for the next.
    expect(held.pending).toHaveLength(1);
    held.pending.shift()?.(null);
    expect(await state(first)).toBe("resolved");
    expect(await state(second)).toBe("pending");
    // One more sync covers both later commits.
    expect(held.pending).toHaveLength(1);
    await completeAll(held.pending);
    expect([await state(second), await state(third)]).toEqual(["resolved", "resolved"]);
    await sync.close();
  });

  it("runs a second sync at once when two may run, and a later sync's completion covers earlier commits", async () => {
    const { held, sync } = walSync(2);
    const first = sync.durable();
    const second = sync.durable();
    expect(held.pending).toHaveLength(2);
    // The sync that started after the second commit finishes first: it covers both.
    held.pending.pop()?.(null);
    expect([await state(first), await state(second)]).toEqual(["resolved", "resolved"]);
    await completeAll(held.pending);
    await sync.close();
  });

  it("fails the covered commits and every later one after a failed sync", async () => {
    const { held, sync } = walSync(1);
    const covered = watched(sync.durable());
    const queued = watched(sync.durable());
    await completeAll(held.pending, ioError());
    await expect(covered).rejects.toBeInstanceOf(WalSyncError);
    await expect(queued).rejects.toBeInstanceOf(WalSyncError);
    // A later sync could report success over lost pages: nothing is acknowledged any more.
    await expect(sync.durable()).rejects.toThrow(/could not be synced.*EIO/);
    await expect(sync.settled()).rejects.toBeInstanceOf(WalSyncError);
    expect(held.pending).toHaveLength(0);
    await sync.close();
  });

  it("close waits for the sync in flight", async () => {
    const { held, sync } = walSync();
    const commit = sync.durable();
    let closed = false;
    const closing = sync.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    await completeAll(held.pending);
    await closing;
    expect(closed).toBe(true);
    await expect(commit).resolves.toBeUndefined();
  });
});

describe("the repository's durable commits", () => {
  it("opens the database with synchronous=NORMAL when it syncs the log itself, FULL otherwise", () => {
    const file = path.join(dir, "modes.db");
    const synced = openDatabase(file, { walSyncedByCaller: true });
    expect(synced.pragma("synchronous", { simple: true })).toBe(1);
    synced.close();
    const plain = openDatabase(file);
    expect(plain.pragma("synchronous", { simple: true })).toBe(2);
    plain.close();
    // No log file to sync (memory): SQLite keeps the durability it can give.
    const memory = openDatabase(":memory:", { walSyncedByCaller: true });
    expect(memory.pragma("synchronous", { simple: true })).toBe(2);
    memory.close();
  });

  it("answers a create only after its sync, and a read waits for the sync of what it saw", async () => {
    const held = heldSync();
    const repo = openSqliteRepository(path.join(dir, "wait.db"), { syncFile: held.sync });
    const created = repo.create(createCommand("t1"));
    await new Promise((resolve) => setImmediate(resolve));
    expect(held.pending).toHaveLength(1);
    expect(await state(created)).toBe("pending");
    // The row is committed but not on the disk: a list that sees it waits too.
    const listed = repo.list(ACCOUNT, { limit: 10 });
    expect(await state(listed)).toBe("pending");
    await completeAll(held.pending);
    const outcome = await created;
    expect(outcome.kind).toBe("created");
    expect((await listed).map((store) => store.name)).toEqual(["t1"]);
    await repo.close();
  });

  it("fails a create whose sync fails, and refuses later writes instead of acknowledging them", async () => {
    const held = heldSync();
    const file = path.join(dir, "fail.db");
    const repo = openSqliteRepository(file, { syncFile: held.sync });
    const created = watched(repo.create(createCommand("t1")));
    await new Promise((resolve) => setImmediate(resolve));
    await completeAll(held.pending, ioError());
    await expect(created).rejects.toBeInstanceOf(WalSyncError);
    // A retry with the same token finds the committed row, but its answer would claim durability.
    await expect(repo.create(createCommand("t1"))).rejects.toBeInstanceOf(WalSyncError);
    await expect(repo.create(createCommand("t2"))).rejects.toBeInstanceOf(WalSyncError);
    await repo.close();
  });

  it("does not answer a same-token request before the first one is durable", async () => {
    const held = heldSync();
    const repo = openSqliteRepository(path.join(dir, "token.db"), { syncFile: held.sync });
    const first = repo.create(createCommand("same"));
    await new Promise((resolve) => setImmediate(resolve));
    // The second arrives in a later batch, while the first's sync is still held.
    const second = repo.create(createCommand("same"));
    await new Promise((resolve) => setImmediate(resolve));
    expect(await state(first)).toBe("pending");
    expect(await state(second)).toBe("pending");
    await completeAll(held.pending);
    const [a, b] = await Promise.all([first, second]);
    expect(a.kind).toBe("created");
    expect(b.kind).toBe("replayed");
    expect("store" in b && "store" in a && b.store.id === a.store.id).toBe(true);
    await repo.close();
  });

  it("keeps what it acknowledged across a reopen, with the real fdatasync and the checkpoint worker", async () => {
    const file = path.join(dir, "real.db");
    const repo = openSqliteRepository(file);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => repo.create(createCommand(`r${i}`))),
    );
    expect(outcomes.every((outcome) => outcome.kind === "created")).toBe(true);
    await repo.close();
    const reopened = openSqliteRepository(file);
    expect(await reopened.count(ACCOUNT)).toBe(20);
    await reopened.close();
  });
});
