// Read sets through the official AWS SDK against a real server process: a FASTQ pair uploaded in parts,
// completed, analysed, downloaded byte for byte, listed and deleted; and the requests AWS refuses, each
// answered with its modeled error (never a 5xx).
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  AbortMultipartReadSetUploadCommand,
  BatchDeleteReadSetCommand,
  CompleteMultipartReadSetUploadCommand,
  CreateMultipartReadSetUploadCommand,
  CreateSequenceStoreCommand,
  DeleteSequenceStoreCommand,
  GetReadSetCommand,
  GetReadSetMetadataCommand,
  type GetReadSetMetadataCommandOutput,
  ListMultipartReadSetUploadsCommand,
  ListReadSetUploadPartsCommand,
  ListReadSetsCommand,
  OmicsClient,
  UploadReadSetPartCommand,
} from "@aws-sdk/client-omics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountCredential } from "../../src/auth/credentials.js";
import { rejection } from "./sdk-rejection.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";

const REGION = "us-east-1";
const A: AccountCredential = {
  accessKeyId: "AKIDREADSETSA",
  secretAccessKey: "secret-a",
  accountId: "111111111111",
};
const B: AccountCredential = {
  accessKeyId: "AKIDREADSETSB",
  secretAccessKey: "secret-b",
  accountId: "222222222222",
};
const FIXTURES = path.resolve(import.meta.dirname, "../read-sets/fixtures/data");
const r1 = readFileSync(path.join(FIXTURES, "r1.fq"));
const r2 = readFileSync(path.join(FIXTURES, "r2.fq"));
const bam = readFileSync(path.join(FIXTURES, "ce5.bam"));
const dir = mkdtempSync(path.join(tmpdir(), "seqstore-e2e-read-sets-"));
const credentialsFile = path.join(dir, "credentials.json");
writeFileSync(credentialsFile, JSON.stringify([A, B]));
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));

function client(endpoint: string, credential: AccountCredential): OmicsClient {
  return new OmicsClient({
    endpoint,
    region: REGION,
    credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
    // Read-set operations carry the host prefixes control-storage- and storage-.
    disableHostPrefix: true,
    maxAttempts: 1,
  });
}

const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("hex");
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function settled(
  sdk: OmicsClient,
  storeId: string,
  id: string,
): Promise<GetReadSetMetadataCommandOutput> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const metadata = await sdk.send(new GetReadSetMetadataCommand({ sequenceStoreId: storeId, id }));
    if (metadata.status !== "PROCESSING_UPLOAD") return metadata;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`read set ${id} stayed PROCESSING_UPLOAD`);
}

describe("read sets through @aws-sdk/client-omics against a real server process", () => {
  let server: ServerProcess;
  let sdk: OmicsClient;
  let other: OmicsClient;
  let storeId: string;
  const dataDir = path.join(dir, "data");
  beforeAll(async () => {
    server = await startServerProcess([
      "--port",
      "0",
      "--db",
      path.join(dir, "read-sets.db"),
      "--data-dir",
      dataDir,
      `--credentials=${credentialsFile}`,
    ]);
    sdk = client(server.url, A);
    other = client(server.url, B);
    storeId = (
      await sdk.send(new CreateSequenceStoreCommand({ name: "reads", eTagAlgorithmFamily: "MD5up" }))
    ).id!;
  });
  afterAll(async () => {
    sdk?.destroy();
    other?.destroy();
    expect(await server?.stop()).toBe(0);
  });

  const fastqUpload = async () =>
    (
      await sdk.send(
        new CreateMultipartReadSetUploadCommand({
          sequenceStoreId: storeId,
          sourceFileType: "FASTQ",
          subjectId: "subject-1",
          sampleId: "sample-1",
          name: "pair",
          generatedFrom: "htslib test data",
        }),
      )
    ).uploadId!;

  const upload = (
    uploadId: string,
    partSource: "SOURCE1" | "SOURCE2",
    partNumber: number,
    body: Uint8Array,
  ) =>
    sdk.send(
      new UploadReadSetPartCommand({
        sequenceStoreId: storeId,
        uploadId,
        partSource,
        partNumber,
        payload: body,
      }),
    );

  it("uploads a FASTQ pair in parts, completes it, and serves it back byte for byte", async () => {
    const uploadId = await fastqUpload();
    expect(uploadId).toMatch(/^[0-9]{20}$/);
    const half = Math.floor(r1.length / 2);
    const p1 = await upload(uploadId, "SOURCE1", 1, r1.subarray(0, half));
    const p2 = await upload(uploadId, "SOURCE1", 2, r1.subarray(half));
    const p3 = await upload(uploadId, "SOURCE2", 1, r2);
    expect(p1.checksum).toBe(sha256(r1.subarray(0, half)));
    expect(p3.checksum).toBe(sha256(r2));

    const listed = await sdk.send(
      new ListReadSetUploadPartsCommand({ sequenceStoreId: storeId, uploadId, partSource: "SOURCE1" }),
    );
    expect(listed.parts?.map((p) => [p.partNumber, p.partSize, p.checksum])).toEqual([
      [1, half, p1.checksum],
      [2, r1.length - half, p2.checksum],
    ]);
    const firstPage = await sdk.send(
      new ListReadSetUploadPartsCommand({
        sequenceStoreId: storeId,
        uploadId,
        partSource: "SOURCE1",
        maxResults: 1,
      }),
    );
    expect(firstPage.parts?.map((p) => p.partNumber)).toEqual([1]);
    const secondPage = await sdk.send(
      new ListReadSetUploadPartsCommand({
        sequenceStoreId: storeId,
        uploadId,
        partSource: "SOURCE1",
        maxResults: 1,
        nextToken: firstPage.nextToken,
      }),
    );
    expect([secondPage.parts?.map((p) => p.partNumber), secondPage.nextToken]).toEqual([[2], undefined]);
    const forged = await rejection(
      sdk.send(
        new ListReadSetUploadPartsCommand({
          sequenceStoreId: storeId,
          uploadId,
          partSource: "SOURCE2",
          nextToken: firstPage.nextToken,
        }),
      ),
    );
    expect([forged.name, forged.$metadata.httpStatusCode]).toEqual(["ValidationException", 400]);
    const uploads = await sdk.send(new ListMultipartReadSetUploadsCommand({ sequenceStoreId: storeId }));
    expect(uploads.uploads?.map((u) => u.uploadId)).toContain(uploadId);

    const { readSetId } = await sdk.send(
      new CompleteMultipartReadSetUploadCommand({
        sequenceStoreId: storeId,
        uploadId,
        parts: [
          { partNumber: 1, partSource: "SOURCE1", checksum: p1.checksum! },
          { partNumber: 2, partSource: "SOURCE1", checksum: p2.checksum! },
          { partNumber: 1, partSource: "SOURCE2", checksum: p3.checksum! },
        ],
      }),
    );
    const metadata = await settled(sdk, storeId, readSetId!);
    expect(metadata).toMatchObject({
      id: readSetId,
      arn: `arn:aws:omics:${REGION}:${A.accountId}:sequenceStore/${storeId}/readSet/${readSetId}`,
      status: "ACTIVE",
      fileType: "FASTQ",
      name: "pair",
      sampleId: "sample-1",
      subjectId: "subject-1",
      creationType: "UPLOAD",
      sequenceInformation: {
        totalReadCount: 10,
        totalBaseCount: 1000,
        generatedFrom: "htslib test data",
        alignment: "UNALIGNED",
      },
      etag: { algorithm: "FASTQ_MD5up", source1: md5(r1), source2: md5(r2) },
      files: {
        source1: { contentLength: r1.length, partSize: 104857600, totalParts: 1 },
        source2: { contentLength: r2.length, partSize: 104857600, totalParts: 1 },
      },
    });

    for (const [file, bytes] of [
      ["SOURCE1", r1],
      ["SOURCE2", r2],
    ] as const) {
      const got = await sdk.send(
        new GetReadSetCommand({ sequenceStoreId: storeId, id: readSetId, file, partNumber: 1 }),
      );
      expect(Buffer.from(await got.payload!.transformToByteArray()).equals(bytes)).toBe(true);
    }
    const beyond = await rejection(
      sdk.send(new GetReadSetCommand({ sequenceStoreId: storeId, id: readSetId, partNumber: 2 })),
    );
    expect([beyond.name, beyond.$metadata.httpStatusCode]).toEqual(["RangeNotSatisfiableException", 416]);
    const noIndex = await rejection(
      sdk.send(
        new GetReadSetCommand({ sequenceStoreId: storeId, id: readSetId, file: "INDEX", partNumber: 1 }),
      ),
    );
    expect([noIndex.name, noIndex.$metadata.httpStatusCode]).toEqual(["ResourceNotFoundException", 404]);

    const sets = await sdk.send(
      new ListReadSetsCommand({ sequenceStoreId: storeId, filter: { sampleId: "sample-1" } }),
    );
    expect(sets.readSets?.map((s) => s.id)).toContain(readSetId);
    const after = await sdk.send(new ListMultipartReadSetUploadsCommand({ sequenceStoreId: storeId }));
    expect(after.uploads?.map((u) => u.uploadId)).not.toContain(uploadId);
    // The completed upload takes no more parts.
    const late = await rejection(upload(uploadId, "SOURCE1", 3, r1));
    expect([late.name, late.$metadata.httpStatusCode]).toEqual(["ResourceNotFoundException", 404]);

    // Another account sees none of it.
    for (const call of [
      other.send(new GetReadSetMetadataCommand({ sequenceStoreId: storeId, id: readSetId })),
      other.send(new GetReadSetCommand({ sequenceStoreId: storeId, id: readSetId, partNumber: 1 })),
      other.send(new ListReadSetsCommand({ sequenceStoreId: storeId })),
    ]) {
      const error = await rejection(call);
      expect([error.name, error.$metadata.httpStatusCode]).toEqual(["ResourceNotFoundException", 404]);
    }

    // A store that holds read sets is not deleted.
    const busy = await rejection(sdk.send(new DeleteSequenceStoreCommand({ id: storeId })));
    expect([busy.name, busy.$metadata.httpStatusCode]).toEqual(["ConflictException", 409]);
    const deleted = await sdk.send(
      new BatchDeleteReadSetCommand({ sequenceStoreId: storeId, ids: [readSetId!, "1234567890"] }),
    );
    expect(deleted.errors).toEqual([
      { id: "1234567890", code: "ResourceNotFoundException", message: "Read set 1234567890 not found." },
    ]);
    const gone = await rejection(
      sdk.send(new GetReadSetMetadataCommand({ sequenceStoreId: storeId, id: readSetId })),
    );
    expect(gone.name).toBe("ResourceNotFoundException");
  });

  it("deduplicates CreateMultipartReadSetUpload by clientToken, per account and store", async () => {
    const request = {
      sequenceStoreId: storeId,
      sourceFileType: "FASTQ" as const,
      subjectId: "subject-1",
      sampleId: "sample-1",
      name: "idempotent",
      tags: { a: "1", b: "2" },
      clientToken: `token-${Date.now()}`,
    };
    const first = await sdk.send(new CreateMultipartReadSetUploadCommand(request));
    // A retry, tags in another order: the same upload, creation time included.
    const again = await sdk.send(
      new CreateMultipartReadSetUploadCommand({ ...request, tags: { b: "2", a: "1" } }),
    );
    expect([again.uploadId, again.creationTime]).toEqual([first.uploadId, first.creationTime]);
    const uploads = await sdk.send(new ListMultipartReadSetUploadsCommand({ sequenceStoreId: storeId }));
    expect(uploads.uploads?.filter((u) => u.name === "idempotent")).toHaveLength(1);

    const conflict = await rejection(
      sdk.send(new CreateMultipartReadSetUploadCommand({ ...request, name: "another name" })),
    );
    expect([conflict.name, conflict.$metadata.httpStatusCode]).toEqual(["ValidationException", 400]);
    expect(conflict.message).toMatch(/already used for a CreateMultipartReadSetUpload request/);

    // Another account's token space is its own.
    const otherStore = (await other.send(new CreateSequenceStoreCommand({ name: "other reads" }))).id!;
    const theirs = await other.send(
      new CreateMultipartReadSetUploadCommand({ ...request, sequenceStoreId: otherStore }),
    );
    expect(theirs.uploadId).not.toBe(first.uploadId);
    await other.send(
      new AbortMultipartReadSetUploadCommand({ sequenceStoreId: otherStore, uploadId: theirs.uploadId }),
    );
    await other.send(new DeleteSequenceStoreCommand({ id: otherStore }));

    // After the upload ends, the token does not open another one.
    await sdk.send(
      new AbortMultipartReadSetUploadCommand({ sequenceStoreId: storeId, uploadId: first.uploadId }),
    );
    const closed = await rejection(sdk.send(new CreateMultipartReadSetUploadCommand(request)));
    expect([closed.name, closed.$metadata.httpStatusCode]).toEqual(["ValidationException", 400]);
    expect(closed.message).toMatch(/completed or aborted/);
  });

  it("a re-uploaded part replaces the old one", async () => {
    const uploadId = await fastqUpload();
    const first = await upload(uploadId, "SOURCE1", 1, r2);
    const second = await upload(uploadId, "SOURCE1", 1, r1);
    expect(second.checksum).not.toBe(first.checksum);
    const old = await rejection(
      sdk.send(
        new CompleteMultipartReadSetUploadCommand({
          sequenceStoreId: storeId,
          uploadId,
          parts: [{ partNumber: 1, partSource: "SOURCE1", checksum: first.checksum! }],
        }),
      ),
    );
    expect([old.name, old.$metadata.httpStatusCode]).toEqual(["ValidationException", 400]);
    const { readSetId } = await sdk.send(
      new CompleteMultipartReadSetUploadCommand({
        sequenceStoreId: storeId,
        uploadId,
        parts: [{ partNumber: 1, partSource: "SOURCE1", checksum: second.checksum! }],
      }),
    );
    const metadata = await settled(sdk, storeId, readSetId!);
    expect(metadata.etag?.source1).toBe(md5(r1));
  });

  it("a file that does not parse as its type ends UPLOAD_FAILED with the parser's message", async () => {
    const { uploadId } = await sdk.send(
      new CreateMultipartReadSetUploadCommand({
        sequenceStoreId: storeId,
        sourceFileType: "CRAM",
        subjectId: "s",
        sampleId: "s",
        name: "not-cram",
        referenceArn: `arn:aws:omics:${REGION}:${A.accountId}:referenceStore/1234567890/reference/1234567890`,
      }),
    );
    const part = await upload(uploadId!, "SOURCE1", 1, bam);
    const { readSetId } = await sdk.send(
      new CompleteMultipartReadSetUploadCommand({
        sequenceStoreId: storeId,
        uploadId,
        parts: [{ partNumber: 1, partSource: "SOURCE1", checksum: part.checksum! }],
      }),
    );
    const metadata = await settled(sdk, storeId, readSetId!);
    expect(metadata.status).toBe("UPLOAD_FAILED");
    expect(metadata.statusMessage).toMatch(/CRAM.*BAM/);
    const conflict = await rejection(
      sdk.send(new GetReadSetCommand({ sequenceStoreId: storeId, id: readSetId, partNumber: 1 })),
    );
    expect([conflict.name, conflict.$metadata.httpStatusCode]).toEqual(["ConflictException", 409]);
  });

  it("answers hostile uploads with AWS's errors, never a 5xx", async () => {
    const uploadId = await fastqUpload();
    const cases: [string, () => Promise<unknown>, string, number][] = [
      [
        "unknown upload",
        () => upload("12345678901234567890", "SOURCE1", 1, r1),
        "ResourceNotFoundException",
        404,
      ],
      [
        "another account's upload",
        () =>
          other.send(
            new UploadReadSetPartCommand({
              sequenceStoreId: storeId,
              uploadId,
              partSource: "SOURCE1",
              partNumber: 1,
              payload: r1,
            }),
          ),
        "ResourceNotFoundException",
        404,
      ],
      ["part number 0", () => upload(uploadId, "SOURCE1", 0, r1), "ValidationException", 400],
      ["part number beyond 10000", () => upload(uploadId, "SOURCE1", 10001, r1), "ValidationException", 400],
      ["an empty part", () => upload(uploadId, "SOURCE1", 1, new Uint8Array(0)), "ValidationException", 400],
      [
        "complete with a part never uploaded",
        () =>
          sdk.send(
            new CompleteMultipartReadSetUploadCommand({
              sequenceStoreId: storeId,
              uploadId,
              parts: [{ partNumber: 1, partSource: "SOURCE1", checksum: sha256(r1) }],
            }),
          ),
        "ValidationException",
        400,
      ],
      [
        "abort of another account's upload",
        () => other.send(new AbortMultipartReadSetUploadCommand({ sequenceStoreId: storeId, uploadId })),
        "ResourceNotFoundException",
        404,
      ],
      [
        "an upload into an unknown store",
        () =>
          sdk.send(
            new CreateMultipartReadSetUploadCommand({
              sequenceStoreId: "9999999999",
              sourceFileType: "FASTQ",
              subjectId: "s",
              sampleId: "s",
              name: "n",
            }),
          ),
        "ResourceNotFoundException",
        404,
      ],
    ];
    for (const [label, call, name, status] of cases) {
      const error = await rejection(call());
      expect([label, error.name, error.$metadata.httpStatusCode]).toEqual([label, name, status]);
    }
    await sdk.send(new AbortMultipartReadSetUploadCommand({ sequenceStoreId: storeId, uploadId }));
    const aborted = await rejection(upload(uploadId, "SOURCE1", 1, r1));
    expect(aborted.name).toBe("ResourceNotFoundException");
  });

  it("refuses a part whose bytes differ from its Content-MD5 and keeps nothing of it", async () => {
    const uploadId = await fastqUpload();
    // Signed by the SDK, with the headers changed after it set them.
    const send = async (headers: Record<string, string>, body: Uint8Array) => {
      const command = new UploadReadSetPartCommand({
        sequenceStoreId: storeId,
        uploadId,
        partSource: "SOURCE1",
        partNumber: 1,
        payload: body,
      });
      command.middlewareStack.add(
        (next) => async (args) => {
          const httpRequest = args.request as { headers: Record<string, string> };
          Object.assign(httpRequest.headers, headers);
          return next(args);
        },
        { step: "build", name: "changeHeaders" },
      );
      return rejection(sdk.send(command));
    };
    const badDigest = await send(
      { "content-md5": createHash("md5").update("other bytes").digest("base64") },
      r1,
    );
    expect([badDigest.name, badDigest.$metadata.httpStatusCode]).toEqual(["ValidationException", 400]);
    const parts = await sdk.send(
      new ListReadSetUploadPartsCommand({ sequenceStoreId: storeId, uploadId, partSource: "SOURCE1" }),
    );
    expect(parts.parts).toEqual([]);
  });
});
