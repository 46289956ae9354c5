// The repository contract: what every storage engine must do alike, run against each engine by
// repository-contract.test.ts. Engine-specific behaviour (SQLite's group commit and migrations, PostgreSQL's
// retries) has its own tests; this is what the handlers rely on.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SequenceStoreRepository } from "../../src/storage/sequence-store-repository.js";
import type {
  CreateSequenceStoreCommand,
  SequenceStoreDraft,
  SequenceStoreRecord,
} from "../../src/storage/sequence-store-record.js";

/** A fresh, empty database of one engine; open() may be called more than once (several instances). */
export interface ContractDatabase {
  open(): Promise<SequenceStoreRepository>;
  /** Removes what the database left behind. */
  cleanup(): Promise<void>;
}

export interface ContractEngine {
  name: string;
  newDatabase(): Promise<ContractDatabase>;
}

const ACCOUNT = "111122223333";
const OTHER = "999999999999";
const T0 = Date.UTC(2025, 0, 1);
const ID_PATTERN = /^[1-9][0-9]{9}$/;

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

let made = 0;
function command(overrides: Partial<CreateSequenceStoreCommand> = {}): CreateSequenceStoreCommand {
  made++;
  const accountId = overrides.accountId ?? ACCOUNT;
  return {
    accountId,
    requestHash: "hash",
    maxStores: 1000,
    draft: { name: `store-${made}`, status: "ACTIVE" },
    identify: (id) => ({
      arn: `arn:aws:omics:us-east-1:${accountId}:sequenceStore/${id}`,
      s3Access: { s3Uri: `s3://alias/${id}/` },
    }),
    now: new Date(T0 + made),
    ...overrides,
  };
}

async function created(
  repo: SequenceStoreRepository,
  cmd: CreateSequenceStoreCommand,
): Promise<SequenceStoreRecord> {
  const outcome = await repo.create(cmd);
  if (outcome.kind !== "created") throw new Error(`expected a new store, got ${JSON.stringify(outcome)}`);
  return outcome.store;
}

export function repositoryContract(engine: ContractEngine): void {
  describe(`repository contract: ${engine.name}`, () => {
    let database: ContractDatabase;
    let repo: SequenceStoreRepository;
    const extra: SequenceStoreRepository[] = [];

    beforeEach(async () => {
      database = await engine.newDatabase();
      repo = await database.open();
    });
    afterEach(async () => {
      for (const other of extra.splice(0)) await other.close();
      await repo.close();
      await database.cleanup();
    });

    async function secondInstance(): Promise<SequenceStoreRepository> {
      const other = await database.open();
      extra.push(other);
      return other;
    }

    it("creates a store with a 10-digit id and reads every member back", async () => {
      const store = await created(repo, command({ draft: fullDraft }));
      expect(store.id).toMatch(ID_PATTERN);
      expect(store).toMatchObject({
        ...fullDraft,
        accountId: ACCOUNT,
        s3Access: { s3Uri: `s3://alias/${store.id}/` },
      });
      expect(await repo.get(ACCOUNT, store.id)).toEqual(store);
      expect(await repo.count(ACCOUNT)).toBe(1);
    });

    it("keeps accounts apart: another account neither sees the store nor shares its token", async () => {
      const mine = await created(repo, command({ clientToken: "t" }));
      expect(await repo.get(OTHER, mine.id)).toBeUndefined();
      const theirs = await created(repo, command({ accountId: OTHER, clientToken: "t" }));
      expect(theirs.id).not.toBe(mine.id);
      expect(await repo.list(OTHER, { limit: 10 })).toEqual([theirs]);
      expect(await repo.count(ACCOUNT)).toBe(1);
    });

    it("replays a token with the same parameters and refuses it with others", async () => {
      const first = await created(repo, command({ clientToken: "tok", requestHash: "a" }));
      const again = await repo.create(command({ clientToken: "tok", requestHash: "a" }));
      expect(again).toEqual({ kind: "replayed", store: first });
      expect(await repo.create(command({ clientToken: "tok", requestHash: "b" }))).toEqual({
        kind: "tokenConflict",
        clientToken: "tok",
      });
      const untokened = await created(repo, command());
      expect((await created(repo, command())).id).not.toBe(untokened.id);
    });

    it("stops at the quota, still replaying a known token", async () => {
      const first = await created(repo, command({ clientToken: "q1", maxStores: 2 }));
      await created(repo, command({ maxStores: 2 }));
      expect(await repo.create(command({ maxStores: 2 }))).toEqual({ kind: "quotaExceeded", maxStores: 2 });
      expect(await repo.create(command({ clientToken: "q1", maxStores: 2 }))).toEqual({
        kind: "replayed",
        store: first,
      });
      expect(await repo.count(ACCOUNT)).toBe(2);
    });

    it("takes an id the caller draws only when no store of the account holds it", async () => {
      const ids = ["4242424242", "4242424242", "5353535353"];
      const newId = () => ids.shift()!;
      const a = await created(repo, command({ newId }));
      const b = await created(repo, command({ newId }));
      expect([a.id, b.id]).toEqual(["4242424242", "5353535353"]);
      expect((await repo.get(ACCOUNT, "5353535353"))?.name).toBe(b.name);
    });

    it("concurrent creates with one token make one store and equal answers", async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 40 }, () => repo.create(command({ clientToken: "race", draft: fullDraft }))),
      );
      expect(outcomes.filter((o) => o.kind === "created")).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === "replayed")).toHaveLength(39);
      const ids = new Set(outcomes.map((o) => ("store" in o ? o.store.id : o.kind)));
      expect(ids.size).toBe(1);
      expect(await repo.count(ACCOUNT)).toBe(1);
    });

    it("concurrent creates past the quota make exactly the quota's stores", async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 30 }, (_, i) => repo.create(command({ clientToken: `q-${i}`, maxStores: 7 }))),
      );
      expect(outcomes.filter((o) => o.kind === "created")).toHaveLength(7);
      expect(outcomes.filter((o) => o.kind === "quotaExceeded")).toHaveLength(23);
      expect(await repo.count(ACCOUNT)).toBe(7);
      expect(await repo.list(ACCOUNT, { limit: 100 })).toHaveLength(7);
    });

    it("lists oldest first with keyset pages and AND-combined filters", async () => {
      const stores: SequenceStoreRecord[] = [];
      for (let i = 0; i < 7; i++) {
        stores.push(
          await created(
            repo,
            command({
              draft: { name: i % 2 === 0 ? "even" : "odd", status: "ACTIVE" },
              now: new Date(T0 + i * 1000),
            }),
          ),
        );
      }
      // Two stores in one millisecond: id breaks the tie.
      const tie = await created(
        repo,
        command({ draft: { name: "even", status: "ACTIVE" }, now: new Date(T0 + 6000) }),
      );
      const all = await repo.list(ACCOUNT, { limit: 100 });
      const expected = [...stores, tie].sort(
        (x, y) => x.creationTime.getTime() - y.creationTime.getTime() || (x.id < y.id ? -1 : 1),
      );
      expect(all.map((s) => s.id)).toEqual(expected.map((s) => s.id));

      const pageOne = await repo.list(ACCOUNT, { limit: 3 });
      const last = pageOne.at(-1)!;
      const pageTwo = await repo.list(ACCOUNT, {
        limit: 3,
        after: { creationTime: last.creationTime, id: last.id },
      });
      expect([...pageOne, ...pageTwo].map((s) => s.id)).toEqual(expected.slice(0, 6).map((s) => s.id));

      const evenAfter = await repo.list(ACCOUNT, {
        limit: 100,
        filter: {
          name: "even",
          status: "ACTIVE",
          createdAfter: new Date(T0 + 1000),
          createdBefore: new Date(T0 + 6001),
        },
      });
      expect(evenAfter.map((s) => s.id)).toEqual(
        expected.filter((s) => s.name === "even" && s.creationTime.getTime() > T0 + 1000).map((s) => s.id),
      );
      expect(await repo.list(ACCOUNT, { limit: 100, filter: { updatedBefore: new Date(T0) } })).toEqual([]);
      expect(await repo.list(ACCOUNT, { limit: 100, filter: { status: "DELETING" } })).toEqual([]);
    });

    it("updates changed members, keeps updateTime when nothing changes, and replays update tokens", async () => {
      const store = await created(repo, command({ draft: fullDraft }));
      const later = new Date(T0 + 60_000);
      const updated = await repo.update({
        accountId: ACCOUNT,
        id: store.id,
        clientToken: "u1",
        requestHash: "u-a",
        changes: { description: "new", fallbackLocation: "", accessLogLocation: "s3://logs/x/" },
        now: later,
      });
      expect(updated.kind).toBe("updated");
      if (updated.kind !== "updated") return;
      expect(updated.store).toMatchObject({ description: "new", updateTime: later });
      expect(updated.store.fallbackLocation).toBeUndefined();
      expect(updated.store.s3Access?.accessLogLocation).toBe("s3://logs/x/");
      expect(await repo.get(ACCOUNT, store.id)).toEqual(updated.store);

      const replay = await repo.update({
        accountId: ACCOUNT,
        id: store.id,
        clientToken: "u1",
        requestHash: "u-a",
        changes: { description: "new" },
        now: new Date(T0 + 120_000),
      });
      expect(replay).toEqual({ kind: "replayed", store: updated.store });
      expect(
        await repo.update({
          accountId: ACCOUNT,
          id: store.id,
          clientToken: "u1",
          requestHash: "u-b",
          changes: {},
          now: later,
        }),
      ).toEqual({ kind: "tokenConflict", clientToken: "u1" });
      const same = await repo.update({
        accountId: ACCOUNT,
        id: store.id,
        requestHash: "u-c",
        changes: { description: "new" },
        now: new Date(T0 + 180_000),
      });
      expect(same).toEqual({ kind: "unchanged", store: updated.store });
      expect(
        await repo.update({
          accountId: OTHER,
          id: store.id,
          requestHash: "x",
          changes: { name: "n" },
          now: later,
        }),
      ).toEqual({ kind: "notFound" });
    });

    it("deletes: gone from get and list, quota slot back, token retired, second delete notFound", async () => {
      const store = await created(repo, command({ clientToken: "del", maxStores: 1 }));
      const deleted = await repo.delete({ accountId: ACCOUNT, id: store.id, now: new Date(T0 + 5) });
      expect(deleted).toEqual({ kind: "deleted", store });
      expect(await repo.get(ACCOUNT, store.id)).toBeUndefined();
      expect(await repo.list(ACCOUNT, { limit: 10 })).toEqual([]);
      expect(await repo.count(ACCOUNT)).toBe(0);
      expect(await repo.delete({ accountId: ACCOUNT, id: store.id, now: new Date(T0 + 6) })).toEqual({
        kind: "notFound",
      });
      expect(await repo.create(command({ clientToken: "del", maxStores: 1 }))).toEqual({
        kind: "tokenRetired",
        clientToken: "del",
        storeId: store.id,
      });
      const next = await created(repo, command({ maxStores: 1 }));
      expect(next.id).not.toBe(store.id);
    });

    it("keeps secrets: 32 bytes, one per name, the same on every instance", async () => {
      const token = await repo.secret("list-token");
      expect(token.byteLength).toBe(32);
      expect(await repo.secret("list-token")).toEqual(token);
      expect(await repo.secret("store-id")).not.toEqual(token);
      const other = await secondInstance();
      expect(await other.secret("list-token")).toEqual(token);
      expect(await other.secret("store-id")).toEqual(await repo.secret("store-id"));
    });

    it("two instances on one database: one store per token, distinct ids, each sees the other's writes", async () => {
      const other = await secondInstance();
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? repo : other).create(command({ clientToken: "shared" })),
        ),
      );
      expect(outcomes.filter((o) => o.kind === "created")).toHaveLength(1);
      const fresh = await Promise.all(
        Array.from({ length: 20 }, (_, i) => created(i % 2 === 0 ? repo : other, command())),
      );
      const ids = new Set(fresh.map((s) => s.id));
      expect(ids.size).toBe(20);
      for (const store of fresh) expect(await other.get(ACCOUNT, store.id)).toEqual(store);
      expect(await repo.count(ACCOUNT)).toBe(21);
    });

    it("answers a ping", async () => {
      await expect(repo.ping()).resolves.toBeUndefined();
    });
  });
}
