// The official AWS SDK against the reference server: every modeled CreateSequenceStore error surfaced by
// name and status, SDK retries on 429/500 and clock skew, idempotent retries, and account isolation.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  AccessDeniedException,
  CreateSequenceStoreCommand,
  GetSequenceStoreCommand,
  InternalServerException,
  ListSequenceStoresCommand,
  OmicsClient,
  type OmicsClientConfig,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from "@aws-sdk/client-omics";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AccountCredential } from "../../src/auth/credentials.js";
import { type RunningServer, startServer } from "../../src/server.js";
import type { SequenceStoreRepository } from "../../src/storage/sequence-store-repository.js";
import { openSqliteRepository } from "../../src/storage/sqlite/sqlite-sequence-store-repository.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";
import { rejection } from "./sdk-rejection.js";

const REGION = "us-east-1";
const key = (name: string, accountId: string): AccountCredential => ({
  accessKeyId: `AKID${name}`,
  secretAccessKey: `${name.toLowerCase()}-secret`,
  accountId,
});
const A = key("ALICE", "111111111111");
const B = key("BOB", "222222222222");
const QUOTA = key("QUOTA", "333333333333");
const THROTTLED = key("THROTTLED", "444444444444");
const RETRIED = key("RETRIED", "555555555555");
const SKEWED = key("SKEWED", "666666666666");
const MAX_STORES = 2;

const dir = mkdtempSync(path.join(tmpdir(), "seqstore-interop-sdk-"));
const credentialsFile = path.join(dir, "credentials.json");
writeFileSync(credentialsFile, JSON.stringify([A, B, QUOTA, THROTTLED, RETRIED, SKEWED]));
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));

function sdk(
  endpoint: string,
  credential: AccountCredential,
  extra: Partial<OmicsClientConfig> = {},
): OmicsClient {
  return new OmicsClient({
    endpoint,
    region: REGION,
    credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
    // The model's hostPrefix would send the SDK to control-storage-127.0.0.1.
    disableHostPrefix: true,
    maxAttempts: 1,
    ...extra,
  });
}

describe("@aws-sdk/client-omics against a reference server process", () => {
  let server: ServerProcess;
  const clients: OmicsClient[] = [];
  const client = (credential: AccountCredential, extra: Partial<OmicsClientConfig> = {}) => {
    const c = sdk(server.url, credential, extra);
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    server = await startServerProcess([
      "--port=0",
      `--db=${path.join(dir, "main.db")}`,
      `--region=${REGION}`,
      `--credentials=${credentialsFile}`,
      `--max-stores=${MAX_STORES}`,
      "--body-timeout-ms=300",
    ]);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    expect(await server?.stop()).toBe(0);
  });

  it("creates a store with every member set; timestamps are RFC 3339 on the wire and Dates in the SDK", async () => {
    const keyArn = `arn:aws:kms:${REGION}:${A.accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const output = await client(A).send(
      new CreateSequenceStoreCommand({
        name: "interop-full",
        description: "every member",
        sseConfig: { type: "KMS", keyArn },
        tags: { project: "genomes" },
        clientToken: crypto.randomUUID(),
        fallbackLocation: "s3://fallback-bucket/failed/",
        eTagAlgorithmFamily: "SHA512up",
        propagatedSetLevelTags: ["project"],
        s3AccessConfig: { accessLogLocation: "s3://log-bucket/omics/" },
      }),
    );
    expect(output.$metadata).toMatchObject({
      httpStatusCode: 200,
      attempts: 1,
      requestId: expect.any(String),
    });
    expect(output).toMatchObject({
      arn: `arn:aws:omics:${REGION}:${A.accountId}:sequenceStore/${output.id}`,
      name: "interop-full",
      description: "every member",
      sseConfig: { type: "KMS", keyArn },
      fallbackLocation: "s3://fallback-bucket/failed/",
      eTagAlgorithmFamily: "SHA512up",
      propagatedSetLevelTags: ["project"],
      status: "ACTIVE",
    });
    expect(output.creationTime).toBeInstanceOf(Date);
    expect(Math.abs(output.creationTime!.getTime() - Date.now())).toBeLessThan(60 * 60_000);
  });

  it("400 ValidationException", async () => {
    const error = await rejection(client(A).send(new CreateSequenceStoreCommand({ name: "tab\there" })));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.name).toBe("ValidationException");
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it("403 AccessDeniedException for a wrong secret (no retry: it is a client fault)", async () => {
    const error = await rejection(
      client({ ...A, secretAccessKey: "not-alice-secret" }, { maxAttempts: 3 }).send(
        new CreateSequenceStoreCommand({ name: "forged" }),
      ),
    );
    expect(error).toBeInstanceOf(AccessDeniedException);
    expect(error.$metadata).toMatchObject({ httpStatusCode: 403, attempts: 1 });
    expect(error.message).toContain("SignatureDoesNotMatch");
  });

  it("403 AccessDeniedException for an unknown access key", async () => {
    const error = await rejection(
      client(key("MALLORY", "999999999999")).send(new CreateSequenceStoreCommand({ name: "x" })),
    );
    expect(error).toBeInstanceOf(AccessDeniedException);
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it("recovers from a client clock 10 minutes slow: the SDK corrects it from the 403's Date header and retries", async () => {
    // Only this process's Date is moved; the server's clock (and its Date header) stays right.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 10 * 60_000);
    try {
      const output = await client(SKEWED, { maxAttempts: 3 }).send(
        new CreateSequenceStoreCommand({ name: "skewed" }),
      );
      expect(output.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 2 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("402 ServiceQuotaExceededException past --max-stores", async () => {
    const quota = client(QUOTA);
    for (let i = 0; i < MAX_STORES; i++)
      await quota.send(new CreateSequenceStoreCommand({ name: `fill-${i}` }));
    const error = await rejection(quota.send(new CreateSequenceStoreCommand({ name: "one too many" })));
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
    expect(error.$metadata.httpStatusCode).toBe(402);
  });

  it("408 RequestTimeoutException when the body stalls, then the connection closes", async () => {
    const { port } = new URL(server.url);
    const received = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () =>
        socket.write(
          "POST /sequencestore HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\n" +
            'content-length: 64\r\n\r\n{"name":"half',
        ),
      );
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk.toString();
      });
      socket.on("error", reject);
      // Only the server closes this connection.
      socket.on("close", () => resolve(text));
    });
    const [head = "", body = ""] = received.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 408 /);
    expect(head).toMatch(/^x-amzn-errortype: RequestTimeoutException$/im);
    expect(head).toMatch(/^x-amzn-requestid: \S+$/im);
    expect(JSON.parse(body)).toEqual({ message: expect.any(String) });
  });

  it("keeps accounts apart: B cannot get, list or replay A's store", async () => {
    const token = crypto.randomUUID();
    const input = { name: "isolated", clientToken: token };
    const mine = await client(A).send(new CreateSequenceStoreCommand(input));
    const notFound = await rejection(client(B).send(new GetSequenceStoreCommand({ id: mine.id! })));
    expect(notFound).toBeInstanceOf(ResourceNotFoundException);
    expect(notFound.$metadata.httpStatusCode).toBe(404);
    const listed = await client(B).send(new ListSequenceStoresCommand({}));
    expect(listed.sequenceStores?.map((s) => s.id)).not.toContain(mine.id);
    const theirs = await client(B).send(new CreateSequenceStoreCommand(input));
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.arn).toContain(`:${B.accountId}:`);
    // A's replay still answers A's store.
    expect((await client(A).send(new CreateSequenceStoreCommand(input))).id).toBe(mine.id);
  });
});

describe("@aws-sdk/client-omics against a rate-limited server process", () => {
  let server: ServerProcess;
  const clients: OmicsClient[] = [];
  beforeAll(async () => {
    // Half a request per second, one at a time: the second request in a row is throttled.
    server = await startServerProcess([
      "--port=0",
      "--db=:memory:",
      `--credentials=${credentialsFile}`,
      "--rate-limit=0.5",
      "--burst=1",
      "--log-level=silent",
    ]);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    expect(await server?.stop()).toBe(0);
  });

  it("429 ThrottlingException with maxAttempts 1", async () => {
    const throttled = sdk(server.url, THROTTLED);
    clients.push(throttled);
    await throttled.send(new CreateSequenceStoreCommand({ name: "first" }));
    const error = await rejection(throttled.send(new CreateSequenceStoreCommand({ name: "second" })));
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error.$metadata.httpStatusCode).toBe(429);
    expect(error.$retryable).toEqual({ throttling: true });
  });

  it("the SDK retries a throttled request until the bucket refills", { timeout: 60_000 }, async () => {
    const retrying = sdk(server.url, RETRIED, { maxAttempts: 10 });
    clients.push(retrying);
    await retrying.send(new CreateSequenceStoreCommand({ name: "first" }));
    const output = await retrying.send(new CreateSequenceStoreCommand({ name: "second" }));
    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(output.$metadata.attempts).toBeGreaterThanOrEqual(2);
  });
});

/**
 * 500s come from an in-process server (same app, real HTTP port) with a repository that fails on purpose:
 * dependency injection keeps fault switches out of the shipped server, which a hidden environment
 * variable would not.
 */
describe("@aws-sdk/client-omics against a server whose storage fails", () => {
  const inner = openSqliteRepository(":memory:");
  let failNext = 0;
  /** After the commit, so a retry must be answered from the idempotency record. */
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
  const clients: OmicsClient[] = [];
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
    for (const c of clients) c.destroy();
    await running?.close();
    await inner.close();
  });
  const client = (maxAttempts: number) => {
    const c = sdk(running.url, A, { maxAttempts });
    clients.push(c);
    return c;
  };

  it("500 InternalServerException with maxAttempts 1, no internals in the message", async () => {
    failNext = 1;
    const error = await rejection(client(1).send(new CreateSequenceStoreCommand({ name: "x" })));
    expect(error).toBeInstanceOf(InternalServerException);
    expect(error.$metadata.httpStatusCode).toBe(500);
    expect(error.message).not.toContain("storage unavailable");
  });

  it("the SDK retries 500s and succeeds", async () => {
    failNext = 2;
    const output = await client(3).send(new CreateSequenceStoreCommand({ name: "retried" }));
    expect(output.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 3 });
  });

  it("a retry after a lost response returns the same store (the SDK reuses its client token)", async () => {
    const before = await inner.count(A.accountId);
    failAfterCommit = 1;
    const output = await client(3).send(new CreateSequenceStoreCommand({ name: "exactly once" }));
    expect(output.$metadata.attempts).toBe(2);
    expect(await inner.count(A.accountId)).toBe(before + 1);
    const stored = await inner.get(A.accountId, output.id!);
    expect(stored?.name).toBe("exactly once");
  });
});
