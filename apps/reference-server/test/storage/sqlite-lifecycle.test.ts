import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyChanges } from "../../src/storage/apply-changes.js";
import type {
  CreateSequenceStoreCommand,
  SequenceStoreRecord,
  UpdateSequenceStoreCommand,
} from "../../src/storage/sequence-store-record.js";
import { MIGRATIONS, schemaVersion } from "../../src/storage/sqlite/migrations.js";
import { openDatabase } from "../../src/storage/sqlite/open-database.js";
import {
  IdSpaceExhaustedError,
  openSqliteRepository,
  type SqliteSequenceStoreRepository,
} from "../../src/storage/sqlite/sqlite-sequence-store-repository.js";
import { ACCOUNT, createCommand, createdStore, OTHER, T0 } from "./create-commands.js";

let nextId = 1_000_000_000;
/** A create with a drawn id (sequential), as older databases and tests choose them. */
function command(overrides: Partial<CreateSequenceStoreCommand> = {}): CreateSequenceStoreCommand {
  const id = String(nextId++);
  return createCommand({ draft: { name: `store-${id}`, status: "ACTIVE" }, newId: () => id, ...overrides });
}

const created = (repo: SqliteSequenceStoreRepository, overrides: Partial<CreateSequenceStoreCommand> = {}) =>
  createdStore(repo, command(overrides));

function update(
  store: SequenceStoreRecord,
  overrides: Partial<UpdateSequenceStoreCommand>,
): UpdateSequenceStoreCommand {
  return {
    accountId: store.accountId,
    id: store.id,
    requestHash: JSON.stringify(overrides.changes ?? {}),
    changes: {},
    now: new Date(T0 + 60_000),
    ...overrides,
  };
}

describe("applyChanges", () => {
  const base: SequenceStoreRecord = {
    accountId: ACCOUNT,
    id: "1",
    arn: "arn",
    name: "n",
    description: "d",
    status: "ACTIVE",
    fallbackLocation: "s3://bucket/f/",
    propagatedSetLevelTags: ["a"],
    s3Access: { s3Uri: "s3://x/", accessLogLocation: "s3://logs/" },
    creationTime: new Date(T0),
    updateTime: new Date(T0),
  };
  it.each([
    { case: "nothing", changes: {}, expected: base },
    { case: "a new name", changes: { name: "m" }, expected: { ...base, name: "m" } },
    { case: "a new description", changes: { description: "e" }, expected: { ...base, description: "e" } },
    {
      case: "an empty fallback location (removes it)",
      changes: { fallbackLocation: "" },
      expected: { ...base, fallbackLocation: undefined },
    },
    {
      case: "empty propagated tags (removes them)",
      changes: { propagatedSetLevelTags: [] },
      expected: { ...base, propagatedSetLevelTags: undefined },
    },
    {
      case: "a new access log location (keeps the S3 URI)",
      changes: { accessLogLocation: "s3://other/" },
      expected: { ...base, s3Access: { s3Uri: "s3://x/", accessLogLocation: "s3://other/" } },
    },
    {
      case: "an empty access log location",
      changes: { accessLogLocation: "" },
      expected: { ...base, s3Access: { s3Uri: "s3://x/" } },
    },
  ])("applies $case", ({ changes, expected }) => {
    const result = applyChanges(base, changes);
    expect(JSON.parse(JSON.stringify(result))).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});

describe("SqliteSequenceStoreRepository lifecycle (in memory)", () => {
  let repo: SqliteSequenceStoreRepository;
  beforeEach(() => {
    repo = openSqliteRepository(":memory:");
  });
  afterEach(async () => {
    await repo.close();
  });

  it("updates the changed members and bumps updateTime", async () => {
    const store = await created(repo);
    const outcome = await repo.update(update(store, { changes: { name: "renamed", description: "now" } }));
    expect(outcome.kind).toBe("updated");
    const read = await repo.get(ACCOUNT, store.id);
    expect(read).toEqual({
      ...store,
      name: "renamed",
      description: "now",
      updateTime: new Date(T0 + 60_000),
    });
    expect(read?.creationTime).toEqual(store.creationTime);
  });

  it("leaves updateTime alone when nothing changes", async () => {
    const store = await created(repo);
    const outcome = await repo.update(update(store, { changes: { name: store.name } }));
    expect(outcome.kind).toBe("unchanged");
    expect(await repo.get(ACCOUNT, store.id)).toEqual(store);
  });

  it.each([
    { case: "an unknown id", accountId: ACCOUNT, id: "4444444444" },
    { case: "another account's id", accountId: OTHER, id: undefined },
  ])("answers notFound to update and delete of $case", async ({ accountId, id }) => {
    const store = await created(repo);
    const target = { accountId, id: id ?? store.id };
    expect(await repo.update(update(store, { ...target, changes: { name: "x" } }))).toEqual({
      kind: "notFound",
    });
    expect(await repo.delete({ ...target, now: new Date() })).toEqual({ kind: "notFound" });
    expect(await repo.get(ACCOUNT, store.id)).toEqual(store);
  });

  it("replays an update token with the result of the first update, without a second bump", async () => {
    const store = await created(repo);
    const first = await repo.update(update(store, { clientToken: "u1", changes: { name: "first" } }));
    await repo.update(update(store, { changes: { name: "second" }, now: new Date(T0 + 120_000) }));
    const replay = await repo.update(
      update(store, { clientToken: "u1", changes: { name: "first" }, now: new Date(T0 + 180_000) }),
    );
    expect(replay.kind).toBe("replayed");
    if (replay.kind !== "replayed" || first.kind !== "updated") return;
    expect(replay.store).toEqual(first.store);
    expect((await repo.get(ACCOUNT, store.id))?.name).toBe("second");
    expect((await repo.get(ACCOUNT, store.id))?.updateTime).toEqual(new Date(T0 + 120_000));
  });

  it("refuses an update token reused with other parameters", async () => {
    const store = await created(repo);
    await repo.update(update(store, { clientToken: "u2", changes: { name: "a" } }));
    expect(await repo.update(update(store, { clientToken: "u2", changes: { name: "b" } }))).toEqual({
      kind: "tokenConflict",
      clientToken: "u2",
    });
  });

  it.each(["update", "delete"] as const)(
    "answers conflict to %s of a store that is DELETING",
    async (operation) => {
      const store = await created(repo, { draft: { name: "going", status: "DELETING" } });
      const outcome =
        operation === "update"
          ? await repo.update(update(store, { changes: { name: "x" } }))
          : await repo.delete({ accountId: ACCOUNT, id: store.id, now: new Date() });
      expect(outcome).toEqual({ kind: "conflict", status: "DELETING" });
    },
  );

  it("deletes a store: gone from get and list, quota slot given back, second delete notFound", async () => {
    const keep = await created(repo);
    const gone = await created(repo, { clientToken: "made-it" });
    expect(await repo.count(ACCOUNT)).toBe(2);
    expect((await repo.delete({ accountId: ACCOUNT, id: gone.id, now: new Date() })).kind).toBe("deleted");
    expect(await repo.get(ACCOUNT, gone.id)).toBeUndefined();
    expect((await repo.list(ACCOUNT, { limit: 10 })).map((s) => s.id)).toEqual([keep.id]);
    expect(await repo.count(ACCOUNT)).toBe(1);
    expect(await repo.delete({ accountId: ACCOUNT, id: gone.id, now: new Date() })).toEqual({
      kind: "notFound",
    });
    expect(await repo.count(ACCOUNT)).toBe(1);
  });

  it("retires the create token of a deleted store", async () => {
    const gone = await created(repo, { clientToken: "once" });
    await repo.delete({ accountId: ACCOUNT, id: gone.id, now: new Date() });
    expect(await repo.create(command({ clientToken: "once" }))).toEqual({
      kind: "tokenRetired",
      clientToken: "once",
      storeId: gone.id,
    });
    expect(await repo.count(ACCOUNT)).toBe(0);
    // The token is retired in its own account only.
    expect((await repo.create(command({ accountId: OTHER, clientToken: "once" }))).kind).toBe("created");
  });

  it("frees a quota slot on delete", async () => {
    const a = await created(repo, { maxStores: 1 });
    expect((await repo.create(command({ maxStores: 1 }))).kind).toBe("quotaExceeded");
    await repo.delete({ accountId: ACCOUNT, id: a.id, now: new Date() });
    expect((await repo.create(command({ maxStores: 1 }))).kind).toBe("created");
  });

  it("lists with every filter combined with AND, in (creationTime, id) order", async () => {
    // Two stores share each creation time, so the id breaks the tie.
    const stores: SequenceStoreRecord[] = [];
    for (let i = 0; i < 8; i++) {
      stores.push(
        await created(repo, {
          draft: { name: i % 2 === 0 ? "even" : "odd", status: i < 6 ? "ACTIVE" : "FAILED" },
          now: new Date(T0 + Math.floor(i / 2) * 1000),
        }),
      );
    }
    await repo.update(
      update(stores[2]!, { changes: { description: "touched" }, now: new Date(T0 + 10_000) }),
    );
    const ids = async (filter: Parameters<typeof repo.list>[1]["filter"]) =>
      (await repo.list(ACCOUNT, { limit: 100, ...(filter ? { filter } : {}) })).map((s) => s.id);
    const idsAt = (...indexes: number[]) => indexes.map((i) => stores[i]!.id);

    expect(await ids(undefined)).toEqual(idsAt(0, 1, 2, 3, 4, 5, 6, 7));
    expect(await ids({ name: "even" })).toEqual(idsAt(0, 2, 4, 6));
    expect(await ids({ status: "FAILED" })).toEqual(idsAt(6, 7));
    expect(await ids({ name: "even", status: "ACTIVE" })).toEqual(idsAt(0, 2, 4));
    expect(await ids({ createdAfter: new Date(T0 + 1000) })).toEqual(idsAt(4, 5, 6, 7));
    expect(await ids({ createdBefore: new Date(T0 + 1000) })).toEqual(idsAt(0, 1));
    expect(
      await ids({ createdAfter: new Date(T0), createdBefore: new Date(T0 + 3000), name: "odd" }),
    ).toEqual(idsAt(3, 5));
    expect(await ids({ updatedAfter: new Date(T0 + 5000) })).toEqual(idsAt(2));
    expect(await ids({ updatedBefore: new Date(T0 + 5000), name: "even" })).toEqual(idsAt(0, 4, 6));
    expect(await ids({ name: "nobody" })).toEqual([]);
  });

  it("pages with a keyset that survives deletes between pages", async () => {
    const stores: SequenceStoreRecord[] = [];
    for (let i = 0; i < 5; i++) stores.push(await created(repo, { now: new Date(T0 + i) }));
    const first = await repo.list(ACCOUNT, { limit: 2 });
    // The last store of the page disappears before the next page is asked for.
    await repo.delete({ accountId: ACCOUNT, id: first[1]!.id, now: new Date() });
    const rest = await repo.list(ACCOUNT, {
      limit: 10,
      after: { creationTime: first[1]!.creationTime, id: first[1]!.id },
    });
    expect(rest.map((s) => s.id)).toEqual(stores.slice(2).map((s) => s.id));
  });

  it("draws a secret once and returns the same one afterwards", async () => {
    const a = await repo.secret("list-token");
    expect(a).toHaveLength(32);
    expect(await repo.secret("list-token")).toEqual(a);
  });
});

describe("SqliteSequenceStoreRepository lifecycle (file)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "seqstore-lifecycle-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps the list-token secret across reopen and shares it between connections", async () => {
    const file = path.join(dir, "secret.db");
    const a = openSqliteRepository(file);
    const b = openSqliteRepository(file);
    const fromA = await a.secret("list-token");
    expect(await b.secret("list-token")).toEqual(fromA);
    await a.close();
    await b.close();
    const c = openSqliteRepository(file);
    expect(await c.secret("list-token")).toEqual(fromA);
    await c.close();
    const d = openSqliteRepository(path.join(dir, "other.db"));
    expect(await d.secret("list-token")).not.toEqual(fromA);
    await d.close();
  });

  it("migrates a version-1 database and keeps its stores", async () => {
    const file = path.join(dir, "v1.db");
    const old = new Database(file);
    old.exec(MIGRATIONS[0]!);
    old.pragma("user_version = 1");
    old
      .prepare(
        `INSERT INTO sequence_stores (account_id, id, arn, name, status, client_token, request_hash, creation_time, update_time)
       VALUES (?, '1234567890', 'arn:x', 'old', 'ACTIVE', 'tok', 'h', ?, ?)`,
      )
      .run(ACCOUNT, T0, T0);
    old.prepare("INSERT INTO account_usage VALUES (?, 1)").run(ACCOUNT);
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sequence_stores'")
      .pluck()
      .all();
    expect(indexes).toContain("sequence_stores_name_creation");
    expect(indexes).not.toContain("sequence_stores_name");
    db.close();

    const repo = openSqliteRepository(file);
    try {
      expect((await repo.list(ACCOUNT, { limit: 10, filter: { name: "old" } })).map((s) => s.id)).toEqual([
        "1234567890",
      ]);
      expect((await repo.delete({ accountId: ACCOUNT, id: "1234567890", now: new Date() })).kind).toBe(
        "deleted",
      );
      expect(await repo.count(ACCOUNT)).toBe(0);
    } finally {
      await repo.close();
    }
  });

  it("migrates a version-2 database into creation order and keeps (account, id) unique", async () => {
    const file = path.join(dir, "v2.db");
    const old = new Database(file);
    old.exec(MIGRATIONS[0]!);
    old.exec(MIGRATIONS[1]!);
    old.pragma("user_version = 2");
    const insertSql = `INSERT INTO sequence_stores (account_id, id, arn, name, status, client_token, request_hash, creation_time, update_time)
       VALUES (?, ?, 'arn:x', 'old', 'ACTIVE', ?, 'h', ?, ?)`;
    const insert = old.prepare(insertSql);
    // Ids sort against creation order, as random ids do: the WITHOUT ROWID table held them in id order.
    const stores = [
      { id: "9000000000", time: T0 },
      { id: "5000000000", time: T0 + 1 },
      { id: "1000000000", time: T0 + 2 },
    ];
    for (const { id, time } of stores) insert.run(ACCOUNT, id, `tok-${id}`, time, time);
    old.prepare("INSERT INTO account_usage VALUES (?, 3)").run(ACCOUNT);
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT id FROM sequence_stores ORDER BY row_number").pluck().all()).toEqual(
      stores.map((s) => s.id),
    );
    // Migration 4 lists the random ids with their rows; its key keeps (account, id) unique.
    expect(db.prepare("SELECT id FROM drawn_store_ids ORDER BY row_number").pluck().all()).toEqual(
      stores.map((s) => s.id),
    );
    expect(() => db.prepare("INSERT INTO drawn_store_ids VALUES (?, '5000000000', 99)").run(ACCOUNT)).toThrow(
      /UNIQUE/,
    );
    db.close();

    const repo = openSqliteRepository(file);
    try {
      expect((await repo.list(ACCOUNT, { limit: 10 })).map((s) => s.id)).toEqual(stores.map((s) => s.id));
      expect((await repo.get(ACCOUNT, "5000000000"))?.name).toBe("old");
      const replay = await repo.create(command({ clientToken: "tok-1000000000", requestHash: "h" }));
      expect(replay.kind).toBe("replayed");
      // A taken id is never given out twice, whether the create draws it or derives it.
      await expect(repo.create(command({ newId: () => "5000000000" }))).rejects.toBeInstanceOf(
        IdSpaceExhaustedError,
      );
      const fresh = await repo.create(command({ newId: undefined }));
      expect(fresh.kind).toBe("created");
    } finally {
      await repo.close();
    }
  });
});
