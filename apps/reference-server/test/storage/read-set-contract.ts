// The read-set storage contract, run against each engine by repository-contract.test.ts: uploads, parts,
// completion and read sets behave alike on SQLite and PostgreSQL, account by account and store by store.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReadSetRecord, UploadRecord } from "../../src/storage/read-sets/read-set-records.js";
import { ReadSetRepository } from "../../src/storage/read-sets/read-set-repository.js";
import type { SequenceStoreRepository } from "../../src/storage/sequence-store-repository.js";
import type { ContractDatabase, ContractEngine } from "./repository-contract.js";

const ACCOUNT = "111122223333";
const OTHER = "999999999999";
const STORE = "1234567890";
const T0 = Date.UTC(2025, 0, 1);

function upload(uploadId: string, overrides: Partial<UploadRecord> = {}): UploadRecord {
  return {
    accountId: ACCOUNT,
    storeId: STORE,
    uploadId,
    state: "OPEN",
    creationTime: new Date(T0 + Number(uploadId.slice(-3))),
    readSet: { sourceFileType: "FASTQ", subjectId: "subject", sampleId: "sample", name: `set-${uploadId}` },
    ...overrides,
  };
}

function readSetOf(up: UploadRecord, id: string): ReadSetRecord {
  return {
    accountId: up.accountId,
    storeId: up.storeId,
    id,
    uploadId: up.uploadId,
    status: "PROCESSING_UPLOAD",
    creationTime: up.creationTime,
    readSet: up.readSet,
  };
}

const part = (partNumber: number, checksum: string, size = 10) => ({
  source: "SOURCE1" as const,
  partNumber,
  checksum,
  size,
});

export function readSetContract(engine: ContractEngine): void {
  describe(`read-set storage contract: ${engine.name}`, () => {
    let database: ContractDatabase;
    let stores: SequenceStoreRepository;
    let repo: ReadSetRepository;

    beforeEach(async () => {
      database = await engine.newDatabase();
      stores = await database.open();
      repo = new ReadSetRepository(stores.readSetEngine());
    });
    afterEach(async () => {
      await stores.close();
      await database.cleanup();
    });

    it("keeps an upload for its own account and store only", async () => {
      const up = upload("10000000000000000001", { readSet: { ...upload("1").readSet, tags: { a: "b" } } });
      await repo.createUpload(up);
      expect(await repo.getUpload(ACCOUNT, STORE, up.uploadId)).toEqual(up);
      expect(await repo.getUpload(OTHER, STORE, up.uploadId)).toBeUndefined();
      expect(await repo.getUpload(ACCOUNT, "9999999999", up.uploadId)).toBeUndefined();
    });

    it("answers a client token with its upload, per account and store, until the upload ends", async () => {
      const token = { clientToken: "token-1", requestHash: "hash-a" };
      const first = upload("10000000000000000101");
      expect(await repo.createUpload(first, token)).toEqual({ kind: "created" });
      // Same token and request: the first upload, not a new one.
      expect(await repo.createUpload(upload("10000000000000000102"), token)).toEqual({
        kind: "replayed",
        upload: first,
      });
      expect(await repo.getUpload(ACCOUNT, STORE, "10000000000000000102")).toBeUndefined();
      // Same token, other request: refused, nothing made.
      expect(
        await repo.createUpload(upload("10000000000000000103"), { ...token, requestHash: "hash-b" }),
      ).toEqual({ kind: "tokenConflict" });
      expect(await repo.getUpload(ACCOUNT, STORE, "10000000000000000103")).toBeUndefined();
      // Another account, or another store of the account, has its own tokens.
      expect(await repo.createUpload(upload("10000000000000000104", { accountId: OTHER }), token)).toEqual({
        kind: "created",
      });
      expect(
        await repo.createUpload(upload("10000000000000000105", { storeId: "9999999999" }), token),
      ).toEqual({
        kind: "created",
      });
      // Without a token every create makes an upload.
      expect(await repo.createUpload(upload("10000000000000000106"))).toEqual({ kind: "created" });
      expect(await repo.createUpload(upload("10000000000000000107"))).toEqual({ kind: "created" });
      // Once the upload ends (aborted here; completed alike) the token is not given a new one.
      expect(await repo.abortUpload(ACCOUNT, STORE, first.uploadId)).toBe(true);
      expect(await repo.createUpload(upload("10000000000000000108"), token)).toEqual({
        kind: "tokenClosed",
        uploadId: first.uploadId,
      });
      const open = await repo.listUploads(ACCOUNT, STORE, 100);
      expect(open.map((u) => u.uploadId)).toEqual(["10000000000000000106", "10000000000000000107"]);
    });

    it("makes one upload of concurrent creates with one token", async () => {
      const token = { clientToken: "raced", requestHash: "hash" };
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, i) => repo.createUpload(upload(`1000000000000000020${i}`), token)),
      );
      expect(outcomes.filter((o) => o.kind === "created")).toHaveLength(1);
      const made = (await repo.listUploads(ACCOUNT, STORE, 100)).map((u) => u.uploadId);
      expect(made).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.kind === "replayed") expect(outcome.upload.uploadId).toBe(made[0]);
      }
    });

    it("records parts, replaces a re-uploaded one and keeps its creation time", async () => {
      const up = upload("10000000000000000002");
      await repo.createUpload(up);
      expect(await repo.recordPart(ACCOUNT, STORE, up.uploadId, part(2, "b".repeat(64)), new Date(T0))).toBe(
        true,
      );
      expect(
        await repo.recordPart(ACCOUNT, STORE, up.uploadId, part(1, "a".repeat(64)), new Date(T0 + 1)),
      ).toBe(true);
      expect(
        await repo.recordPart(ACCOUNT, STORE, up.uploadId, part(2, "c".repeat(64), 20), new Date(T0 + 2)),
      ).toBe(true);
      expect(await repo.recordPart(OTHER, STORE, up.uploadId, part(3, "d".repeat(64)), new Date(T0))).toBe(
        false,
      );
      expect(await repo.listParts(up.uploadId)).toEqual([
        { ...part(1, "a".repeat(64)), creationTime: new Date(T0 + 1), lastUpdatedTime: new Date(T0 + 1) },
        { ...part(2, "c".repeat(64), 20), creationTime: new Date(T0), lastUpdatedTime: new Date(T0 + 2) },
      ]);
      expect(await repo.listParts(up.uploadId, "SOURCE2")).toEqual([]);
    });

    it("lists open uploads oldest first, page by page", async () => {
      const ids = ["10000000000000000013", "10000000000000000011", "10000000000000000012"];
      for (const id of ids) await repo.createUpload(upload(id));
      await repo.createUpload(upload("10000000000000000014", { accountId: OTHER }));
      const first = await repo.listUploads(ACCOUNT, STORE, 2);
      expect(first.map((u) => u.uploadId)).toEqual(["10000000000000000011", "10000000000000000012"]);
      const last = first.at(-1)!;
      const rest = await repo.listUploads(ACCOUNT, STORE, 2, {
        creationTime: last.creationTime,
        id: last.uploadId,
      });
      expect(rest.map((u) => u.uploadId)).toEqual(["10000000000000000013"]);
    });

    it("aborts an open upload with its parts, once", async () => {
      const up = upload("10000000000000000021");
      await repo.createUpload(up);
      await repo.recordPart(ACCOUNT, STORE, up.uploadId, part(1, "a".repeat(64)), new Date(T0));
      expect(await repo.abortUpload(OTHER, STORE, up.uploadId)).toBe(false);
      expect(await repo.abortUpload(ACCOUNT, STORE, up.uploadId)).toBe(true);
      expect(await repo.abortUpload(ACCOUNT, STORE, up.uploadId)).toBe(false);
      expect(await repo.listParts(up.uploadId)).toEqual([]);
      expect(await repo.sweepUploadParts(up.uploadId)).toBeUndefined();
    });

    it("completes an upload: no more parts, a PROCESSING_UPLOAD read set, then the outcome", async () => {
      const up = upload("10000000000000000031", {
        readSet: { ...upload("1").readSet, generatedFrom: "lab", referenceArn: "arn:aws:omics:x" },
      });
      await repo.createUpload(up);
      await repo.recordPart(ACCOUNT, STORE, up.uploadId, part(1, "a".repeat(64)), new Date(T0));
      const completion = [{ partNumber: 1, partSource: "SOURCE1" as const, checksum: "a".repeat(64) }];
      const readSet = readSetOf(up, "20000000000000000031");
      expect(await repo.beginCompletion(readSet, completion)).toBe(true);
      expect(await repo.beginCompletion({ ...readSet, id: "20000000000000000032" }, completion)).toBe(false);
      expect(await repo.recordPart(ACCOUNT, STORE, up.uploadId, part(2, "b".repeat(64)), new Date(T0))).toBe(
        false,
      );
      expect(await repo.pendingCompletions()).toEqual([
        { ...up, state: "COMPLETING", readSetId: readSet.id, completion },
      ]);
      expect(await repo.sweepUploadParts(up.uploadId)).toEqual([
        { source: "SOURCE1", partNumber: 1, checksum: "a".repeat(64) },
      ]);
      expect(await repo.getReadSet(ACCOUNT, STORE, readSet.id)).toEqual(readSet);
      expect(await repo.deleteReadSet(ACCOUNT, STORE, readSet.id)).toBe("processing");

      const files = { source1: { contentLength: 10, partSize: 104857600, totalParts: 1 } };
      const sequenceInformation = { totalReadCount: 1, totalBaseCount: 5, alignment: "UNALIGNED" };
      await repo.finishCompletion(readSet.id, {
        status: "ACTIVE",
        files,
        etag: { algorithm: "FASTQ_MD5up", source1: "f".repeat(32) },
        sequenceInformation,
      });
      const active = await repo.getReadSet(ACCOUNT, STORE, readSet.id);
      expect(active).toMatchObject({ status: "ACTIVE", files, sequenceInformation });
      expect(await repo.getReadSet(OTHER, STORE, readSet.id)).toBeUndefined();
      expect(await repo.pendingCompletions()).toEqual([]);
      expect(await repo.getUpload(ACCOUNT, STORE, up.uploadId)).toBeUndefined();
      expect(await repo.sweepReadSetExists(readSet.id)).toBe(true);

      expect(
        (await repo.listReadSets(ACCOUNT, STORE, { limit: 10, filter: { generatedFrom: "lab" } })).map(
          (r) => r.id,
        ),
      ).toEqual([readSet.id]);
      expect(
        await repo.listReadSets(ACCOUNT, STORE, { limit: 10, filter: { status: "UPLOAD_FAILED" } }),
      ).toEqual([]);
      expect(await repo.storeHoldsData(ACCOUNT, STORE)).toBe(true);
      expect(await repo.deleteReadSet(OTHER, STORE, readSet.id)).toBe("not-found");
      expect(await repo.deleteReadSet(ACCOUNT, STORE, readSet.id)).toBe("deleted");
      expect(await repo.deleteReadSet(ACCOUNT, STORE, readSet.id)).toBe("not-found");
      expect(await repo.storeHoldsData(ACCOUNT, STORE)).toBe(false);
    });

    it("records a failed completion with its message; a failed read set has no files to keep", async () => {
      const up = upload("10000000000000000041");
      await repo.createUpload(up);
      const readSet = readSetOf(up, "20000000000000000041");
      await repo.beginCompletion(readSet, [{ partNumber: 1, partSource: "SOURCE1", checksum: "x" }]);
      await repo.finishCompletion(readSet.id, {
        status: "UPLOAD_FAILED",
        statusMessage: "SOURCE1 (FASTQ): bad",
      });
      expect(await repo.getReadSet(ACCOUNT, STORE, readSet.id)).toMatchObject({
        status: "UPLOAD_FAILED",
        statusMessage: "SOURCE1 (FASTQ): bad",
      });
      expect(await repo.sweepReadSetExists(readSet.id)).toBe(false);
    });

    it("pages read sets by creation time and id, with filters", async () => {
      const made: string[] = [];
      for (let i = 0; i < 5; i++) {
        const up = upload(`1000000000000000005${i}`, {
          readSet: { ...upload("1").readSet, sampleId: i % 2 === 0 ? "even" : "odd" },
        });
        await repo.createUpload(up);
        const readSet = readSetOf(up, `2000000000000000005${i}`);
        await repo.beginCompletion(readSet, []);
        made.push(readSet.id);
      }
      const page1 = await repo.listReadSets(ACCOUNT, STORE, { limit: 2 });
      const last = page1.at(-1)!;
      const page2 = await repo.listReadSets(ACCOUNT, STORE, {
        limit: 10,
        after: { creationTime: last.creationTime, id: last.id },
      });
      expect([...page1, ...page2].map((r) => r.id)).toEqual(made);
      const even = await repo.listReadSets(ACCOUNT, STORE, { limit: 10, filter: { sampleId: "even" } });
      expect(even.map((r) => r.id)).toEqual([made[0], made[2], made[4]]);
      const window = await repo.listReadSets(ACCOUNT, STORE, {
        limit: 10,
        filter: { createdAfter: new Date(T0 + 51), createdBefore: new Date(T0 + 53) },
      });
      expect(window.map((r) => r.id)).toEqual([made[1], made[2], made[3]]);
      expect(await repo.listReadSets(OTHER, STORE, { limit: 10 })).toEqual([]);
    });
  });
}
