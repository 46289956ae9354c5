import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateSequenceStoreCommand, OmicsClient } from "@aws-sdk/client-omics";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS } from "../../src/auth/credentials.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";
import { rejection } from "./sdk-rejection.js";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const dir = mkdtempSync(path.join(tmpdir(), "seqstore-e2e-sdk-"));
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));

function sdkClient(endpoint: string): OmicsClient {
  return new OmicsClient({
    endpoint,
    region: REGION,
    // The documented local default credentials, which a server without --credentials accepts.
    credentials: LOCAL_CREDENTIALS,
    // The model's hostPrefix (control-storage-) would send the SDK to control-storage-127.0.0.1.
    disableHostPrefix: true,
    maxAttempts: 1,
  });
}

describe("the official @aws-sdk/client-omics against a real server process", () => {
  let server: ServerProcess;
  let client: OmicsClient;
  const db = path.join(dir, "sdk.db");
  beforeAll(async () => {
    server = await startServerProcess(["--port", "0", "--db", db, "--region", REGION, "--account", ACCOUNT]);
    client = sdkClient(server.url);
  });
  afterAll(async () => {
    client?.destroy();
    expect(await server?.stop()).toBe(0);
  });

  it("creates a store with every member set", async () => {
    const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const output = await client.send(
      new CreateSequenceStoreCommand({
        name: "sdk-full",
        description: "made by the AWS SDK",
        sseConfig: { type: "KMS", keyArn },
        tags: { project: "genomes", owner: "lab" },
        clientToken: "sdk-full-token",
        fallbackLocation: "s3://fallback-bucket/failed-uploads/",
        eTagAlgorithmFamily: "SHA256up",
        propagatedSetLevelTags: ["project"],
        s3AccessConfig: { accessLogLocation: "s3://log-bucket/omics-access/" },
      }),
    );
    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(output.id).toMatch(/^[0-9]{10}$/);
    expect(output.arn).toBe(`arn:aws:omics:${REGION}:${ACCOUNT}:sequenceStore/${output.id}`);
    expect(output.name).toBe("sdk-full");
    expect(output.description).toBe("made by the AWS SDK");
    expect(output.sseConfig).toEqual({ type: "KMS", keyArn });
    expect(output.creationTime).toBeInstanceOf(Date);
    expect(Number.isNaN(output.creationTime!.getTime())).toBe(false);
    expect(output.fallbackLocation).toBe("s3://fallback-bucket/failed-uploads/");
    expect(output.eTagAlgorithmFamily).toBe("SHA256up");
    expect(output.status).toBe("ACTIVE");
    expect(output.propagatedSetLevelTags).toEqual(["project"]);
    expect(output.s3Access).toEqual({
      s3Uri: expect.stringMatching(new RegExp(`^s3://[a-z0-9-]{63}/${ACCOUNT}/sequenceStore/${output.id}/$`)),
      s3AccessPointArn: `arn:aws:s3:${REGION}:${ACCOUNT}:accesspoint/${ACCOUNT}-${output.id}`,
      accessLogLocation: "s3://log-bucket/omics-access/",
    });
  });

  it("fills defaults when only the name is given (the SDK adds a UUID client token)", async () => {
    const output = await client.send(new CreateSequenceStoreCommand({ name: "sdk-minimal" }));
    expect(output).toMatchObject({
      name: "sdk-minimal",
      sseConfig: { type: "KMS" },
      eTagAlgorithmFamily: "MD5up",
    });
  });

  it.each([
    { case: "an empty name", name: "" },
    { case: "a name over 127 characters", name: "n".repeat(128) },
    { case: "a name with a control character", name: "bad\u0001name" },
  ])("answers ValidationException for $case", async ({ name }) => {
    const error = await rejection(client.send(new CreateSequenceStoreCommand({ name })));
    expect(error.name).toBe("ValidationException");
    expect(error.$fault).toBe("client");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).not.toBe("");
  });

  it("returns the same store for the same client token", async () => {
    const input = { name: "sdk-idempotent", clientToken: "sdk-same-token" };
    const first = await client.send(new CreateSequenceStoreCommand(input));
    const second = await client.send(new CreateSequenceStoreCommand(input));
    expect(second.id).toBe(first.id);
    expect(second.creationTime).toEqual(first.creationTime);
  });

  it("refuses the same client token with different parameters", async () => {
    await client.send(new CreateSequenceStoreCommand({ name: "sdk-token-a", clientToken: "sdk-reused" }));
    const error = await rejection(
      client.send(new CreateSequenceStoreCommand({ name: "sdk-token-b", clientToken: "sdk-reused" })),
    );
    expect(error.name).toBe("ValidationException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain("sdk-reused");
  });
});

describe("persistence across a restart", () => {
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it("keeps a store after SIGTERM and a restart on the same file", async () => {
    const db = path.join(dir, "restart", "nested", "restart.db");
    const args = ["--port", "0", "--db", db];
    const input = { name: "survivor", clientToken: "restart-token" };

    server = await startServerProcess(args);
    let client = sdkClient(server.url);
    const before = await client.send(new CreateSequenceStoreCommand(input));
    client.destroy();
    expect(await server.stop("SIGTERM")).toBe(0);
    expect(server.output()).toContain("stopping (SIGTERM)");

    server = await startServerProcess(args);
    client = sdkClient(server.url);
    try {
      const after = await client.send(new CreateSequenceStoreCommand(input));
      expect(after.id).toBe(before.id);
      expect(after.creationTime).toEqual(before.creationTime);
      const conflict = await rejection(
        client.send(new CreateSequenceStoreCommand({ ...input, description: "changed" })),
      );
      expect(conflict.name).toBe("ValidationException");
    } finally {
      client.destroy();
    }
    expect(await server.stop("SIGINT")).toBe(0);
  });

  it("yields one store when two server processes share a file and race one token", async () => {
    const db = path.join(dir, "shared.db");
    const first = await startServerProcess(["--port", "0", "--db", db]);
    const second = await startServerProcess(["--port", "0", "--db", db]);
    const clients = [sdkClient(first.url), sdkClient(second.url)];
    try {
      const input = { name: "raced", clientToken: "two-servers" };
      const outputs = await Promise.all(
        Array.from({ length: 10 }, (_, i) => clients[i % 2]!.send(new CreateSequenceStoreCommand(input))),
      );
      expect(new Set(outputs.map((o) => o.id)).size).toBe(1);
    } finally {
      for (const c of clients) c.destroy();
      expect(await first.stop()).toBe(0);
      expect(await second.stop()).toBe(0);
    }
  });
});
