// The same scenarios as interop-aws-sdk.test.ts, through @seqstore/client (which signs and retries itself).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  AccessDeniedException,
  createOmicsClient,
  InternalServerException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from "@seqstore/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountCredential } from "../../src/auth/credentials.js";
import { type RunningServer, startServer } from "../../src/server.js";
import type { SequenceStoreRepository } from "../../src/storage/sequence-store-repository.js";
import { openSqliteRepository } from "../../src/storage/sqlite/sqlite-sequence-store-repository.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";

const REGION = "eu-west-1";
const key = (name: string, accountId: string): AccountCredential => ({
  accessKeyId: `AKID${name}`,
  secretAccessKey: `${name.toLowerCase()}-secret`,
  accountId,
});
const A = key("ALICE", "111111111111");
const B = key("BOB", "222222222222");
const QUOTA = key("QUOTA", "333333333333");
const MAX_STORES = 2;

const dir = mkdtempSync(path.join(tmpdir(), "seqstore-interop-client-"));
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));

function client(baseUrl: string, credential: AccountCredential, maxAttempts = 1) {
  const { accessKeyId, secretAccessKey } = credential;
  return createOmicsClient({
    baseUrl,
    disableHostPrefix: true,
    region: REGION,
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts,
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

describe("@seqstore/client against a reference server process", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess(
      ["--port=0", "--db=:memory:", `--max-stores=${MAX_STORES}`, "--log-level=silent"],
      {
        SEQSTORE_REGION: REGION,
        SEQSTORE_CREDENTIALS: [A, B, QUOTA]
          .map((c) => `${c.accessKeyId}:${c.secretAccessKey}:${c.accountId}`)
          .join(","),
      },
    );
  });
  afterAll(async () => {
    expect(await server?.stop()).toBe(0);
  });

  it("reports the first configured key as the process's credentials", () => {
    expect(server.credentials).toEqual({ accessKeyId: A.accessKeyId, secretAccessKey: A.secretAccessKey });
  });

  it("creates a store with every member set", async () => {
    const store = await client(server.url, A).createSequenceStore({
      name: "client-full",
      description: "every member",
      sseConfig: { type: "KMS" },
      tags: { k: "v" },
      fallbackLocation: "s3://fallback/x/",
      eTagAlgorithmFamily: "SHA256up",
      propagatedSetLevelTags: ["k"],
      s3AccessConfig: { accessLogLocation: "s3://logs/x/" },
    });
    expect(store.arn).toBe(`arn:aws:omics:${REGION}:${A.accountId}:sequenceStore/${store.id}`);
    expect(store.creationTime).toBeInstanceOf(Date);
    expect(store.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });
  });

  it.each([
    {
      case: "400 ValidationException",
      run: () => client(server.url, A).createSequenceStore({ name: "" }),
      type: ValidationException,
      status: 400,
    },
    {
      case: "403 AccessDeniedException (wrong secret)",
      run: () => client(server.url, { ...A, secretAccessKey: "wrong" }, 3).createSequenceStore({ name: "x" }),
      type: AccessDeniedException,
      status: 403,
    },
  ])("$case", async ({ run, type, status }) => {
    const error = await failure(run());
    expect(error).toBeInstanceOf(type);
    expect((error as InstanceType<typeof type>).$metadata).toMatchObject({
      httpStatusCode: status,
      attempts: 1,
    });
  });

  it("402 ServiceQuotaExceededException past --max-stores", async () => {
    const quota = client(server.url, QUOTA);
    for (let i = 0; i < MAX_STORES; i++) await quota.createSequenceStore({ name: `fill-${i}` });
    const error = await failure(quota.createSequenceStore({ name: "too many" }));
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
    expect((error as ServiceQuotaExceededException).$metadata.httpStatusCode).toBe(402);
  });

  it("keeps accounts apart: B's use of A's token makes B's own store", async () => {
    const input = { name: "isolated", clientToken: crypto.randomUUID() };
    const mine = await client(server.url, A).createSequenceStore(input);
    const theirs = await client(server.url, B).createSequenceStore(input);
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.arn).toContain(`:${B.accountId}:`);
  });
});

describe("@seqstore/client against a rate-limited server process", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess(
      [
        "--port=0",
        "--db=:memory:",
        "--rate-limit=0.5",
        "--burst=1",
        "--log-level=silent",
        `--region=${REGION}`,
      ],
      {
        SEQSTORE_CREDENTIALS: [A, B]
          .map((c) => `${c.accessKeyId}:${c.secretAccessKey}:${c.accountId}`)
          .join(","),
      },
    );
  });
  afterAll(async () => {
    expect(await server?.stop()).toBe(0);
  });

  it("429 ThrottlingException with maxAttempts 1", async () => {
    const throttled = client(server.url, A);
    await throttled.createSequenceStore({ name: "first" });
    const error = await failure(throttled.createSequenceStore({ name: "second" }));
    expect(error).toBeInstanceOf(ThrottlingException);
    expect((error as ThrottlingException).$metadata.httpStatusCode).toBe(429);
  });

  it("retries a throttled request until the bucket refills", { timeout: 60_000 }, async () => {
    const retrying = client(server.url, B, 10);
    await retrying.createSequenceStore({ name: "first" });
    const store = await retrying.createSequenceStore({ name: "second" });
    expect(store.$metadata.attempts).toBeGreaterThanOrEqual(2);
  });
});

describe("@seqstore/client against a server whose storage fails (in process, real port)", () => {
  const inner = openSqliteRepository(":memory:");
  let failNext = 0;
  let failAfterCommit = 0;
  const repository = new Proxy(inner, {
    get(target, property, receiver) {
      if (property === "create") {
        return async (command: Parameters<SequenceStoreRepository["create"]>[0]) => {
          if (failNext > 0) {
            failNext--;
            throw new Error("storage unavailable");
          }
          const outcome = await target.create(command);
          if (failAfterCommit > 0) {
            failAfterCommit--;
            throw new Error("connection lost after commit");
          }
          return outcome;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as SequenceStoreRepository;
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer(
      {
        host: "127.0.0.1",
        port: 0,
        db: ":memory:",
        region: REGION,
        accountId: A.accountId,
        maxStores: 100,
        credentials: [A],
        logLevel: "silent",
      },
      { repository },
    );
  });
  afterAll(async () => {
    await running?.close();
    await inner.close();
  });

  it("500 InternalServerException with maxAttempts 1", async () => {
    failNext = 1;
    const error = await failure(client(running.url, A).createSequenceStore({ name: "x" }));
    expect(error).toBeInstanceOf(InternalServerException);
    expect((error as InternalServerException).$metadata.httpStatusCode).toBe(500);
  });

  it("retries 500s and succeeds", async () => {
    failNext = 2;
    const store = await client(running.url, A, 3).createSequenceStore({ name: "retried" });
    expect(store.$metadata.attempts).toBe(3);
  });

  it("a retry after a lost response returns the same store (one token per call)", async () => {
    const before = await inner.count(A.accountId);
    failAfterCommit = 1;
    const store = await client(running.url, A, 3).createSequenceStore({ name: "exactly once" });
    expect(store.$metadata.attempts).toBe(2);
    expect(await inner.count(A.accountId)).toBe(before + 1);
  });
});
