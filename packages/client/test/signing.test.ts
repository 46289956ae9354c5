// SigV4: every request is signed once it is final, re-signed on every attempt, and verifiable by
// the verifier the reference server uses.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { AstShape } from "@seqstore/smithy";
import { type VerifyResult, verifyRequest } from "@seqstore/sigv4/verify";
import { describe, expect, it } from "vitest";
import { renderClient } from "../codegen/render.js";
import { SpecBuilder } from "../codegen/specs.js";
import { type Credentials, createOmicsClient, ServiceException } from "../src/index.js";
import { refuseCredentials } from "../src/runtime/send-client.js";
import { createServiceClient } from "../src/runtime/service-client.js";
import { model, NS } from "./fixture-model.js";
import { type CannedResponse, fakeFetch, type RecordedRequest } from "./fake-fetch.js";
import { verifyRecorded } from "./verify-recorded.js";

const baseUrl = "http://omics.test:8080";
const keys: Record<string, { secretAccessKey: string; sessionToken?: string }> = {
  AKID: { secretAccessKey: "secret" },
  ASIATEMP: { secretAccessKey: "temp-secret", sessionToken: "session" },
};
const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);
const created = { id: "1234567890", name: "store", creationTime: "2024-05-01T12:00:00Z", status: "ACTIVE" };

function verify(request: RecordedRequest, now: number): VerifyResult {
  return verifyRecorded(request, now, (id) =>
    keys[id] ? { ...keys[id], accountId: "123456789012" } : undefined,
  );
}

function signedHeaders(request: RecordedRequest | undefined): string[] {
  const authorization = request?.headers.get("authorization") ?? "";
  return /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(";") ?? [];
}

/** A clock that moves one second per reading, so every signature carries its own time. */
function tickingClock(start = T0): () => number {
  let now = start;
  return () => {
    now += 1000;
    return now;
  };
}

function signingClient(
  credentials: Credentials | (() => Promise<Credentials>),
  responses: CannedResponse[],
  now = tickingClock(),
) {
  const fake = fakeFetch(...responses);
  const client = createOmicsClient({
    baseUrl,
    region: "us-east-1",
    credentials,
    fetch: fake.fetch,
    now,
    sleep: async () => {},
  });
  return { client, requests: fake.requests };
}

const SDK_SIGNED = [
  "amz-sdk-invocation-id",
  "amz-sdk-request",
  "content-length",
  "content-type",
  "host",
  "x-amz-content-sha256",
  "x-amz-date",
  "x-amz-user-agent",
];

describe("SigV4 signing", () => {
  it.each<{ name: string; credentials: Credentials | (() => Promise<Credentials>); signed: string[] }>([
    {
      name: "fixed credentials",
      credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
      signed: SDK_SIGNED,
    },
    {
      name: "temporary credentials",
      credentials: { accessKeyId: "ASIATEMP", secretAccessKey: "temp-secret", sessionToken: "session" },
      signed: [...SDK_SIGNED, "x-amz-security-token"].sort(),
    },
    {
      name: "a credentials provider",
      credentials: async () => ({ accessKeyId: "AKID", secretAccessKey: "secret" }),
      signed: SDK_SIGNED,
    },
  ])("signs with $name the headers the AWS SDK signs", async ({ credentials, signed }) => {
    const { client, requests } = signingClient(credentials, [{ body: created }]);
    await client.createSequenceStore({ name: "store" });
    const [request] = requests;
    expect(signedHeaders(request)).toEqual(signed);
    expect(request?.headers.get("x-amz-content-sha256")).toMatch(/^[0-9a-f]{64}$/);
    expect(verify(request as RecordedRequest, T0)).toMatchObject({ ok: true, region: "us-east-1" });
  });

  it("re-signs every attempt with a fresh date, one invocation id and the same body", async () => {
    const { client, requests } = signingClient({ accessKeyId: "AKID", secretAccessKey: "secret" }, [
      { status: 500 },
      { status: 503 },
      { body: created },
    ]);
    const output = await client.createSequenceStore({ name: "store" });
    expect(output.$metadata.attempts).toBe(3);
    const dates = requests.map((r) => r.headers.get("x-amz-date"));
    expect(new Set(dates).size).toBe(3);
    expect(new Set(requests.map((r) => r.headers.get("authorization"))).size).toBe(3);
    expect(new Set(requests.map((r) => r.headers.get("amz-sdk-invocation-id"))).size).toBe(1);
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
    expect(requests.map((r) => r.headers.get("amz-sdk-request"))).toEqual([
      "attempt=1; max=3",
      "attempt=2; max=3",
      "attempt=3; max=3",
    ]);
    for (const request of requests) expect(verify(request, T0).ok).toBe(true);
  });

  it("fails verification when the body changes after signing", async () => {
    const { client, requests } = signingClient({ accessKeyId: "AKID", secretAccessKey: "secret" }, [
      { body: created },
    ]);
    await client.createSequenceStore({ name: "store" });
    const request = requests[0] as RecordedRequest;
    const tampered = { ...request, bytes: new TextEncoder().encode(request.body.replace("store", "other")) };
    tampered.headers.set("content-length", String(tampered.bytes.byteLength));
    expect(verify(tampered, T0)).toMatchObject({ ok: false });
  });

  it("asks a credentials provider once, and again when its credentials near their expiration", async () => {
    let now = T0;
    let calls = 0;
    const provider = async (): Promise<Credentials> => {
      calls++;
      return { accessKeyId: "AKID", secretAccessKey: "secret", expiration: new Date(now + 10 * 60_000) };
    };
    const { client } = signingClient(provider, [{ body: created }], () => now);
    await Promise.all([client.createSequenceStore({ name: "a" }), client.createSequenceStore({ name: "b" })]);
    await client.createSequenceStore({ name: "c" });
    expect(calls).toBe(1);
    now += 6 * 60_000; // within 5 minutes of the expiration
    await client.createSequenceStore({ name: "d" });
    expect(calls).toBe(2);
  });

  it("does not retry when the credentials provider fails", async () => {
    const { client, requests } = signingClient(async () => {
      throw new Error("no credentials here");
    }, [{ body: created }]);
    await expect(client.createSequenceStore({ name: "store" })).rejects.toThrow("no credentials here");
    expect(requests).toHaveLength(0);
  });

  it("adopts the server's clock after a skewed response and retries", async () => {
    const serverNow = T0 + 60 * 60_000;
    const { client, requests } = signingClient(
      { accessKeyId: "AKID", secretAccessKey: "secret" },
      [
        {
          status: 403,
          headers: {
            "x-amzn-ErrorType": "InvalidSignatureException",
            date: new Date(serverNow).toUTCString(),
          },
          body: { message: "Signature expired" },
        },
        { body: created },
      ],
      () => T0,
    );
    const output = await client.createSequenceStore({ name: "store" });
    expect(output.$metadata.attempts).toBe(2);
    expect(verify(requests[0] as RecordedRequest, serverNow)).toMatchObject({ code: "RequestExpired" });
    expect(verify(requests[1] as RecordedRequest, serverNow).ok).toBe(true);
  });

  it.each([
    {
      name: "no region",
      options: { credentials: { accessKeyId: "AKID", secretAccessKey: "secret" } },
      error: /region is required/,
    },
    {
      name: "incomplete credentials",
      options: { region: "us-east-1", credentials: { accessKeyId: "AKID" } as Credentials },
      error: /accessKeyId and a secretAccessKey/,
    },
  ])("refuses $name", ({ options, error }) => {
    expect(() => createOmicsClient({ baseUrl, ...options })).toThrow(error);
  });

  it("refuses credentials for a service whose model declares no SigV4", () => {
    const { traits: _, ...unsigned } = model.shapes[`${NS}Svc`] as AstShape;
    const specs = new SpecBuilder(
      { ...model, shapes: { ...model.shapes, [`${NS}Svc`]: unsigned } },
      `${NS}Svc`,
    );
    expect(renderClient(specs, "Svc", `${NS}Svc`)).toContain("signing: refuseCredentials,");
    const service = {
      errors: {},
      unmodeledError: (options: ConstructorParameters<typeof ServiceException>[0]) =>
        new ServiceException(options),
      signing: refuseCredentials,
    };
    expect(() =>
      createServiceClient(
        { baseUrl, region: "us-east-1", credentials: { accessKeyId: "A", secretAccessKey: "s" } },
        service,
      ),
    ).toThrow(
      new TypeError("credentials were given, but the service's model declares no aws.auth#sigv4 signing"),
    );
    expect(createServiceClient({ baseUrl }, service).raw).toBeDefined();
  });

  it("sends a request a real HTTP server can verify", async () => {
    let result: VerifyResult | undefined;
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const [path = "", query = ""] = (req.url ?? "").split("?");
      result = verifyRequest(
        { method: req.method ?? "", path, query, headers: req.headers, body: Buffer.concat(chunks) },
        {
          service: "omics",
          lookupSecret: (id) => (id === "AKID" ? { secretAccessKey: "secret", accountId: "1" } : undefined),
        },
      );
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(created));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const { port } = server.address() as AddressInfo;
      const client = createOmicsClient({
        baseUrl: `http://127.0.0.1:${port}`,
        disableHostPrefix: true,
        region: "eu-west-1",
        credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
      });
      await client.createSequenceStore({ name: "über store", tags: { "a b": "ç" } });
      expect(result).toMatchObject({ ok: true, region: "eu-west-1" });
    } finally {
      server.close();
    }
  });
});
