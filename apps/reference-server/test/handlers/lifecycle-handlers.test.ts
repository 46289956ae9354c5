import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_MAX_RESULTS } from "../../src/handlers/list-sequence-stores.js";
import { createOmicsHandlers, type ReferenceContext } from "../../src/handlers/omics-handlers.js";
import {
  openSqliteRepository,
  type SqliteSequenceStoreRepository,
} from "../../src/storage/sqlite/sqlite-sequence-store-repository.js";

const ACCOUNT = "123456789012";
const context: ReferenceContext = {
  requestId: "req-1",
  operationName: "test",
  accountId: ACCOUNT,
  region: "eu-west-1",
};
const otherAccount: ReferenceContext = { ...context, accountId: "210987654321" };

/** A clock the test moves: each call to tick() advances it by a second. */
function testClock() {
  let now = Date.UTC(2025, 2, 4, 5, 6, 7);
  return { now: () => new Date(now), tick: () => (now += 1000) };
}

function sequentialIds(): () => string {
  let next = 1_000_000_000;
  return () => String(next++);
}

async function rejectionOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error("expected the call to fail");
}

describe("lifecycle handlers", () => {
  let repository: SqliteSequenceStoreRepository;
  let handlers: ReturnType<typeof createOmicsHandlers>;
  let clock: ReturnType<typeof testClock>;
  beforeEach(() => {
    repository = openSqliteRepository(":memory:");
    clock = testClock();
    handlers = createOmicsHandlers({ repository, maxStores: 500, now: clock.now, newId: sequentialIds() });
  });
  afterEach(async () => {
    await repository.close();
  });

  it("gets a store with every member of the create, plus updateTime", async () => {
    const made = await handlers.createSequenceStore(
      {
        name: "full",
        description: "d",
        fallbackLocation: "s3://fallback/x/",
        propagatedSetLevelTags: ["p"],
        s3AccessConfig: { accessLogLocation: "s3://logs/a/" },
        tags: { p: "1" },
      },
      context,
    );
    const got = await handlers.getSequenceStore({ id: made.id }, context);
    expect(got).toEqual({ ...made, updateTime: made.creationTime });
    expect(got).not.toHaveProperty("tags");
  });

  it.each([
    { case: "an unknown id", id: "9999999999", caller: context },
    { case: "another account's id", id: "1000000000", caller: otherAccount },
  ])("answers 404 ResourceNotFoundException to get, update and delete of $case", async ({ id, caller }) => {
    await handlers.createSequenceStore({ name: "mine" }, context);
    for (const call of [
      () => handlers.getSequenceStore({ id }, caller),
      () => handlers.updateSequenceStore({ id, name: "x" }, caller),
      () => handlers.deleteSequenceStore({ id }, caller),
    ]) {
      expect(await rejectionOf(call())).toMatchObject({
        name: "ResourceNotFoundException",
        httpStatus: 404,
        message: `Sequence store ${id} not found.`,
      });
    }
    expect((await handlers.getSequenceStore({ id: "1000000000" }, context)).name).toBe("mine");
  });

  describe("updateSequenceStore", () => {
    it("changes the updatable members, bumps updateTime and keeps the rest", async () => {
      const made = await handlers.createSequenceStore(
        {
          name: "before",
          eTagAlgorithmFamily: "SHA256up",
          s3AccessConfig: { accessLogLocation: "s3://logs/a/" },
        },
        context,
      );
      clock.tick();
      const updated = await handlers.updateSequenceStore(
        {
          id: made.id,
          name: "after",
          description: "described",
          fallbackLocation: "s3://fallback/y/",
          propagatedSetLevelTags: ["k"],
          s3AccessConfig: { accessLogLocation: "s3://logs/b/" },
        },
        context,
      );
      expect(updated).toEqual({
        ...made,
        name: "after",
        description: "described",
        fallbackLocation: "s3://fallback/y/",
        propagatedSetLevelTags: ["k"],
        s3Access: { ...made.s3Access, accessLogLocation: "s3://logs/b/" },
        updateTime: clock.now(),
      });
      expect(updated.updateTime!.getTime()).toBeGreaterThan(made.creationTime.getTime());
      expect(await handlers.getSequenceStore({ id: made.id }, context)).toEqual(updated);
    });

    it("replays the same token and parameters without a second bump", async () => {
      const made = await handlers.createSequenceStore({ name: "s" }, context);
      clock.tick();
      const first = await handlers.updateSequenceStore({ id: made.id, name: "t", clientToken: "u" }, context);
      clock.tick();
      const again = await handlers.updateSequenceStore({ id: made.id, name: "t", clientToken: "u" }, context);
      expect(again).toEqual(first);
      expect((await handlers.getSequenceStore({ id: made.id }, context)).updateTime).toEqual(
        first.updateTime,
      );
    });

    it.each([
      { case: "other parameters", second: { name: "different" }, otherStore: false },
      { case: "another store", second: { name: "t" }, otherStore: true },
    ])("refuses the same token with $case", async ({ second, otherStore }) => {
      const a = await handlers.createSequenceStore({ name: "a" }, context);
      const b = await handlers.createSequenceStore({ name: "b" }, context);
      await handlers.updateSequenceStore({ id: a.id, name: "t", clientToken: "u" }, context);
      const error = await rejectionOf(
        handlers.updateSequenceStore({ id: otherStore ? b.id : a.id, ...second, clientToken: "u" }, context),
      );
      expect(error).toMatchObject({
        name: "ValidationException",
        httpStatus: 400,
        fieldList: [{ path: "/clientToken", message: expect.stringContaining("already used") }],
      });
    });

    it("answers 409 ConflictException for a store that is being deleted", async () => {
      const outcome = await repository.create({
        accountId: ACCOUNT,
        requestHash: "h",
        maxStores: 10,
        draft: { name: "going", status: "DELETING" },
        newId: () => "5555555555",
        identify: (id) => ({ arn: `arn:aws:omics:eu-west-1:${ACCOUNT}:sequenceStore/${id}` }),
        now: clock.now(),
      });
      expect(outcome.kind).toBe("created");
      for (const call of [
        () => handlers.updateSequenceStore({ id: "5555555555", name: "x" }, context),
        () => handlers.deleteSequenceStore({ id: "5555555555" }, context),
      ]) {
        expect(await rejectionOf(call())).toMatchObject({ name: "ConflictException", httpStatus: 409 });
      }
    });
  });

  describe("deleteSequenceStore", () => {
    it("removes the store from get and list, frees its quota slot, and 404s a second delete", async () => {
      const keep = await handlers.createSequenceStore({ name: "keep" }, context);
      const gone = await handlers.createSequenceStore({ name: "gone" }, context);
      expect(await handlers.deleteSequenceStore({ id: gone.id }, context)).toEqual({});
      expect(await rejectionOf(handlers.getSequenceStore({ id: gone.id }, context))).toMatchObject({
        name: "ResourceNotFoundException",
      });
      const listed = await handlers.listSequenceStores({}, context);
      expect(listed.sequenceStores.map((s) => s.id)).toEqual([keep.id]);
      expect(await repository.count(ACCOUNT)).toBe(1);
      expect(await rejectionOf(handlers.deleteSequenceStore({ id: gone.id }, context))).toMatchObject({
        name: "ResourceNotFoundException",
        httpStatus: 404,
      });
    });

    it("refuses a create replayed with the token of a deleted store", async () => {
      const gone = await handlers.createSequenceStore({ name: "once", clientToken: "c" }, context);
      await handlers.deleteSequenceStore({ id: gone.id }, context);
      const error = await rejectionOf(
        handlers.createSequenceStore({ name: "once", clientToken: "c" }, context),
      );
      expect(error).toMatchObject({
        name: "ValidationException",
        message: expect.stringContaining(`made sequence store ${gone.id}, which has been deleted`),
        fieldList: [{ path: "/clientToken", message: expect.any(String) }],
      });
      expect(await repository.count(ACCOUNT)).toBe(0);
    });
  });

  describe("listSequenceStores", () => {
    async function seed(count: number) {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        ids.push((await handlers.createSequenceStore({ name: i % 3 === 0 ? "third" : `s${i}` }, context)).id);
        clock.tick();
      }
      return ids;
    }

    async function listAll(input: Parameters<typeof handlers.listSequenceStores>[0], caller = context) {
      const ids: string[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await handlers.listSequenceStores(
          { ...input, ...(nextToken ? { nextToken } : {}) },
          caller,
        );
        ids.push(...page.sequenceStores.map((s) => s.id));
        nextToken = page.nextToken;
        pages++;
      } while (nextToken !== undefined);
      return { ids, pages };
    }

    it("returns SequenceStoreDetails, without s3Access or propagated tags", async () => {
      await handlers.createSequenceStore(
        { name: "detail", propagatedSetLevelTags: ["a"], s3AccessConfig: { accessLogLocation: "s3://l/x/" } },
        context,
      );
      const [detail] = (await handlers.listSequenceStores({}, context)).sequenceStores;
      expect(detail).toEqual({
        arn: `arn:aws:omics:eu-west-1:${ACCOUNT}:sequenceStore/1000000000`,
        id: "1000000000",
        name: "detail",
        creationTime: clock.now(),
        updateTime: clock.now(),
        status: "ACTIVE",
        sseConfig: { type: "KMS" },
        eTagAlgorithmFamily: "MD5up",
      });
    });

    it(`pages by ${DEFAULT_MAX_RESULTS} by default, oldest first, with no token on the last page`, async () => {
      const ids = await seed(DEFAULT_MAX_RESULTS + 1);
      const first = await handlers.listSequenceStores({}, context);
      expect(first.sequenceStores).toHaveLength(DEFAULT_MAX_RESULTS);
      expect(first.nextToken).toEqual(expect.any(String));
      const second = await handlers.listSequenceStores({ nextToken: first.nextToken! }, context);
      expect([...first.sequenceStores, ...second.sequenceStores].map((s) => s.id)).toEqual(ids);
      expect(second.nextToken).toBeUndefined();
    });

    it("gives no token when the page ends exactly at the last store", async () => {
      await seed(4);
      expect((await handlers.listSequenceStores({ maxResults: 4 }, context)).nextToken).toBeUndefined();
    });

    it("walks every page of a filtered list", async () => {
      const ids = await seed(30);
      const thirds = ids.filter((_, i) => i % 3 === 0);
      expect(await listAll({ maxResults: 3, filter: { name: "third" } })).toEqual({ ids: thirds, pages: 4 });
    });

    it("lists only the caller's stores", async () => {
      await seed(3);
      expect((await handlers.listSequenceStores({}, otherAccount)).sequenceStores).toEqual([]);
    });

    it.each([
      { case: "another account", second: { input: {}, caller: otherAccount } },
      { case: "another filter", second: { input: { filter: { name: "third" } }, caller: context } },
      { case: "an emptied filter", second: { input: { filter: {} }, caller: context } },
    ])("refuses a token used with $case", async ({ second }) => {
      await seed(5);
      const first = await handlers.listSequenceStores(
        { maxResults: 2, filter: { status: "ACTIVE" } },
        context,
      );
      const error = await rejectionOf(
        handlers.listSequenceStores({ ...second.input, nextToken: first.nextToken! }, second.caller),
      );
      expect(error).toMatchObject({
        name: "ValidationException",
        httpStatus: 400,
        fieldList: [{ path: "/nextToken", message: expect.stringContaining("not valid") }],
      });
    });

    it.each(["forged", "v1.eyJ0IjowLCJpIjoiMSJ9.AAAA"])("refuses the token %s", async (nextToken) => {
      expect(await rejectionOf(handlers.listSequenceStores({ nextToken }, context))).toMatchObject({
        name: "ValidationException",
      });
    });

    it("keeps a page size of 1 consistent while stores are added behind the cursor", async () => {
      const ids = await seed(3);
      const first = await handlers.listSequenceStores({ maxResults: 1 }, context);
      const late = await handlers.createSequenceStore({ name: "late" }, context);
      const rest = await listAll({ maxResults: 1, nextToken: first.nextToken! });
      expect([first.sequenceStores[0]!.id, ...rest.ids]).toEqual([...ids, late.id]);
    });
  });
});
