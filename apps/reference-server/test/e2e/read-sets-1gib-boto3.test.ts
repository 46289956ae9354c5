// The 1 GiB FASTQ round trip through boto3 (the AWS SDK for Python, the AWS CLI's core) against a server
// process: the synthetic FASTQ is written to a file once, boto3 streams it up in 100 MiB parts (each a
// window of the file, never read whole), completes, waits for ACTIVE, and streams every part back,
// comparing it with the file. Skipped, with a message, where python3 cannot import boto3.
import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_PART_BYTES } from "../../src/read-sets/part-store.js";
import { syntheticFastqOfSize } from "../support/synthetic-fastq.js";
import { boto3Available } from "./boto3.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";

const available = boto3Available("read-sets-1gib-boto3");
const fastq = syntheticFastqOfSize(1024 ** 3);

// Prints one JSON object: what each step returned, and what the client saw of the bytes.
const SCRIPT = `
import hashlib, json, os, sys, time
import boto3
from botocore.config import Config

endpoint, key, secret, fastq, part_size = sys.argv[1:6]
part_size = int(part_size)
c = boto3.client(
    "omics", region_name="us-east-1", endpoint_url=endpoint,
    aws_access_key_id=key, aws_secret_access_key=secret,
    # The read-set operations carry the host prefixes control-storage- and storage-.
    config=Config(inject_host_prefix=False, retries={"max_attempts": 1, "mode": "standard"},
                  read_timeout=300),
)

class Window:
    """Bytes [start, start + size) of a file as a file-like body, hashed as they are read once."""
    def __init__(self, f, start, size, whole):
        self.f, self.start, self.size, self.pos, self.hashed = f, start, size, 0, 0
        self.sha256, self.whole = hashlib.sha256(), whole
    def __len__(self):
        return self.size
    def tell(self):
        return self.pos
    def seek(self, offset, whence=0):
        self.pos = offset if whence == 0 else (self.pos + offset if whence == 1 else self.size + offset)
        return self.pos
    def read(self, n=-1):
        n = self.size - self.pos if n is None or n < 0 else min(n, self.size - self.pos)
        self.f.seek(self.start + self.pos)
        data = self.f.read(n)
        if self.pos == self.hashed:
            self.sha256.update(data)
            self.whole.update(data)
            self.hashed += len(data)
        self.pos += len(data)
        return data

size = os.path.getsize(fastq)
whole = hashlib.md5()
store = c.create_sequence_store(name="boto3 large", eTagAlgorithmFamily="MD5up")["id"]
upload = c.create_multipart_read_set_upload(sequenceStoreId=store, sourceFileType="FASTQ",
    subjectId="s", sampleId="s", name="one gibibyte from boto3")["uploadId"]
parts, mismatched = [], []
with open(fastq, "rb") as f:
    for number, start in enumerate(range(0, size, part_size), start=1):
        body = Window(f, start, min(part_size, size - start), whole)
        out = c.upload_read_set_part(sequenceStoreId=store, uploadId=upload, partSource="SOURCE1",
            partNumber=number, payload=body)
        if body.hashed != body.size or out["checksum"] != body.sha256.hexdigest():
            mismatched.append(number)
        parts.append({"partNumber": number, "partSource": "SOURCE1", "checksum": out["checksum"]})
read_set = c.complete_multipart_read_set_upload(sequenceStoreId=store, uploadId=upload, parts=parts)["readSetId"]
deadline = time.time() + 180
while True:
    meta = c.get_read_set_metadata(sequenceStoreId=store, id=read_set)
    if meta["status"] != "PROCESSING_UPLOAD" or time.time() > deadline:
        break
    time.sleep(0.2)
received, first_difference, md5 = 0, None, hashlib.md5()
with open(fastq, "rb") as f:
    for number in range(1, meta["files"]["source1"]["totalParts"] + 1):
        offset = (number - 1) * meta["files"]["source1"]["partSize"]
        stream = c.get_read_set(sequenceStoreId=store, id=read_set, partNumber=number)["payload"]
        for chunk in stream.iter_chunks(1 << 20):
            md5.update(chunk)
            received += len(chunk)
            if first_difference is None:
                f.seek(offset)
                want = f.read(len(chunk))
                if want != chunk:
                    at = next((i for i in range(min(len(want), len(chunk))) if want[i] != chunk[i]),
                              min(len(want), len(chunk)))
                    first_difference = offset + at
            offset += len(chunk)
c.batch_delete_read_set(sequenceStoreId=store, ids=[read_set])
print(json.dumps({
    "parts": len(parts), "mismatched": mismatched, "status": meta["status"],
    "statusMessage": meta.get("statusMessage"), "sequenceInformation": meta.get("sequenceInformation"),
    "etag": meta.get("etag"), "files": meta.get("files"), "md5": whole.hexdigest(),
    "received": received, "receivedMd5": md5.hexdigest(), "firstDifference": first_difference,
}, default=str))
`;

function python(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn("python3", ["-c", SCRIPT, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!available)("a 1 GiB FASTQ through boto3 against a reference server process", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "seqstore-e2e-1gib-boto3-"));
  const dataDir = path.join(dir, "data");
  const file = path.join(dir, "large.fq");
  let server: ServerProcess;
  beforeAll(async () => {
    await pipeline(fastq.stream(), createWriteStream(file));
    server = await startServerProcess([
      "--port=0",
      `--db=${path.join(dir, "large.db")}`,
      `--data-dir=${dataDir}`,
      "--log-level=silent",
    ]);
  }, 60_000);
  afterAll(async () => {
    const code = await server?.stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    expect(code).toBe(0);
  });

  it("uploads it in 100 MiB parts from a file, completes, and downloads the same bytes", async () => {
    const { accessKeyId, secretAccessKey } = server.credentials;
    const run = await python([server.url, accessKeyId, secretAccessKey, file, String(MAX_PART_BYTES)]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      parts: Math.ceil(fastq.size / MAX_PART_BYTES),
      mismatched: [],
      status: "ACTIVE",
      sequenceInformation: {
        totalReadCount: fastq.readCount,
        totalBaseCount: fastq.baseCount,
        alignment: "UNALIGNED",
      },
      etag: { algorithm: "FASTQ_MD5up", source1: result.md5 },
      files: {
        source1: {
          contentLength: fastq.size,
          partSize: MAX_PART_BYTES,
          totalParts: Math.ceil(fastq.size / MAX_PART_BYTES),
        },
      },
      received: fastq.size,
      receivedMd5: result.md5,
      firstDifference: null,
    });
    for (const kept of ["read-sets", "uploads", "trash"]) {
      expect([kept, readdirSync(path.join(dataDir, "read-sets", kept))]).toEqual([kept, []]);
    }
  }, 600_000);
});
