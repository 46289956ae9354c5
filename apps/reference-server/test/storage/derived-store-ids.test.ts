// The SQLite repository's own ids: derived from the row number a store goes to (store-id-cipher.ts), so a
// Get reads that row directly. Stores of older databases keep their random ids and are still found.
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CreateSequenceStoreCommand } from "../../src/storage/sequence-store-record.js";
import { MIGRATIONS } from "../../src/storage/sqlite/migrations.js";
import {
  openSqliteRepository,
  type SqliteSequenceStoreRepository,
} from "../../src/storage/sqlite/sqlite-sequence-store-repository.js";
import { StoreIdCipher } from "../../src/storage/store-id-cipher.js";
import { directoryPerTest } from "../support/temp-dir.js";
import { ACCOUNT, createCommand, createdStore, OTHER, T0 } from "./create-commands.js";

const createdId = async (
  repo: SqliteSequenceStoreRepository,
  overrides: Partial<CreateSequenceStoreCommand> = {},
) => (await createdStore(repo, createCommand(overrides))).id;

const cipherOf = async (repo: SqliteSequenceStoreRepository) =>
  new StoreIdCipher(await repo.secret("store-id"));

describe("ids the SQLite repository derives", () => {
  let repo: SqliteSequenceStoreRepository;
  beforeEach(() => {
    repo = openSqliteRepository(":memory:");
  });
  afterEach(async () => {
    await repo.close();
  });

  it("gives store n the id of row n, and finds it again by that id", async () => {
    const cipher = await cipherOf(repo);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await createdId(repo));
    expect(ids).toEqual([1, 2, 3, 4, 5].map((row) => cipher.idForRow(row)));
    for (const id of ids) {
      expect(id).toMatch(/^[1-9][0-9]{9}$/);
      expect((await repo.get(ACCOUNT, id))?.id).toBe(id);
    }
  });

  it("never gives a deleted store's id (or row) to a new store", async () => {
    const first = await createdId(repo);
    const last = await createdId(repo);
    // The newest row is deleted: a plain max(rowid)+1 would hand its row number out again.
    expect((await repo.delete({ accountId: ACCOUNT, id: last, now: new Date(T0) })).kind).toBe("deleted");
    const next = await createdId(repo);
    expect(next).not.toBe(last);
    expect(next).toBe((await cipherOf(repo)).idForRow(3));
    expect(await repo.get(ACCOUNT, last)).toBeUndefined();
    expect((await repo.get(ACCOUNT, first))?.id).toBe(first);
  });

  it("does not find another account's store by its id", async () => {
    const id = await createdId(repo);
    expect(await repo.get(OTHER, id)).toBeUndefined();
    expect(
      (await repo.update({ accountId: OTHER, id, requestHash: "h", changes: { name: "x" }, now: new Date() }))
        .kind,
    ).toBe("notFound");
    expect((await repo.delete({ accountId: OTHER, id, now: new Date() })).kind).toBe("notFound");
  });

  it("skips a row whose derived id an older store already holds", async () => {
    const cipher = await cipherOf(repo);
    // Row 1 holds a store whose (drawn) id is the one row 2 would derive.
    const taken = cipher.idForRow(2);
    expect(await createdId(repo, { newId: () => taken })).toBe(taken);
    const next = await createdId(repo);
    expect(next).toBe(cipher.idForRow(3));
    expect((await repo.get(ACCOUNT, taken))?.id).toBe(taken);
    expect((await repo.get(ACCOUNT, next))?.id).toBe(next);
  });

  it("finds, updates and deletes stores with drawn ids (tests, older databases) through the id index", async () => {
    const drawn = await createdId(repo, { newId: () => "4242424242" });
    expect((await repo.get(ACCOUNT, drawn))?.id).toBe("4242424242");
    const updated = await repo.update({
      accountId: ACCOUNT,
      id: drawn,
      requestHash: "u",
      changes: { name: "renamed" },
      now: new Date(T0 + 10_000),
    });
    expect(updated.kind).toBe("updated");
    expect((await repo.delete({ accountId: ACCOUNT, id: drawn, now: new Date() })).kind).toBe("deleted");
    expect(await repo.get(ACCOUNT, drawn)).toBeUndefined();
  });

  it("lets another account draw an id some account's store derived, and keeps both apart", async () => {
    const derived = await createdId(repo);
    const drawn = await createdId(repo, { accountId: OTHER, newId: () => derived });
    expect(drawn).toBe(derived);
    expect((await repo.get(ACCOUNT, derived))?.accountId).toBe(ACCOUNT);
    expect((await repo.get(OTHER, derived))?.accountId).toBe(OTHER);
    expect((await repo.delete({ accountId: OTHER, id: derived, now: new Date() })).kind).toBe("deleted");
    expect((await repo.get(ACCOUNT, derived))?.accountId).toBe(ACCOUNT);
    expect(await repo.get(OTHER, derived)).toBeUndefined();
  });

  it.each(["", "42", "0000000001", "not-an-id", "99999999999"])("get(%j) finds nothing", async (id) => {
    await createdId(repo);
    expect(await repo.get(ACCOUNT, id)).toBeUndefined();
  });
});

describe("a version-3 database", () => {
  const directory = directoryPerTest("seqstore-derived-ids-");

  it("keeps its random ids findable and numbers new rows after its highest one", async () => {
    const file = path.join(directory(), "v3.db");
    const old = new Database(file);
    for (const migration of MIGRATIONS.slice(0, 3)) old.exec(migration);
    old.pragma("user_version = 3");
    const insert = old.prepare(
      `INSERT INTO sequence_stores (row_number, account_id, id, arn, name, status, request_hash, creation_time, update_time)
       VALUES (?, ?, ?, 'arn:x', 'old', 'ACTIVE', 'h', ?, ?)`,
    );
    insert.run(1, ACCOUNT, "9000000000", T0, T0);
    insert.run(7, ACCOUNT, "5000000000", T0 + 1, T0 + 1);
    old.close();

    const repo = openSqliteRepository(file);
    try {
      expect((await repo.get(ACCOUNT, "9000000000"))?.name).toBe("old");
      expect((await repo.get(ACCOUNT, "5000000000"))?.name).toBe("old");
      const id = await createdId(repo, { now: new Date(T0 + 2) });
      expect(id).toBe((await cipherOf(repo)).idForRow(8));
      expect((await repo.list(ACCOUNT, { limit: 10 })).map((store) => store.id)).toEqual([
        "9000000000",
        "5000000000",
        id,
      ]);
    } finally {
      await repo.close();
    }
  });

  it("keeps the id key across a reopen, so ids still lead to their rows", async () => {
    const file = path.join(directory(), "reopen.db");
    let repo = openSqliteRepository(file);
    const id = await createdId(repo);
    await repo.close();
    repo = openSqliteRepository(file);
    try {
      expect((await repo.get(ACCOUNT, id))?.id).toBe(id);
      expect((await cipherOf(repo)).rowForId(id)).toBe(1);
    } finally {
      await repo.close();
    }
  });
});

describe("row numbers kept by the rows themselves", () => {
  const directory = directoryPerTest("seqstore-rows-");

  /** The stored counter, read through a connection of its own (the repository's stays open). */
  const storedCounter = (file: string): unknown => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare("SELECT value FROM counters WHERE name = 'sequence_store_row'").pluck().get();
    } finally {
      db.close();
    }
  };

  it("leaves the counter to deletes, and never hands a deleted top row's number out again, also after a reopen", async () => {
    const file = path.join(directory(), "rows.db");
    let repo = openSqliteRepository(file);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push(await createdId(repo));
      // Creates write no counter: the rows they insert are the record of the numbers handed out.
      expect(storedCounter(file)).toBe(0);
      // The two newest rows go; before the first of them is deleted the counter is raised to row 4.
      for (const id of [ids[3]!, ids[2]!]) {
        expect((await repo.delete({ accountId: ACCOUNT, id, now: new Date(T0) })).kind).toBe("deleted");
      }
      expect(storedCounter(file)).toBe(4);
      expect(await createdId(repo)).toBe((await cipherOf(repo)).idForRow(5));
    } finally {
      await repo.close();
    }
    repo = openSqliteRepository(file);
    try {
      expect(await createdId(repo)).toBe((await cipherOf(repo)).idForRow(6));
      // The create after the reopen wrote no counter either.
      expect(storedCounter(file)).toBe(4);
    } finally {
      await repo.close();
    }
  });
});
