import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createOmicsClient, ServiceQuotaExceededException, ValidationException } from "@seqstore/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "./server-process.js";

const dir = mkdtempSync(path.join(tmpdir(), "seqstore-e2e-client-"));

const MAX_STORES = 3;
const REGION = "eu-central-1";

describe("@seqstore/client against a real server process", () => {
  let server: ServerProcess;
  /** Stores made so far in this file, so the quota test knows how many are left. */
  let created = 0;
  beforeAll(async () => {
    server = await startServerProcess(
      ["--port", "0", "--db", path.join(dir, "client.db"), "--max-stores", String(MAX_STORES)],
      { SEQSTORE_REGION: REGION, SEQSTORE_ACCOUNT_ID: "210987654321" },
    );
  });
  afterAll(async () => {
    const code = await server?.stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    if (server) expect(code).toBe(0);
  });

  it("creates a store with typed output", async () => {
    const client = createOmicsClient({
      baseUrl: server.url,
      disableHostPrefix: true,
      region: REGION,
      credentials: server.credentials,
    });
    const store = await client.createSequenceStore({
      name: "from the seqstore client",
      eTagAlgorithmFamily: "SHA512up",
    });
    created++;
    expect(store.id).toMatch(/^[0-9]{10}$/);
    expect(store.arn).toBe(`arn:aws:omics:eu-central-1:210987654321:sequenceStore/${store.id}`);
    expect(store.creationTime).toBeInstanceOf(Date);
    expect(store.eTagAlgorithmFamily).toBe("SHA512up");
    expect(store.status).toBe("ACTIVE");
  });

  it("throws a typed ValidationException for a bad name", async () => {
    const client = createOmicsClient({
      baseUrl: server.url,
      disableHostPrefix: true,
      region: REGION,
      credentials: server.credentials,
    });
    const failure = await client.createSequenceStore({ name: "" }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ValidationException);
    const error = failure as ValidationException;
    expect(error.name).toBe("ValidationException");
    expect(error.$fault).toBe("client");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.fieldList?.map((field) => field.path)).toContain("/name");
  });

  it("throws ServiceQuotaExceededException once the account is full", async () => {
    const client = createOmicsClient({
      baseUrl: server.url,
      disableHostPrefix: true,
      region: REGION,
      credentials: server.credentials,
    });
    for (; created < MAX_STORES; created++) await client.createSequenceStore({ name: `filler ${created}` });
    const failure = await client.createSequenceStore({ name: "fourth" }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ServiceQuotaExceededException);
    expect((failure as ServiceQuotaExceededException).$metadata.httpStatusCode).toBe(402);
  });
});
