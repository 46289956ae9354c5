// Differential test of retries and signing: @aws-sdk/client-omics and our client, given the same
// sequence of responses, must make the same number of attempts, wait the same time (same jitter),
// end the same way and sign the same headers.
import { Readable } from "node:stream";
import { CreateSequenceStoreCommand, OmicsClient } from "@aws-sdk/client-omics";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createOmicsClient } from "../src/index.js";
import { type CannedResponse, connectionReset, fakeFetch } from "./fake-fetch.js";

type Step = CannedResponse | "network";

interface Outcome {
  attempts: number;
  totalRetryDelay: unknown;
  result: string;
  signedHeaders: string[][];
  clientTokens: string[];
}

/** Small, fixed jitter: real waits stay short and both clients pick the same delays. */
const JITTER = 0.01;
const credentials = { accessKeyId: "AKID", secretAccessKey: "secret" };

function signedHeaderNames(authorization: string | undefined | null): string[] {
  return /SignedHeaders=([^,]+)/.exec(authorization ?? "")?.[1]?.split(";") ?? [];
}

function settle(promise: Promise<{ $metadata: { attempts?: number; totalRetryDelay?: number } }>) {
  return promise.then(
    (output) => ({ result: "success", $metadata: output.$metadata }),
    (error: { name: string; $metadata?: { attempts?: number; totalRetryDelay?: number } }) => ({
      result: error.name,
      $metadata: error.$metadata ?? {},
    }),
  );
}

async function viaAwsSdk(steps: Step[]): Promise<Outcome> {
  const signed: string[][] = [];
  const tokens: string[] = [];
  const client = new OmicsClient({
    region: "us-east-1",
    endpoint: "http://omics.test",
    credentials,
    requestHandler: {
      handle: async (sent: { headers: Record<string, string>; body: Uint8Array | string }) => {
        signed.push(signedHeaderNames(sent.headers.authorization));
        const body = typeof sent.body === "string" ? sent.body : new TextDecoder().decode(sent.body);
        tokens.push(JSON.parse(body).clientToken);
        const step = steps[Math.min(signed.length - 1, steps.length - 1)] ?? {};
        if (step === "network") throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
        const headers = Object.fromEntries(
          Object.entries(step.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
        );
        const text = step.body === undefined ? "" : JSON.stringify(step.body);
        return {
          response: { statusCode: step.status ?? 200, headers, body: Readable.from([Buffer.from(text)]) },
        };
      },
    },
  });
  vi.spyOn(Math, "random").mockReturnValue(JITTER);
  const { result, $metadata } = await settle(
    client.send(new CreateSequenceStoreCommand({ name: "store" })) as Promise<{
      $metadata: { attempts?: number; totalRetryDelay?: number };
    }>,
  );
  vi.restoreAllMocks();
  return {
    attempts: $metadata.attempts ?? 0,
    totalRetryDelay: $metadata.totalRetryDelay,
    result,
    signedHeaders: signed,
    clientTokens: tokens,
  };
}

async function viaOurClient(steps: Step[]): Promise<Outcome> {
  const fake = fakeFetch(...steps.map((step) => (step === "network" ? { throws: connectionReset() } : step)));
  const client = createOmicsClient({
    baseUrl: "http://omics.test",
    region: "us-east-1",
    credentials,
    fetch: fake.fetch,
    random: () => JITTER,
  });
  const { result, $metadata } = await settle(client.createSequenceStore({ name: "store" }));
  return {
    attempts: $metadata.attempts ?? 0,
    totalRetryDelay: $metadata.totalRetryDelay,
    result,
    // Our client names itself in x-amz-user-agent as the SDK does, so the lists match name for name.
    signedHeaders: fake.requests.map((r) => signedHeaderNames(r.headers.get("authorization"))),
    clientTokens: fake.requests.map((r) => JSON.parse(r.body).clientToken),
  };
}

const json = { "content-type": "application/json" };
const ok: Step = {
  headers: json,
  body: { id: "1234567890", name: "store", creationTime: "2024-05-01T12:00:00Z", status: "ACTIVE" },
};
const error = (status: number, name?: string): Step => ({
  status,
  headers: name ? { ...json, "x-amzn-ErrorType": name } : json,
  body: { message: `failed with ${status}` },
});

describe("retry parity with @aws-sdk/client-omics", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each<{ name: string; steps: Step[] }>([
    { name: "500, 500, 200", steps: [error(500), error(500), ok] },
    { name: "429, 200", steps: [error(429), ok] },
    { name: "400", steps: [error(400, "ValidationException"), ok] },
    { name: "503 forever", steps: [error(503)] },
    { name: "501", steps: [error(501), ok] },
    { name: "408 without a name", steps: [error(408), ok] },
    { name: "RequestTimeoutException", steps: [error(408, "RequestTimeoutException"), ok] },
    {
      name: "InternalServerException, ThrottlingException, 200",
      steps: [error(500, "InternalServerException"), error(429, "ThrottlingException"), ok],
    },
    { name: "ThrottlingException on a 400", steps: [error(400, "ThrottlingException"), ok] },
    { name: "AccessDeniedException", steps: [error(403, "AccessDeniedException"), ok] },
    { name: "connection reset, 200", steps: ["network", ok] },
  ])("$name", async ({ steps }) => {
    const theirs = await viaAwsSdk(steps);
    const ours = await viaOurClient(steps);
    expect(ours.attempts).toBeGreaterThan(0);
    expect(ours).toMatchObject({
      attempts: theirs.attempts,
      totalRetryDelay: theirs.totalRetryDelay,
      result: theirs.result,
      signedHeaders: theirs.signedHeaders,
    });
    // Both fill the token once and send it on every attempt.
    expect(new Set(ours.clientTokens).size).toBe(1);
    expect(new Set(theirs.clientTokens).size).toBe(1);
  });
});
