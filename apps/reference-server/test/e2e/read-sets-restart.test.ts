// A server killed with SIGKILL in the middle of an upload: after a restart on the same database and data
// directory, every acknowledged part is there, what no record names is swept, and the upload completes.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CompleteMultipartReadSetUploadCommand,
  CreateMultipartReadSetUploadCommand,
  CreateSequenceStoreCommand,
  GetReadSetCommand,
  GetReadSetMetadataCommand,
  ListReadSetUploadPartsCommand,
  OmicsClient,
  UploadReadSetPartCommand,
} from "@aws-sdk/client-omics";
import { afterAll, describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS } from "../../src/auth/credentials.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";

const dir = mkdtempSync(path.join(tmpdir(), "seqstore-e2e-read-sets-restart-"));
const r1 = readFileSync(path.resolve(import.meta.dirname, "../read-sets/fixtures/data/r1.fq"));
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop("SIGKILL");
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
});

async function start(): Promise<{ server: ServerProcess; sdk: OmicsClient }> {
  const server = await startServerProcess([
    "--port",
    "0",
    "--db",
    path.join(dir, "db.sqlite"),
    "--data-dir",
    dir,
  ]);
  servers.push(server);
  const sdk = new OmicsClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: LOCAL_CREDENTIALS,
    disableHostPrefix: true,
    maxAttempts: 1,
  });
  return { server, sdk };
}

describe("read sets across a SIGKILL", () => {
  it("keeps acknowledged parts, sweeps orphans, and completes after the restart", async () => {
    const first = await start();
    const store = await first.sdk.send(new CreateSequenceStoreCommand({ name: "restart" }));
    const sequenceStoreId = store.id!;
    const { uploadId } = await first.sdk.send(
      new CreateMultipartReadSetUploadCommand({
        sequenceStoreId,
        sourceFileType: "FASTQ",
        subjectId: "s",
        sampleId: "s",
        name: "survivor",
      }),
    );
    const half = Math.floor(r1.length / 2);
    const checksums: string[] = [];
    for (const [partNumber, bytes] of [
      [1, r1.subarray(0, half)],
      [2, r1.subarray(half)],
    ] as const) {
      const { checksum } = await first.sdk.send(
        new UploadReadSetPartCommand({
          sequenceStoreId,
          uploadId,
          partSource: "SOURCE1",
          partNumber,
          payload: bytes,
        }),
      );
      checksums.push(checksum!);
    }
    expect(await first.server.stop("SIGKILL")).toBeNull();
    first.sdk.destroy();

    // What a crash can leave: an interrupted write, and an upload no record knows.
    const uploadDir = path.join(dir, "read-sets", "uploads", uploadId!);
    const temporary = path.join(uploadDir, "SOURCE1-00003.tmp-0123456789abcdef");
    writeFileSync(temporary, "half a part");
    const stranger = path.join(dir, "read-sets", "uploads", "99999999999999999999");
    mkdirSync(stranger);
    writeFileSync(path.join(stranger, "SOURCE1-00001-" + "0".repeat(64) + ".part"), "orphan");

    const second = await start();
    try {
      expect(existsSync(temporary)).toBe(false);
      expect(existsSync(stranger)).toBe(false);
      const parts = await second.sdk.send(
        new ListReadSetUploadPartsCommand({ sequenceStoreId, uploadId, partSource: "SOURCE1" }),
      );
      expect(parts.parts?.map((p) => p.checksum)).toEqual(checksums);
      const { readSetId } = await second.sdk.send(
        new CompleteMultipartReadSetUploadCommand({
          sequenceStoreId,
          uploadId,
          parts: checksums.map((checksum, i) => ({ partNumber: i + 1, partSource: "SOURCE1", checksum })),
        }),
      );
      let status = "PROCESSING_UPLOAD";
      for (let i = 0; i < 200 && status === "PROCESSING_UPLOAD"; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        status = (await second.sdk.send(new GetReadSetMetadataCommand({ sequenceStoreId, id: readSetId })))
          .status!;
      }
      expect(status).toBe("ACTIVE");
      const got = await second.sdk.send(
        new GetReadSetCommand({ sequenceStoreId, id: readSetId, partNumber: 1 }),
      );
      expect(Buffer.from(await got.payload!.transformToByteArray()).equals(r1)).toBe(true);
    } finally {
      second.sdk.destroy();
      const code = await second.server.stop();
      if (code !== 0) console.log(second.server.output());
      expect(code).toBe(0);
    }
  });
});
