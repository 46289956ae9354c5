import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOmicsHandlers, type ReferenceContext } from "../../src/handlers/omics-handlers.js";
import type { CreateSequenceStoreInput } from "../../src/handlers/operation-types.js";
import {
  openSqliteRepository,
  type SqliteSequenceStoreRepository,
} from "../../src/storage/sqlite/sqlite-sequence-store-repository.js";

const context: ReferenceContext = {
  requestId: "req-1",
  operationName: "CreateSequenceStore",
  accountId: "123456789012",
  region: "eu-west-1",
};
const NOW = new Date("2025-03-04T05:06:07.089Z");

function sequentialIds(): () => string {
  let next = 1_000_000_000;
  return () => String(next++);
}

describe("createSequenceStore handler", () => {
  let repository: SqliteSequenceStoreRepository;
  let handlers: ReturnType<typeof createOmicsHandlers>;
  beforeEach(() => {
    repository = openSqliteRepository(":memory:");
    handlers = createOmicsHandlers({ repository, maxStores: 3, now: () => NOW, newId: sequentialIds() });
  });
  afterEach(async () => {
    await repository.close();
  });

  it("fills defaults for a minimal request", async () => {
    const response = await handlers.createSequenceStore({ name: "minimal" }, context);
    expect(response).toEqual({
      id: "1000000000",
      arn: "arn:aws:omics:eu-west-1:123456789012:sequenceStore/1000000000",
      name: "minimal",
      creationTime: NOW,
      status: "ACTIVE",
      sseConfig: { type: "KMS" },
      eTagAlgorithmFamily: "MD5up",
      s3Access: {
        s3Uri: expect.stringMatching(
          /^s3:\/\/123456789012-1000000-[a-z0-9]{34}-s3alias\/123456789012\/sequenceStore\/1000000000\/$/,
        ),
        s3AccessPointArn: "arn:aws:s3:eu-west-1:123456789012:accesspoint/123456789012-1000000000",
      },
    });
  });

  it("echoes every member of a full request", async () => {
    const input: CreateSequenceStoreInput = {
      name: "full",
      description: "every member set",
      sseConfig: {
        type: "KMS",
        keyArn: "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      },
      tags: { project: "p1", team: "t" },
      clientToken: "token-full",
      fallbackLocation: "s3://fallback-bucket/failed/",
      eTagAlgorithmFamily: "SHA512up",
      propagatedSetLevelTags: ["project"],
      s3AccessConfig: { accessLogLocation: "s3://log-bucket/access/" },
    };
    const response = await handlers.createSequenceStore(input, context);
    expect(response).toMatchObject({
      name: "full",
      description: "every member set",
      sseConfig: input.sseConfig,
      fallbackLocation: "s3://fallback-bucket/failed/",
      eTagAlgorithmFamily: "SHA512up",
      propagatedSetLevelTags: ["project"],
      s3Access: { accessLogLocation: "s3://log-bucket/access/" },
    });
    expect(response).not.toHaveProperty("tags");
    const stored = await repository.get(context.accountId, response.id);
    expect(stored?.tags).toEqual({ project: "p1", team: "t" });
  });

  it.each<{ case: string; second: CreateSequenceStoreInput; same: boolean }>([
    { case: "identical request", second: { name: "a", clientToken: "t" }, same: true },
    {
      case: "default spelled out",
      second: { name: "a", clientToken: "t", eTagAlgorithmFamily: "MD5up" },
      same: true,
    },
    { case: "empty tags", second: { name: "a", clientToken: "t", tags: {} }, same: true },
    { case: "other name", second: { name: "b", clientToken: "t" }, same: false },
    {
      case: "other etag family",
      second: { name: "a", clientToken: "t", eTagAlgorithmFamily: "SHA256up" },
      same: false,
    },
  ])("same client token, $case", async ({ second, same }) => {
    const first = await handlers.createSequenceStore({ name: "a", clientToken: "t" }, context);
    if (same) {
      expect(await handlers.createSequenceStore(second, context)).toEqual(first);
    } else {
      await expect(handlers.createSequenceStore(second, context)).rejects.toMatchObject({
        name: "ValidationException",
        httpStatus: 400,
        message: expect.stringContaining("The client token t was already used"),
        fieldList: [{ path: "/clientToken", message: expect.any(String) }],
      });
    }
    expect(await repository.count(context.accountId)).toBe(1);
  });

  it.each([
    { count: 50, ok: true },
    { count: 51, ok: false },
  ])("accepts at most 50 tags ($count)", async ({ count, ok }) => {
    const tags = Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, "v"]));
    const call = handlers.createSequenceStore({ name: "tagged", tags }, context);
    if (ok) await expect(call).resolves.toMatchObject({ name: "tagged" });
    else {
      await expect(call).rejects.toMatchObject({
        name: "ValidationException",
        fieldList: [
          { path: "/tags", message: "A sequence store can have at most 50 tags; the request has 51." },
        ],
      });
    }
  });

  it("answers ServiceQuotaExceededException past the quota", async () => {
    for (let i = 0; i < 3; i++) await handlers.createSequenceStore({ name: `s${i}` }, context);
    await expect(handlers.createSequenceStore({ name: "one too many" }, context)).rejects.toMatchObject({
      name: "ServiceQuotaExceededException",
      httpStatus: 402,
      message:
        "Account 123456789012 already has 3 sequence stores in eu-west-1, the most its service quota allows (3).",
    });
  });

  it("counts the quota per account", async () => {
    for (let i = 0; i < 3; i++) await handlers.createSequenceStore({ name: `s${i}` }, context);
    const other = await handlers.createSequenceStore(
      { name: "elsewhere" },
      { ...context, accountId: "210987654321" },
    );
    expect(other.arn).toContain(":210987654321:");
  });
});
