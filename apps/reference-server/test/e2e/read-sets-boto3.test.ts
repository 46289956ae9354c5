// A FASTQ read set through boto3 (the AWS SDK for Python, the AWS CLI's core) against a server process:
// upload in two parts, complete, metadata, download compared byte for byte, and the 416 beyond the end.
// Skipped, with a message, where python3 cannot import boto3.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boto3Available } from "./boto3.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";

const available = boto3Available("read-sets-boto3");

const FASTQ = path.resolve(import.meta.dirname, "../read-sets/fixtures/data/r1.fq");

// Prints one JSON object: what each step returned.
const SCRIPT = `
import hashlib, json, sys, time
import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, key, secret, fastq = sys.argv[1:5]
c = boto3.client(
    "omics", region_name="us-east-1", endpoint_url=endpoint,
    aws_access_key_id=key, aws_secret_access_key=secret,
    # The read-set operations carry the host prefixes control-storage- and storage-.
    config=Config(inject_host_prefix=False, retries={"max_attempts": 1, "mode": "standard"}),
)
data = open(fastq, "rb").read()
store = c.create_sequence_store(name="boto3 reads")["id"]
upload = c.create_multipart_read_set_upload(sequenceStoreId=store, sourceFileType="FASTQ",
    subjectId="s", sampleId="s", name="from boto3")["uploadId"]
half = len(data) // 2
parts = []
for number, chunk in ((1, data[:half]), (2, data[half:])):
    out = c.upload_read_set_part(sequenceStoreId=store, uploadId=upload, partSource="SOURCE1",
        partNumber=number, payload=chunk)
    parts.append({"partNumber": number, "partSource": "SOURCE1", "checksum": out["checksum"]})
read_set = c.complete_multipart_read_set_upload(sequenceStoreId=store, uploadId=upload, parts=parts)["readSetId"]
for _ in range(200):
    meta = c.get_read_set_metadata(sequenceStoreId=store, id=read_set)
    if meta["status"] != "PROCESSING_UPLOAD":
        break
    time.sleep(0.025)
body = c.get_read_set(sequenceStoreId=store, id=read_set, partNumber=1)["payload"].read()
try:
    c.get_read_set(sequenceStoreId=store, id=read_set, partNumber=2)
    beyond = None
except ClientError as e:
    beyond = [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
print(json.dumps({
    "checksums": [p["checksum"] for p in parts],
    "expected": [hashlib.sha256(data[:half]).hexdigest(), hashlib.sha256(data[half:]).hexdigest()],
    "status": meta["status"], "sequenceInformation": meta.get("sequenceInformation"),
    "etag": meta.get("etag"), "md5": hashlib.md5(data).hexdigest(),
    "same": body == data, "beyond": beyond,
}))
`;

describe.skipIf(!available)("read sets through boto3 against a reference server process", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess(["--port=0", "--db=:memory:", "--log-level=silent"]);
  });
  afterAll(async () => {
    expect(await server?.stop()).toBe(0);
  });

  it("uploads in parts, completes, and downloads the same bytes", () => {
    const { accessKeyId, secretAccessKey } = server.credentials;
    const run = spawnSync("python3", ["-c", SCRIPT, server.url, accessKeyId, secretAccessKey, FASTQ], {
      encoding: "utf8",
      env: { ...process.env, AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" },
    });
    expect(run.stderr).toBe("");
    const result = JSON.parse(run.stdout);
    expect(result.checksums).toEqual(result.expected);
    expect(result).toMatchObject({
      status: "ACTIVE",
      sequenceInformation: { totalReadCount: 5, totalBaseCount: 500, alignment: "UNALIGNED" },
      etag: { algorithm: "FASTQ_MD5up", source1: result.md5 },
      same: true,
      beyond: ["RangeNotSatisfiableException", 416],
    });
  });
});
