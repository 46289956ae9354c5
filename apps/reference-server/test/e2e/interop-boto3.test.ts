// boto3 (the AWS SDK for Python, which the AWS CLI shares its core with) against a server process.
// Skipped, with a message, where python3 cannot import boto3.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boto3Available } from "./boto3.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";

const available = boto3Available("interop-boto3");

// Prints one JSON line per call: the output, or the error code and HTTP status botocore parsed.
const SCRIPT = `
import json, sys, uuid
import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, key, secret = sys.argv[1:4]
def client(secret):
    return boto3.client(
        "omics", region_name="us-east-1", endpoint_url=endpoint,
        aws_access_key_id=key, aws_secret_access_key=secret,
        # hostPrefix would send botocore to control-storage-127.0.0.1.
        # parameter_validation off, so the server (not botocore) refuses bad input.
        config=Config(inject_host_prefix=False, parameter_validation=False,
                      retries={"max_attempts": 1, "mode": "standard"}),
    )
def call(c, **params):
    try:
        out = c.create_sequence_store(**params)
        print(json.dumps({"id": out["id"], "arn": out["arn"], "creationTime": out["creationTime"].isoformat(),
                          "eTagAlgorithmFamily": out.get("eTagAlgorithmFamily"), "status": out["ResponseMetadata"]["HTTPStatusCode"]}))
    except ClientError as e:
        print(json.dumps({"error": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}))
token = str(uuid.uuid4())
call(client(secret), name="from boto3", clientToken=token, eTagAlgorithmFamily="SHA256up", tags={"k": "v"})
call(client(secret), name="from boto3", clientToken=token, eTagAlgorithmFamily="SHA256up", tags={"k": "v"})
call(client(secret), name="")
call(client("wrong-secret"), name="forged")
`;

describe.skipIf(!available)("boto3 against a reference server process", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess(["--port=0", "--db=:memory:", "--log-level=silent"]);
  });
  afterAll(async () => {
    expect(await server?.stop()).toBe(0);
  });

  it("creates, replays, and gets ValidationException and AccessDeniedException by name", () => {
    const { accessKeyId, secretAccessKey } = server.credentials;
    const run = spawnSync("python3", ["-c", SCRIPT, server.url, accessKeyId, secretAccessKey], {
      encoding: "utf8",
      env: { ...process.env, AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" },
    });
    expect(run.stderr).toBe("");
    const [created, replayed, invalid, forged] = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(created).toMatchObject({
      id: expect.stringMatching(/^\d{10}$/),
      arn: expect.stringContaining(":123456789012:sequenceStore/"),
      eTagAlgorithmFamily: "SHA256up",
      status: 200,
    });
    // botocore parsed the RFC 3339 timestamp into a timezone-aware datetime.
    expect(created.creationTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
    expect(replayed).toEqual(created);
    expect(invalid).toEqual({ error: "ValidationException", status: 400 });
    expect(forged).toEqual({ error: "AccessDeniedException", status: 403 });
  });
});
