import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CreateSequenceStoreCommand,
  DeleteSequenceStoreCommand,
  GetSequenceStoreCommand,
  ListSequenceStoresCommand,
  OmicsClient,
  paginateListSequenceStores,
  type SequenceStoreFilter,
  UpdateSequenceStoreCommand,
} from "@aws-sdk/client-omics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "./server-process.js";
import { rejection } from "./sdk-rejection.js";

// The sequence store lifecycle with the official AWS SDK, over a real port: every operation, the SDK's own
// paginator over more than two full pages, and tokens the server must refuse.
const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const SEEDED = 260;
const dir = mkdtempSync(path.join(tmpdir(), "seqstore-e2e-lifecycle-sdk-"));

describe("sequence store lifecycle through @aws-sdk/client-omics", () => {
  let server: ServerProcess;
  let client: OmicsClient;
  beforeAll(async () => {
    server = await startServerProcess([
      "--port",
      "0",
      "--db",
      path.join(dir, "lifecycle.db"),
      "--region",
      REGION,
      "--account",
      ACCOUNT,
      "--max-stores",
      "400",
      "--log-level",
      "warn",
    ]);
    client = new OmicsClient({
      endpoint: server.url,
      region: REGION,
      credentials: server.credentials,
      // The model's hostPrefix (control-storage-) would send the SDK to control-storage-127.0.0.1.
      disableHostPrefix: true,
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    client?.destroy();
    const code = await server?.stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    if (server) expect(code).toBe(0);
  });

  it("creates, gets, updates (idempotently), and deletes a store", async () => {
    const made = await client.send(
      new CreateSequenceStoreCommand({
        name: "sdk-lifecycle",
        s3AccessConfig: { accessLogLocation: "s3://logs/a/" },
      }),
    );
    const got = await client.send(new GetSequenceStoreCommand({ id: made.id! }));
    expect(got).toMatchObject({
      id: made.id,
      arn: made.arn,
      name: "sdk-lifecycle",
      status: "ACTIVE",
      creationTime: made.creationTime,
      updateTime: made.creationTime,
      s3Access: made.s3Access,
    });

    const change = { id: made.id!, description: "changed by the SDK", clientToken: "sdk-update-1" };
    const updated = await client.send(new UpdateSequenceStoreCommand(change));
    expect(updated).toMatchObject({ id: made.id, name: "sdk-lifecycle", description: "changed by the SDK" });
    expect(updated.updateTime!.getTime()).toBeGreaterThanOrEqual(made.creationTime!.getTime());
    const replayed = await client.send(new UpdateSequenceStoreCommand(change));
    expect(replayed.updateTime).toEqual(updated.updateTime);
    const conflict = await rejection(
      client.send(new UpdateSequenceStoreCommand({ ...change, description: "something else" })),
    );
    expect(conflict.name).toBe("ValidationException");

    const deleted = await client.send(new DeleteSequenceStoreCommand({ id: made.id! }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    // One call at a time: a second failure must not sit unobserved while the first is checked.
    for (const call of [
      () => client.send(new GetSequenceStoreCommand({ id: made.id! })),
      () => client.send(new UpdateSequenceStoreCommand({ id: made.id!, name: "late" })),
      () => client.send(new DeleteSequenceStoreCommand({ id: made.id! })),
    ]) {
      const error = await rejection(call());
      expect(error.name).toBe("ResourceNotFoundException");
      expect(error.$metadata.httpStatusCode).toBe(404);
      expect(error.message).toBe(`Sequence store ${made.id} not found.`);
    }
  });

  describe(`with ${SEEDED} stores`, () => {
    const alpha: string[] = [];
    const all: string[] = [];
    let middle: Date;
    beforeAll(async () => {
      for (let i = 0; i < SEEDED; i += 10) {
        const batch = await Promise.all(
          Array.from({ length: 10 }, (_, j) =>
            client.send(new CreateSequenceStoreCommand({ name: (i + j) % 2 === 0 ? "alpha" : "beta" })),
          ),
        );
        for (const store of batch) {
          all.push(store.id!);
          if (store.name === "alpha") alpha.push(store.id!);
        }
        if (i === SEEDED / 2) middle = batch[0]!.creationTime!;
      }
    }, 60_000);

    async function collect(filter: SequenceStoreFilter | undefined, pageSize?: number) {
      const ids: string[] = [];
      const times: number[] = [];
      let pages = 0;
      const paginator = paginateListSequenceStores(
        { client, ...(pageSize ? { pageSize } : {}) },
        filter ? { filter } : {},
      );
      for await (const page of paginator) {
        pages++;
        for (const store of page.sequenceStores ?? []) {
          ids.push(store.id!);
          times.push(store.creationTime!.getTime());
        }
      }
      return { ids, times, pages };
    }

    it("walks every store with the SDK paginator, oldest first, 100 a page by default", async () => {
      const { ids, times, pages } = await collect(undefined);
      expect(pages).toBe(3);
      expect(new Set(ids)).toEqual(new Set(all));
      expect(ids).toHaveLength(all.length);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });

    it("walks a name filter in pages of 7", async () => {
      const { ids, pages } = await collect({ name: "alpha" }, 7);
      expect(new Set(ids)).toEqual(new Set(alpha));
      expect(pages).toBe(Math.ceil(alpha.length / 7));
    });

    it("combines filters with AND", async () => {
      const { ids } = await collect({ name: "beta", status: "ACTIVE", createdAfter: middle }, 50);
      const expected = (await collect({ createdAfter: middle }, 100)).ids.filter((id) => !alpha.includes(id));
      expect(ids).toEqual(expected);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.length).toBeLessThan(SEEDED / 2);
      expect((await collect({ status: "FAILED" })).ids).toEqual([]);
    });

    it.each([
      { case: "a forged token", nextToken: "forged-token" },
      { case: "an edited token", nextToken: "edit" },
      { case: "a token of another filter", nextToken: "other-filter" },
    ])("answers ValidationException for $case", async ({ nextToken }) => {
      const first = await client.send(
        new ListSequenceStoresCommand({ maxResults: 5, filter: { name: "alpha" } }),
      );
      const real = first.nextToken!;
      const token =
        nextToken === "edit" ? `${real.slice(0, 5)}${real[5] === "A" ? "B" : "A"}${real.slice(6)}` : real;
      const input =
        nextToken === "forged-token"
          ? { nextToken }
          : nextToken === "other-filter"
            ? { nextToken: token, filter: { name: "beta" } }
            : { nextToken: token, filter: { name: "alpha" } };
      const error = await rejection(client.send(new ListSequenceStoresCommand(input)));
      expect(error.name).toBe("ValidationException");
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toContain("nextToken");
    });
  });
});
