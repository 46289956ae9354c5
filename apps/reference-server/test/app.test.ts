import { Writable } from "node:stream";
import { pino } from "pino";
import request from "supertest";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AppConfig, createApp, type ReferenceServerApp } from "../src/app.js";
import type { AccountCredential } from "../src/auth/credentials.js";
import { type RunningServer, startServer } from "../src/server.js";
import type { SequenceStoreRepository } from "../src/storage/sequence-store-repository.js";
import { openSqliteRepository } from "../src/storage/sqlite/sqlite-sequence-store-repository.js";
import { signedCreate } from "./auth/signing.js";

// Handler behaviour over HTTP; signatures are the subject of the "SigV4" block below, so here auth is off.
const config: AppConfig = {
  db: ":memory:",
  region: "us-west-2",
  accountId: "123456789012",
  maxStores: 2,
  auth: "none",
  logLevel: "silent",
};

describe("createApp (over HTTP, in-memory database)", () => {
  let app: ReferenceServerApp;
  beforeEach(() => {
    app = createApp(config);
  });
  afterEach(async () => {
    await app.close();
  });

  it("creates a store and answers restJson1", async () => {
    const response = await request(app)
      .post("/sequencestore")
      .set("content-type", "application/json")
      .send({ name: "wire", clientToken: "c1" });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.headers["x-amzn-requestid"]).toEqual(expect.any(String));
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^[0-9]{10}$/),
      arn: expect.stringMatching(/^arn:aws:omics:us-west-2:123456789012:sequenceStore\/[0-9]{10}$/),
      name: "wire",
      status: "ACTIVE",
      eTagAlgorithmFamily: "MD5up",
      sseConfig: { type: "KMS" },
    });
    // date-time timestamps travel as RFC 3339 strings.
    expect(response.body.creationTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  it("replays a create with the same client token", async () => {
    const first = await request(app).post("/sequencestore").send({ name: "again", clientToken: "same" });
    const second = await request(app).post("/sequencestore").send({ name: "again", clientToken: "same" });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
  });

  it("answers a reused token with different parameters with 400 ValidationException", async () => {
    await request(app).post("/sequencestore").send({ name: "one", clientToken: "tok" });
    const response = await request(app).post("/sequencestore").send({ name: "two", clientToken: "tok" });
    expect(response.status).toBe(400);
    expect(response.headers["x-amzn-errortype"]).toBe("ValidationException");
    expect(response.body.message).toContain("already used");
  });

  it("answers 402 ServiceQuotaExceededException past the quota", async () => {
    await request(app).post("/sequencestore").send({ name: "1" });
    await request(app).post("/sequencestore").send({ name: "2" });
    const response = await request(app).post("/sequencestore").send({ name: "3" });
    expect(response.status).toBe(402);
    expect(response.headers["x-amzn-errortype"]).toBe("ServiceQuotaExceededException");
    expect(response.headers["x-amzn-requestid"]).toEqual(expect.any(String));
  });

  it("answers 500 InternalServerException, without internals, when no free id can be drawn", async () => {
    const reported: unknown[] = [];
    const stuck = createApp(config, { newId: () => "1234567890", onError: (error) => reported.push(error) });
    try {
      expect((await request(stuck).post("/sequencestore").send({ name: "first" })).status).toBe(200);
      const response = await request(stuck).post("/sequencestore").send({ name: "second" });
      expect(response.status).toBe(500);
      expect(response.headers["x-amzn-errortype"]).toBe("InternalServerException");
      expect(response.body.message).not.toContain("1234567890");
      expect(reported).toEqual([expect.objectContaining({ name: "IdSpaceExhaustedError" })]);
    } finally {
      await stuck.close();
    }
  });
});

const KEY_ARN = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("input validation (400 ValidationException with a fieldList)", () => {
  let app: ReferenceServerApp;
  beforeAll(() => {
    app = createApp({ ...config, maxStores: 1000 });
  });
  afterAll(async () => {
    await app.close();
  });

  it.each([
    { case: "an unknown member (ignored)", body: { name: "n", notInTheModel: { deep: true } } },
    { case: "letters, marks, symbols and spaces from any script", body: { name: "Génome 基因 ✓ 🧬 (v2)" } },
    { case: "a 127-character name", body: { name: "n".repeat(127) } },
    { case: "an SDK-style UUID client token", body: { name: "n", clientToken: crypto.randomUUID() } },
    { case: "an empty tag value", body: { name: "n", tags: { k: "" } } },
    { case: "an empty fallback location", body: { name: "n", fallbackLocation: "" } },
    { case: "a KMS key ARN", body: { name: "n", sseConfig: { type: "KMS", keyArn: KEY_ARN } } },
    {
      case: "50 propagated tag keys",
      body: { name: "n", propagatedSetLevelTags: Array.from({ length: 50 }, (_, i) => `k${i}`) },
    },
    {
      case: "S3 locations with prefixes",
      body: {
        name: "n",
        fallbackLocation: "s3://my-bucket/a/b/",
        s3AccessConfig: { accessLogLocation: "s3://logs.bucket/x/" },
      },
    },
  ])("accepts $case", async ({ body }) => {
    const response = await request(app).post("/sequencestore").send(body);
    expect(response.status).toBe(200);
  });

  it.each([
    { case: "a missing name", body: {}, path: "/name" },
    { case: "an empty name", body: { name: "" }, path: "/name" },
    { case: "a 128-character name", body: { name: "n".repeat(128) }, path: "/name" },
    { case: "a control character in the name", body: { name: "a\u0001b" }, path: "/name" },
    { case: "a tab in the name", body: { name: "a\tb" }, path: "/name" },
    {
      case: "a 256-character description",
      body: { name: "n", description: "d".repeat(256) },
      path: "/description",
    },
    { case: "sseConfig without type", body: { name: "n", sseConfig: {} }, path: "/sseConfig/type" },
    {
      case: "an unknown encryption type",
      body: { name: "n", sseConfig: { type: "AES" } },
      path: "/sseConfig/type",
    },
    {
      case: "a short keyArn",
      body: { name: "n", sseConfig: { type: "KMS", keyArn: "arn:a:b:c:1:k" } },
      path: "/sseConfig/keyArn",
    },
    {
      case: "a keyArn without a 12-digit account",
      body: { name: "n", sseConfig: { type: "KMS", keyArn: "arn:aws:kms:us-west-2:12345:key/abcdefghijkl" } },
      path: "/sseConfig/keyArn",
    },
    { case: "a 129-character tag key", body: { name: "n", tags: { ["k".repeat(129)]: "v" } }, path: "/tags" },
    { case: "a 257-character tag value", body: { name: "n", tags: { k: "v".repeat(257) } }, path: "/tags" },
    {
      case: "an http fallback location",
      body: { name: "n", fallbackLocation: "http://bucket/x/" },
      path: "/fallbackLocation",
    },
    {
      case: "an upper-case bucket in the access log location",
      body: { name: "n", s3AccessConfig: { accessLogLocation: "s3://Bucket/x/" } },
      path: "/s3AccessConfig/accessLogLocation",
    },
    {
      case: "an unknown ETag family",
      body: { name: "n", eTagAlgorithmFamily: "CRC32" },
      path: "/eTagAlgorithmFamily",
    },
    {
      case: "51 propagated tag keys",
      body: { name: "n", propagatedSetLevelTags: Array.from({ length: 51 }, (_, i) => `k${i}`) },
      path: "/propagatedSetLevelTags",
    },
    {
      case: "an empty propagated tag key",
      body: { name: "n", propagatedSetLevelTags: [""] },
      path: "/propagatedSetLevelTags/0",
    },
    { case: "an empty client token", body: { name: "n", clientToken: "" }, path: "/clientToken" },
    {
      case: "a 128-character client token",
      body: { name: "n", clientToken: "t".repeat(128) },
      path: "/clientToken",
    },
    {
      case: "51 tags",
      body: { name: "n", tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) },
      path: "/tags",
    },
  ])("refuses $case at $path", async ({ body, path }) => {
    const response = await request(app).post("/sequencestore").send(body);
    expect(response.status).toBe(400);
    expect(response.headers["x-amzn-errortype"]).toBe("ValidationException");
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.headers["x-amzn-requestid"]).toEqual(expect.any(String));
    expect(response.body.message).toEqual(expect.any(String));
    const paths: string[] = response.body.fieldList.map((field: { path: string }) => field.path);
    expect(paths.some((p) => p.startsWith(path))).toBe(true);
  });

  // A value of the wrong type does not parse: the protocol answers SerializationException, not a constraint.
  it.each([
    { case: "a number as the name", body: { name: 5 }, path: "/name" },
    { case: "tags as a list", body: { name: "n", tags: ["k"] }, path: "/tags" },
    { case: "a tag value that is not a string", body: { name: "n", tags: { k: 1 } }, path: "/tags/k" },
  ])("refuses $case at $path as a SerializationException", async ({ body, path }) => {
    const response = await request(app).post("/sequencestore").send(body);
    expect(response.status).toBe(400);
    expect(response.headers["x-amzn-errortype"]).toBe("SerializationException");
    const paths: string[] = response.body.fieldList.map((field: { path: string }) => field.path);
    expect(paths).toEqual([path]);
  });

  it.each([
    { case: "malformed JSON", body: '{"name":', message: "not valid JSON" },
    { case: "a JSON array", body: "[]", message: "object" },
  ])("refuses $case", async ({ body, message }) => {
    const response = await request(app)
      .post("/sequencestore")
      .set("content-type", "application/json")
      .send(body);
    expect(response.status).toBe(400);
    expect(response.headers["x-amzn-errortype"]).toBe("SerializationException");
    expect(response.body.message).toContain(message);
  });
});

const ALICE: AccountCredential = {
  accessKeyId: "AKIDALICE",
  secretAccessKey: "alice-secret",
  accountId: "111111111111",
};
const BOB: AccountCredential = {
  accessKeyId: "AKIDBOB",
  secretAccessKey: "bob-secret",
  accountId: "222222222222",
};

/** Collects the JSON lines a logger writes. */
function memoryLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}

describe("SigV4, accounts, throttling and logs (real port)", () => {
  const sigv4: AppConfig & { host: string; port: number } = {
    ...config,
    host: "127.0.0.1",
    port: 0,
    region: "us-east-1",
    auth: "sigv4",
    credentials: [ALICE, BOB],
  };
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it("answers 403 AccessDeniedException for an unsigned request, with the AWS error shape", async () => {
    running = await startServer(sigv4);
    const response = await fetch(`${running.url}/sequencestore`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "unsigned" }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("x-amzn-errortype")).toBe("AccessDeniedException");
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({
      message: "Missing Authentication Token (MissingAuthenticationToken)",
    });
  });

  it("refuses a signature made with a wrong secret, before validating the input", async () => {
    running = await startServer(sigv4);
    const response = await signedCreate(running.url, { name: "" }, { ...ALICE, secretAccessKey: "wrong" });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toMatch(/\(SignatureDoesNotMatch\)$/);
  });

  it("keeps stores, tokens and quotas apart per account", async () => {
    running = await startServer({ ...sigv4, maxStores: 1 });
    const input = { name: "mine", clientToken: "shared-token" };
    const a = await signedCreate(running.url, input, ALICE);
    expect(a.status).toBe(200);
    const aStore = (await a.json()) as { id: string; arn: string };
    expect(aStore.arn).toContain(`:${ALICE.accountId}:`);
    // Bob's use of the same token is a new request in his account, not a replay of Alice's store.
    const b = await signedCreate(running.url, input, BOB);
    expect(b.status).toBe(200);
    const bStore = (await b.json()) as { id: string; arn: string };
    expect(bStore.arn).toContain(`:${BOB.accountId}:`);
    expect(bStore.id).not.toBe(aStore.id);
    // Each account's quota of one is used up by its own store only.
    expect((await signedCreate(running.url, { name: "second" }, ALICE)).status).toBe(402);
    expect((await signedCreate(running.url, { name: "second" }, BOB)).status).toBe(402);
  });

  it("throttles per account with 429 ThrottlingException", async () => {
    // A clock that never moves: the bucket holds exactly `burst` requests.
    running = await startServer(
      { ...sigv4, rateLimit: 1, burst: 2, maxStores: 10 },
      { throttleClock: () => 0 },
    );
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await signedCreate(running.url, { name: `a${i}` }, ALICE)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const throttled = await signedCreate(running.url, { name: "a3" }, ALICE);
    expect(throttled.headers.get("x-amzn-errortype")).toBe("ThrottlingException");
    expect(await throttled.json()).toEqual({ message: "Rate exceeded" });
    // Bob has a bucket of his own; unsigned requests take no tokens from anyone.
    expect((await signedCreate(running.url, { name: "b" }, BOB)).status).toBe(200);
  });

  it("answers 500 InternalServerException when the repository fails, and keeps serving", async () => {
    const inner = openSqliteRepository(":memory:");
    let failures = 1;
    const repository = new Proxy(inner, {
      get(target, property, receiver) {
        if (property === "create" && failures > 0) {
          return async () => {
            failures--;
            throw new Error("disk on fire at /var/secret/path");
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    }) as SequenceStoreRepository;
    const { logger, lines } = memoryLogger();
    running = await startServer(sigv4, { repository, logger });
    const failed = await signedCreate(running.url, { name: "doomed" }, ALICE);
    expect(failed.status).toBe(500);
    expect(failed.headers.get("x-amzn-errortype")).toBe("InternalServerException");
    const body = JSON.stringify(await failed.json());
    expect(body).not.toContain("disk on fire");
    expect(body).not.toContain("/var/secret");
    expect((await signedCreate(running.url, { name: "fine" }, ALICE)).status).toBe(200);
    const requestId = failed.headers.get("x-amzn-requestid");
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: "unexpected error",
        requestId,
        err: expect.objectContaining({ message: "disk on fire at /var/secret/path" }),
      }),
    );
    await running.close();
    running = undefined;
    await inner.close();
  });

  it("logs one JSON line per request with request id, account, operation, status and latency", async () => {
    const { logger, lines } = memoryLogger();
    running = await startServer(sigv4, { logger });
    const ok = await signedCreate(running.url, { name: "logged" }, BOB);
    const refused = await signedCreate(running.url, { name: "logged" }, { ...BOB, secretAccessKey: "x" });
    const requests = lines.filter((line) => line.msg === "request");
    expect(requests).toEqual([
      expect.objectContaining({
        level: 30,
        requestId: ok.headers.get("x-amzn-requestid"),
        accountId: BOB.accountId,
        accessKeyId: BOB.accessKeyId,
        operation: "CreateSequenceStore",
        status: 200,
        latencyMs: expect.any(Number),
      }),
      expect.objectContaining({
        requestId: refused.headers.get("x-amzn-requestid"),
        operation: "CreateSequenceStore",
        status: 403,
        errorType: "AccessDeniedException",
      }),
    ]);
    expect(requests[1]).not.toHaveProperty("accountId");
  });
});
