// Retries: which failures are tried again, how long the client waits, and what it reports.
import { describe, expect, it } from "vitest";
import { createOmicsClient, InternalServerException, OmicsServiceException } from "../src/index.js";
import { backoffDelay, RetryQuota, retryAfterHint, retryDelay, retryKind } from "../src/runtime/retry.js";
import { type CannedResponse, connectionReset, fakeFetch } from "./fake-fetch.js";

const baseUrl = "http://omics.test";
const created = { id: "1234567890", name: "store", creationTime: "2024-05-01T12:00:00Z", status: "ACTIVE" };
const ok: CannedResponse = { body: created };
const status = (code: number, errorType?: string): CannedResponse => ({
  status: code,
  headers: errorType ? { "x-amzn-ErrorType": errorType } : {},
  body: { message: `failed with ${code}` },
});

function retryingClient(
  responses: CannedResponse[],
  options: { maxAttempts?: number; random?: number } = {},
) {
  const fake = fakeFetch(...responses);
  const sleeps: number[] = [];
  const client = createOmicsClient({
    baseUrl,
    fetch: fake.fetch,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => options.random ?? 0.5,
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });
  return { client, requests: fake.requests, sleeps };
}

async function outcome(promise: Promise<{ $metadata: object }>) {
  try {
    return { ok: true, $metadata: (await promise).$metadata } as const;
  } catch (error) {
    return { ok: false, error, $metadata: (error as { $metadata?: object }).$metadata } as const;
  }
}

describe("retry sequences", () => {
  const abort = new DOMException("The operation was aborted.", "AbortError");
  it.each<{
    name: string;
    responses: CannedResponse[];
    attempts: number;
    succeeds: boolean;
    maxAttempts?: number;
  }>([
    { name: "500, 500, 200", responses: [status(500), status(500), ok], attempts: 3, succeeds: true },
    { name: "429, 200", responses: [status(429), ok], attempts: 2, succeeds: true },
    { name: "502, 200", responses: [status(502), ok], attempts: 2, succeeds: true },
    { name: "504, 200", responses: [status(504), ok], attempts: 2, succeeds: true },
    { name: "400", responses: [status(400, "ValidationException"), ok], attempts: 1, succeeds: false },
    { name: "403", responses: [status(403, "AccessDeniedException"), ok], attempts: 1, succeeds: false },
    {
      name: "402 quota",
      responses: [status(402, "ServiceQuotaExceededException"), ok],
      attempts: 1,
      succeeds: false,
    },
    { name: "501 is not transient", responses: [status(501), ok], attempts: 1, succeeds: false },
    { name: "a 408 without a name", responses: [status(408), ok], attempts: 1, succeeds: false },
    {
      name: "RequestTimeoutException",
      responses: [status(408, "RequestTimeoutException"), ok],
      attempts: 2,
      succeeds: true,
    },
    {
      name: "ThrottlingException by name",
      responses: [status(400, "ThrottlingException"), ok],
      attempts: 2,
      succeeds: true,
    },
    {
      name: "@retryable InternalServerException",
      responses: [status(500, "InternalServerException"), ok],
      attempts: 2,
      succeeds: true,
    },
    { name: "connection reset", responses: [{ throws: connectionReset() }, ok], attempts: 2, succeeds: true },
    {
      name: "fetch's bare TypeError",
      responses: [{ throws: new TypeError("Failed to fetch") }, ok],
      attempts: 2,
      succeeds: true,
    },
    { name: "an abort", responses: [{ throws: abort }, ok], attempts: 1, succeeds: false },
    { name: "500 forever", responses: [status(503)], attempts: 3, succeeds: false },
    {
      name: "500 forever, 5 attempts",
      responses: [status(500)],
      attempts: 5,
      succeeds: false,
      maxAttempts: 5,
    },
    {
      name: "500 with retries off",
      responses: [status(500), ok],
      attempts: 1,
      succeeds: false,
      maxAttempts: 1,
    },
  ])("$name -> $attempts attempt(s)", async ({ responses, attempts, succeeds, maxAttempts }) => {
    const { client, requests, sleeps } = retryingClient(responses, maxAttempts ? { maxAttempts } : {});
    const result = await outcome(client.createSequenceStore({ name: "store" }));
    expect(result.ok).toBe(succeeds);
    expect(requests).toHaveLength(attempts);
    expect(result.$metadata).toMatchObject({
      attempts,
      totalRetryDelay: sleeps.reduce((sum, ms) => sum + ms, 0),
    });
  });

  it("reuses the idempotency token it filled in on every attempt", async () => {
    const { client, requests } = retryingClient(
      [status(500), connectionReset, status(503), ok].map((r) =>
        typeof r === "function" ? { throws: r() } : r,
      ),
      { maxAttempts: 4 },
    );
    await client.createSequenceStore({ name: "store" });
    const tokens = requests.map((r) => JSON.parse(r.body).clientToken);
    expect(tokens).toHaveLength(4);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("throws the last error, with the attempts on its $metadata", async () => {
    const { client } = retryingClient([status(500, "InternalServerException")]);
    const result = await outcome(client.createSequenceStore({ name: "store" }));
    expect(result.error).toBeInstanceOf(InternalServerException);
    expect(result.error).toBeInstanceOf(OmicsServiceException);
    expect(result.$metadata).toMatchObject({ httpStatusCode: 500, attempts: 3 });
  });

  it("refuses a maxAttempts below 1", () => {
    expect(() => createOmicsClient({ baseUrl, maxAttempts: 0 })).toThrow(RangeError);
  });
});

describe("backoff", () => {
  it.each([
    { kind: "transient", random: 0.5, delays: [25, 50] },
    { kind: "throttling", random: 0.5, delays: [500, 1000] },
    { kind: "transient", random: 0, delays: [0, 0] },
  ] as const)("$kind with random $random waits $delays", async ({ kind, random, delays }) => {
    const failure = kind === "throttling" ? status(429) : status(503);
    const { client, sleeps } = retryingClient([failure, failure, ok], { random });
    const output = await client.createSequenceStore({ name: "store" });
    expect(sleeps).toEqual(delays.filter((ms) => ms > 0));
    expect(output.$metadata.totalRetryDelay).toBe(delays[0]! + delays[1]!);
  });

  it.each([0, 1, 2, 5, 10, 20])("retry %i stays within full jitter and the 20 s cap", (retry) => {
    for (const kind of ["transient", "throttling"] as const) {
      const ceiling = Math.min((kind === "throttling" ? 1000 : 50) * 2 ** retry, 20_000);
      expect(backoffDelay(kind, retry, () => 0)).toBe(0);
      expect(backoffDelay(kind, retry, () => 0.999999)).toBe(Math.floor(0.999999 * ceiling));
      expect(backoffDelay(kind, retry, () => 0.999999)).toBeLessThan(20_000);
    }
  });

  it.each<{ headers: Record<string, string>; expected: number }>([
    { headers: { "retry-after": "2" }, expected: 2000 },
    { headers: { "x-amz-retry-after": "300" }, expected: 300 },
    { headers: { "retry-after": "60" }, expected: 5000 }, // stretched by at most 5 s
    { headers: { "retry-after": new Date(1_000_000 + 3000).toUTCString() }, expected: 3000 },
    { headers: { "retry-after": "soon" }, expected: 0 },
    { headers: {}, expected: 0 },
  ])("honours a server's hint: $headers", ({ headers, expected }) => {
    const now = 1_000_000;
    expect(retryDelay(0, retryAfterHint(new Headers(headers), now), now)).toBe(expected);
  });

  it("waits for a 429's Retry-After", async () => {
    const { client, sleeps } = retryingClient(
      [{ status: 429, headers: { "retry-after": "1" }, body: { message: "slow down" } }, ok],
      { random: 0.1 },
    );
    await client.createSequenceStore({ name: "store" });
    expect(sleeps).toEqual([1000]);
  });
});

describe("retry budget", () => {
  it("stops retrying once a failing service has used it up, and refills on success", async () => {
    const quota = new RetryQuota();
    let retries = 0;
    while (quota.take("transient") !== undefined) retries++;
    expect(retries).toBe(Math.floor(500 / 14));
    expect(quota.take("throttling")).toBe(5);
    quota.succeeded(14);
    expect(quota.take("transient")).toBe(14);

    const { client, requests } = retryingClient([status(500)]);
    for (let call = 0; call < 20; call++) await outcome(client.createSequenceStore({ name: "store" }));
    // 20 first attempts plus the 35 retries the budget pays for.
    expect(requests).toHaveLength(20 + Math.floor(500 / 14));
  });
});

describe("retryKind", () => {
  it.each([
    { error: { $metadata: { httpStatusCode: 429 } }, expected: "throttling" },
    { error: { name: "SlowDown" }, expected: "throttling" },
    { error: { $retryable: { throttling: true } }, expected: "throttling" },
    { error: { $retryable: { throttling: false } }, expected: "transient" },
    { error: { $metadata: { httpStatusCode: 503 } }, expected: "transient" },
    { error: { name: "TimeoutError" }, expected: "transient" },
    { error: { code: "ECONNREFUSED" }, expected: "transient" },
    { error: new TypeError("fetch failed", { cause: { code: "ENOTFOUND" } }), expected: "transient" },
    {
      error: { name: "InvalidSignatureException", message: "Signature expired: 2024" },
      expected: "transient",
    },
    { error: { name: "AbortError", code: "ECONNRESET" }, expected: undefined },
    { error: new TypeError("Invalid URL"), expected: undefined },
    { error: { $metadata: { httpStatusCode: 400 } }, expected: undefined },
    { error: "a string", expected: undefined },
  ])("$error -> $expected", ({ error, expected }) => {
    expect(retryKind(error, false)).toBe(expected);
  });

  it("retries anything once the clock was corrected", () => {
    expect(retryKind({ $metadata: { httpStatusCode: 403 } }, true)).toBe("transient");
  });
});
