import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type {
  CreateSequenceStoreCommand,
  SequenceStoreDraft,
} from "../../src/storage/sequence-store-record.js";
import { MIGRATIONS, schemaVersion } from "../../src/storage/sqlite/migrations.js";
import { openDatabase } from "../../src/storage/sqlite/open-database.js";
import {
  IdSpaceExhaustedError,
  openSqliteRepository,
  type SqliteSequenceStoreRepository,
} from "../../src/storage/sqlite/sqlite-sequence-store-repository.js";

const ACCOUNT = "111122223333";

const fullDraft: SequenceStoreDraft = {
  name: "genomes",
  description: "all of them",
  sseConfig: { type: "KMS", keyArn: "arn:aws:kms:us-east-1:111122223333:key/abc" },
  fallbackLocation: "s3://fallback-bucket/prefix/",
  eTagAlgorithmFamily: "SHA256up",
  status: "ACTIVE",
  propagatedSetLevelTags: ["project"],
  tags: { project: "x", owner: "y" },
};

/** Ids from a fixed list, so collisions can be staged. */
function idsFrom(...ids: string[]): () => string {
  let next = 0;
  return () => ids[next++ % ids.length]!;
}

let counter = 0;
function command(overrides: Partial<CreateSequenceStoreCommand> = {}): CreateSequenceStoreCommand {
  counter++;
  return {
    accountId: ACCOUNT,
    requestHash: "hash-a",
    maxStores: 100,
    draft: { name: `store-${counter}`, status: "ACTIVE" },
    newId: idsFrom(String(1000000000 + counter)),
    identify: (id) => ({ arn: `arn:aws:omics:us-east-1:${ACCOUNT}:sequenceStore/${id}` }),
    now: new Date(Date.UTC(2025, 0, 1, 0, 0, counter)),
    ...overrides,
  };
}

describe("SqliteSequenceStoreRepository (in memory)", () => {
  let repo: SqliteSequenceStoreRepository;
  beforeEach(() => {
    repo = openSqliteRepository(":memory:");
  });
  afterEach(async () => {
    await repo.close();
  });

  it("creates a store and reads every member back", async () => {
    const outcome = await repo.create(
      command({
        draft: fullDraft,
        newId: idsFrom("4242424242"),
        identify: (id) => ({
          arn: `arn:aws:omics:us-east-1:${ACCOUNT}:sequenceStore/${id}`,
          s3Access: { s3Uri: `s3://alias/${id}/`, s3AccessPointArn: "arn:aws:s3:us-east-1:1:accesspoint/x" },
        }),
      }),
    );
    expect(outcome.kind).toBe("created");
    if (outcome.kind !== "created") return;
    expect(outcome.store.id).toBe("4242424242");
    const read = await repo.get(ACCOUNT, "4242424242");
    expect(read).toEqual(outcome.store);
    expect(read).toMatchObject({ ...fullDraft, s3Access: { s3Uri: "s3://alias/4242424242/" } });
  });

  it("keeps stores apart per account", async () => {
    await repo.create(command({ newId: idsFrom("5555555555") }));
    expect(await repo.get("999999999999", "5555555555")).toBeUndefined();
    const other = await repo.create(command({ accountId: "999999999999", newId: idsFrom("5555555555") }));
    expect(other.kind).toBe("created");
  });

  it.each([
    { case: "same token, same parameters → the first store", hash: "hash-a", expected: "replayed" },
    { case: "same token, different parameters → conflict", hash: "hash-b", expected: "tokenConflict" },
  ])("$case", async ({ hash, expected }) => {
    const first = await repo.create(command({ clientToken: "tok-1", requestHash: "hash-a" }));
    expect(first.kind).toBe("created");
    const second = await repo.create(command({ clientToken: "tok-1", requestHash: hash }));
    expect(second.kind).toBe(expected);
    if (second.kind === "replayed" && first.kind === "created") expect(second.store).toEqual(first.store);
    expect(await repo.count(ACCOUNT)).toBe(1);
  });

  it("treats the same token in another account as unrelated", async () => {
    await repo.create(command({ clientToken: "tok-shared" }));
    const other = await repo.create(command({ accountId: "999999999999", clientToken: "tok-shared" }));
    expect(other.kind).toBe("created");
  });

  it("creates a new store for every call without a token", async () => {
    await repo.create(command());
    await repo.create(command());
    expect(await repo.count(ACCOUNT)).toBe(2);
  });

  it("stops at the quota, but still replays a known token", async () => {
    await repo.create(command({ maxStores: 2, clientToken: "a" }));
    await repo.create(command({ maxStores: 2 }));
    const third = await repo.create(command({ maxStores: 2 }));
    expect(third).toEqual({ kind: "quotaExceeded", maxStores: 2 });
    const replay = await repo.create(command({ maxStores: 2, clientToken: "a" }));
    expect(replay.kind).toBe("replayed");
    expect(await repo.count(ACCOUNT)).toBe(2);
  });

  it("draws another id when the first is taken", async () => {
    await repo.create(command({ newId: idsFrom("1111111111") }));
    const outcome = await repo.create(command({ newId: idsFrom("1111111111", "2222222222") }));
    expect(outcome.kind === "created" && outcome.store.id).toBe("2222222222");
  });

  it("gives up when every drawn id is taken", async () => {
    await repo.create(command({ newId: idsFrom("1111111111") }));
    await expect(repo.create(command({ newId: idsFrom("1111111111") }))).rejects.toBeInstanceOf(
      IdSpaceExhaustedError,
    );
    expect(await repo.count(ACCOUNT)).toBe(1);
  });

  it("takes back only the failing write's changes when one write of a group commit throws", async () => {
    await repo.create(command({ newId: idsFrom("1111111111") }));
    // Started together, so all three share one group commit; the middle one finds no free id.
    const [before, failing, after] = await Promise.allSettled([
      repo.create(command({ clientToken: "before", newId: idsFrom("2222222222") })),
      repo.create(command({ clientToken: "failing", newId: idsFrom("1111111111") })),
      repo.create(command({ clientToken: "after", newId: idsFrom("3333333333") })),
    ]);
    expect(failing.status === "rejected" && failing.reason).toBeInstanceOf(IdSpaceExhaustedError);
    expect(before.status === "fulfilled" && before.value.kind).toBe("created");
    expect(after.status === "fulfilled" && after.value.kind).toBe("created");
    // The quota counts the three stores that exist; the failed create's count and token are gone with it.
    expect(await repo.count(ACCOUNT)).toBe(3);
    const retry = await repo.create(command({ clientToken: "failing", newId: idsFrom("4444444444") }));
    expect(retry.kind === "created" && retry.store.id).toBe("4444444444");
    expect(await repo.get(ACCOUNT, "2222222222")).toBeDefined();
    expect(await repo.get(ACCOUNT, "3333333333")).toBeDefined();
  });

  it("yields one store for concurrent creates with one token", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        repo.create(command({ clientToken: "race", newId: idsFrom(`30000000${10 + i}`) })),
      ),
    );
    expect(outcomes.filter((o) => o.kind === "created")).toHaveLength(1);
    const ids = new Set(
      outcomes.map((o) => (o.kind === "created" || o.kind === "replayed" ? o.store.id : "")),
    );
    expect(ids.size).toBe(1);
    expect(await repo.count(ACCOUNT)).toBe(1);
  });

  it("lists in creation order with keyset pages", async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      const outcome = await repo.create(command());
      if (outcome.kind === "created") created.push(outcome.store.id);
    }
    const first = await repo.list(ACCOUNT, { limit: 2 });
    const last = first.at(-1)!;
    const rest = await repo.list(ACCOUNT, {
      limit: 10,
      after: { creationTime: last.creationTime, id: last.id },
    });
    expect([...first, ...rest].map((s) => s.id)).toEqual(created);
  });
});

describe("SqliteSequenceStoreRepository (file)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "seqstore-repo-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates missing parent directories and keeps stores across a reopen", async () => {
    const file = path.join(dir, "nested", "deeper", "seqstore.db");
    const first = openSqliteRepository(file);
    const created = await first.create(command({ clientToken: "persist", draft: fullDraft }));
    await first.close();

    const second = openSqliteRepository(file);
    try {
      expect(created.kind).toBe("created");
      if (created.kind !== "created") return;
      expect(await second.get(ACCOUNT, created.store.id)).toEqual(created.store);
      const replay = await second.create(command({ clientToken: "persist" }));
      expect(replay.kind === "replayed" && replay.store.id).toBe(created.store.id);
      expect(await second.count(ACCOUNT)).toBe(1);
    } finally {
      await second.close();
    }
  });

  it("sees a token taken by another connection to the same file", async () => {
    const file = path.join(dir, "shared.db");
    const a = openSqliteRepository(file);
    const b = openSqliteRepository(file);
    try {
      const first = await a.create(command({ clientToken: "two-processes" }));
      const second = await b.create(command({ clientToken: "two-processes" }));
      expect(first.kind).toBe("created");
      expect(second.kind).toBe("replayed");
    } finally {
      await a.close();
      await b.close();
    }
  });

  it.each([
    { durability: "full" as const, expected: 2 },
    { durability: "normal" as const, expected: 1 },
  ])("uses WAL and synchronous=$durability", ({ durability, expected }) => {
    const db = openDatabase(path.join(dir, `${durability}.db`), { durability });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("synchronous", { simple: true })).toBe(expected);
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    } finally {
      db.close();
    }
  });

  it("refuses a database from a newer schema", () => {
    const file = path.join(dir, "future.db");
    const db = openDatabase(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer server/);
  });
});
