// A 1 GiB FASTQ through the official AWS SDK against a real server process: made on the fly (never held
// in memory), uploaded in 100 MiB parts as AWS's guide splits it, completed, analysed, and downloaded part
// by part, compared byte for byte with the bytes that were sent.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  BatchDeleteReadSetCommand,
  CompleteMultipartReadSetUploadCommand,
  CreateMultipartReadSetUploadCommand,
  CreateSequenceStoreCommand,
  GetReadSetCommand,
  GetReadSetMetadataCommand,
  OmicsClient,
  UploadReadSetPartCommand,
} from "@aws-sdk/client-omics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountCredential } from "../../src/auth/credentials.js";
import { MAX_PART_BYTES } from "../../src/read-sets/part-store.js";
import { compareDownload, hashingPart, settledReadSet } from "../support/large-transfer.js";
import { syntheticFastqOfSize } from "../support/synthetic-fastq.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";

const GiB = 1024 ** 3;
const ACCOUNT: AccountCredential = {
  accessKeyId: "AKIDLARGEREADSETS",
  secretAccessKey: "secret-large",
  accountId: "333333333333",
};
const fastq = syntheticFastqOfSize(GiB);
const dir = mkdtempSync(path.join(tmpdir(), "seqstore-e2e-1gib-"));
const dataDir = path.join(dir, "data");
const credentialsFile = path.join(dir, "credentials.json");
writeFileSync(credentialsFile, JSON.stringify([ACCOUNT]));

describe("a 1 GiB FASTQ through @aws-sdk/client-omics against a real server process", () => {
  let server: ServerProcess;
  let sdk: OmicsClient;
  beforeAll(async () => {
    server = await startServerProcess([
      "--port=0",
      `--db=${path.join(dir, "large.db")}`,
      `--data-dir=${dataDir}`,
      `--credentials=${credentialsFile}`,
      "--log-level=silent",
    ]);
    sdk = new OmicsClient({
      endpoint: server.url,
      region: "us-east-1",
      credentials: { accessKeyId: ACCOUNT.accessKeyId, secretAccessKey: ACCOUNT.secretAccessKey },
      // Read-set operations carry the host prefixes control-storage- and storage-.
      disableHostPrefix: true,
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    sdk?.destroy();
    const code = await server?.stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    expect(code).toBe(0);
  });

  it("uploads it in 100 MiB parts, reports its counts and MD5, and serves it back byte for byte", async () => {
    const sequenceStoreId = (
      await sdk.send(new CreateSequenceStoreCommand({ name: "large", eTagAlgorithmFamily: "MD5up" }))
    ).id!;
    const { uploadId } = await sdk.send(
      new CreateMultipartReadSetUploadCommand({
        sequenceStoreId,
        sourceFileType: "FASTQ",
        subjectId: "subject-large",
        sampleId: "sample-large",
        name: "one gibibyte",
        generatedFrom: "synthetic",
      }),
    );

    const whole = createHash("md5");
    const parts: { partNumber: number; partSource: "SOURCE1"; checksum: string }[] = [];
    for (let start = 0, partNumber = 1; start < fastq.size; start += MAX_PART_BYTES, partNumber++) {
      const end = Math.min(start + MAX_PART_BYTES, fastq.size);
      const part = hashingPart(fastq.stream(start, end), end - start, whole);
      const { checksum } = await sdk.send(
        new UploadReadSetPartCommand({
          sequenceStoreId,
          uploadId,
          partSource: "SOURCE1",
          partNumber,
          payload: part.body,
        }),
      );
      expect([partNumber, checksum]).toEqual([partNumber, part.sha256()]);
      parts.push({ partNumber, partSource: "SOURCE1", checksum: checksum! });
    }
    expect(parts).toHaveLength(Math.ceil(fastq.size / MAX_PART_BYTES));
    const md5 = whole.digest("hex");

    const { readSetId } = await sdk.send(
      new CompleteMultipartReadSetUploadCommand({ sequenceStoreId, uploadId, parts }),
    );
    const metadata = await settledReadSet(
      () => sdk.send(new GetReadSetMetadataCommand({ sequenceStoreId, id: readSetId })),
      180_000,
    );
    expect(metadata).toMatchObject({
      status: "ACTIVE",
      fileType: "FASTQ",
      sequenceInformation: {
        totalReadCount: fastq.readCount,
        totalBaseCount: fastq.baseCount,
        generatedFrom: "synthetic",
        alignment: "UNALIGNED",
      },
      etag: { algorithm: "FASTQ_MD5up", source1: md5 },
      files: {
        source1: {
          contentLength: fastq.size,
          partSize: MAX_PART_BYTES,
          totalParts: Math.ceil(fastq.size / MAX_PART_BYTES),
        },
      },
    });

    const { totalParts, partSize } = metadata.files!.source1!;
    const download = await compareDownload(fastq, totalParts!, partSize!, async (partNumber) => {
      const got = await sdk.send(
        new GetReadSetCommand({ sequenceStoreId, id: readSetId, file: "SOURCE1", partNumber }),
      );
      return got.payload as AsyncIterable<Uint8Array>;
    });
    expect(download).toEqual({ bytes: fastq.size, md5, firstDifference: undefined });

    // Deleting the read set leaves nothing of it on disk.
    expect(
      await sdk.send(new BatchDeleteReadSetCommand({ sequenceStoreId, ids: [readSetId!] })),
    ).not.toHaveProperty("errors");
    for (const kept of ["read-sets", "uploads", "trash"]) {
      expect([kept, readdirSync(path.join(dataDir, "read-sets", kept))]).toEqual([kept, []]);
    }
  }, 600_000);
});
