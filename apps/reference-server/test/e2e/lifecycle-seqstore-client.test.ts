import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createOmicsClient,
  type OmicsClient,
  ResourceNotFoundException,
  ValidationException,
} from "@seqstore/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "./server-process.js";

// The sequence store lifecycle with @seqstore/client over a real port: every generated method, typed errors,
// and a hand-written page loop over more than 250 stores.
const REGION = "eu-central-1";
const SEEDED = 255;
const dir = mkdtempSync(path.join(tmpdir(), "seqstore-e2e-lifecycle-client-"));

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

describe("sequence store lifecycle through @seqstore/client", () => {
  let server: ServerProcess;
  let client: OmicsClient;
  beforeAll(async () => {
    server = await startServerProcess(
      ["--port", "0", "--db", path.join(dir, "lifecycle.db"), "--max-stores", "300", "--log-level", "warn"],
      { SEQSTORE_REGION: REGION },
    );
    client = createOmicsClient({
      baseUrl: server.url,
      disableHostPrefix: true,
      region: REGION,
      credentials: server.credentials,
    });
  });
  afterAll(async () => {
    const code = await server?.stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    if (server) expect(code).toBe(0);
  });

  it("round-trips get, update, list and delete with typed results", async () => {
    const made = await client.createSequenceStore({ name: "client-lifecycle" });
    const got = await client.getSequenceStore({ id: made.id });
    expect(got.updateTime).toBeInstanceOf(Date);
    expect(got).toMatchObject({ id: made.id, name: "client-lifecycle", creationTime: made.creationTime });

    // The client fills in a clientToken, so each call is its own update.
    const updated = await client.updateSequenceStore({ id: made.id, fallbackLocation: "s3://fallback/x/" });
    expect(updated.fallbackLocation).toBe("s3://fallback/x/");
    const cleared = await client.updateSequenceStore({ id: made.id, fallbackLocation: "" });
    expect(cleared).not.toHaveProperty("fallbackLocation");

    const listed = await client.listSequenceStores({ filter: { name: "client-lifecycle" } });
    expect(listed.sequenceStores.map((s) => s.id)).toEqual([made.id]);
    expect(listed.nextToken).toBeUndefined();

    expect(await client.deleteSequenceStore({ id: made.id })).toMatchObject({
      $metadata: { httpStatusCode: 200 },
    });
    const gone = await failure(client.getSequenceStore({ id: made.id }));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect((gone as ResourceNotFoundException).$metadata.httpStatusCode).toBe(404);
    expect(await failure(client.deleteSequenceStore({ id: made.id }))).toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it(`pages through ${SEEDED} stores with a filter, and refuses a forged token`, async () => {
    const even: string[] = [];
    for (let i = 0; i < SEEDED; i += 15) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(15, SEEDED - i) }, (_, j) =>
          client.createSequenceStore({ name: (i + j) % 2 === 0 ? "even" : "odd" }),
        ),
      );
      for (const store of batch) if (store.name === "even") even.push(store.id);
    }

    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.listSequenceStores({
        maxResults: 20,
        filter: { name: "even", status: "ACTIVE" },
        ...(nextToken ? { nextToken } : {}),
      });
      expect(page.sequenceStores.length).toBeLessThanOrEqual(20);
      seen.push(...page.sequenceStores.map((s) => s.id));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken !== undefined);
    expect(new Set(seen)).toEqual(new Set(even));
    expect(seen).toHaveLength(even.length);
    expect(pages).toBe(Math.ceil(even.length / 20));

    const forged = await failure(client.listSequenceStores({ nextToken: "v1.eyJ0IjowLCJpIjoiMSJ9.forged" }));
    expect(forged).toBeInstanceOf(ValidationException);
    expect((forged as ValidationException).fieldList?.map((f) => f.path)).toEqual(["/nextToken"]);
  }, 60_000);
});
