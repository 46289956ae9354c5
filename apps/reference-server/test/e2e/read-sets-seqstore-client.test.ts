// A BAM read set through our own generated client against a real server process: uploaded in two parts,
// analysed, downloaded byte for byte, and its typed errors.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createOmicsClient,
  type OmicsClient,
  RangeNotSatisfiableException,
  ResourceNotFoundException,
  ValidationException,
} from "@seqstore/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "./server-process.js";

const dir = mkdtempSync(path.join(tmpdir(), "seqstore-e2e-client-read-sets-"));
const bam = readFileSync(path.resolve(import.meta.dirname, "../read-sets/fixtures/data/ce5.bam"));
const counts = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../read-sets/fixtures/data/expected-counts.json"), "utf8"),
) as Record<string, { readCount: number; baseCount: number }>;

describe("read sets through @seqstore/client against a real server process", () => {
  let server: ServerProcess;
  let client: OmicsClient;
  beforeAll(async () => {
    server = await startServerProcess(["--port", "0", "--db", path.join(dir, "client.db")]);
    client = createOmicsClient({
      baseUrl: server.url,
      disableHostPrefix: true,
      region: "us-east-1",
      credentials: server.credentials,
    });
  });
  afterAll(async () => {
    const code = await server?.stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    if (server) expect(code).toBe(0);
  });

  it("uploads a BAM in two parts and reads it back", async () => {
    const store = await client.createSequenceStore({ name: "bam store", eTagAlgorithmFamily: "SHA256up" });
    const { uploadId } = await client.createMultipartReadSetUpload({
      sequenceStoreId: store.id,
      sourceFileType: "BAM",
      subjectId: "worm",
      sampleId: "ce5",
      name: "ce5",
      referenceArn: "arn:aws:omics:us-east-1:123456789012:referenceStore/1234567890/reference/1234567890",
    });
    const cut = Math.floor(bam.length / 2);
    const parts = [];
    for (const [partNumber, bytes] of [
      [1, bam.subarray(0, cut)],
      [2, bam.subarray(cut)],
    ] as const) {
      const { checksum } = await client.uploadReadSetPart({
        sequenceStoreId: store.id,
        uploadId,
        partSource: "SOURCE1",
        partNumber,
        payload: bytes,
      });
      expect(checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      parts.push({ partNumber, partSource: "SOURCE1" as const, checksum });
    }
    const { readSetId } = await client.completeMultipartReadSetUpload({
      sequenceStoreId: store.id,
      uploadId,
      parts,
    });
    let metadata = await client.getReadSetMetadata({ sequenceStoreId: store.id, id: readSetId });
    for (let i = 0; i < 200 && metadata.status === "PROCESSING_UPLOAD"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      metadata = await client.getReadSetMetadata({ sequenceStoreId: store.id, id: readSetId });
    }
    expect(metadata).toMatchObject({
      status: "ACTIVE",
      fileType: "BAM",
      sequenceInformation: {
        totalReadCount: counts["ce5.bam"]!.readCount,
        totalBaseCount: counts["ce5.bam"]!.baseCount,
        alignment: "ALIGNED",
      },
      files: { source1: { contentLength: bam.length, totalParts: 1 } },
    });
    expect(metadata.etag?.algorithm).toBe("BAM_SHA256up");
    expect(metadata.etag?.source1).toMatch(/^[0-9a-f]{64}$/);

    const got = await client.getReadSet({ sequenceStoreId: store.id, id: readSetId, partNumber: 1 });
    const bytes = new Uint8Array(await new Response(got.payload as ReadableStream<Uint8Array>).arrayBuffer());
    expect(Buffer.from(bytes).equals(bam)).toBe(true);

    await expect(
      client.getReadSet({ sequenceStoreId: store.id, id: readSetId, partNumber: 2 }),
    ).rejects.toBeInstanceOf(RangeNotSatisfiableException);
    await expect(
      client.getReadSet({ sequenceStoreId: store.id, id: readSetId, file: "SOURCE2", partNumber: 1 }),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      client.completeMultipartReadSetUpload({ sequenceStoreId: store.id, uploadId, parts }),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      client.uploadReadSetPart({
        sequenceStoreId: store.id,
        uploadId: "1234567890",
        partSource: "SOURCE3" as "SOURCE1",
        partNumber: 1,
        payload: bam,
      }),
    ).rejects.toBeInstanceOf(ValidationException);
  });
});
