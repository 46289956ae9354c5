// Differential test: the official @aws-sdk/client-omics and our client, given the same responses,
// must agree on what they send and on what they return or throw.
import { Readable } from "node:stream";
import {
  CreateSequenceStoreCommand,
  type CreateSequenceStoreCommandInput,
  OmicsClient,
} from "@aws-sdk/client-omics";
import { describe, expect, it } from "vitest";
import { createOmicsClient } from "../src/index.js";
import { type CannedResponse, fakeFetch } from "./fake-fetch.js";

interface Outcome {
  request: { method: string; path: string; body: unknown };
  result?: unknown;
  error?: { name: string; $fault: unknown; message: string; httpStatusCode: unknown; requestId: unknown };
}

function bodyText(canned: CannedResponse): string {
  return canned.body === undefined
    ? ""
    : typeof canned.body === "string"
      ? canned.body
      : JSON.stringify(canned.body);
}

function errorOutcome(error: unknown): Outcome["error"] {
  const e = error as Error & {
    $fault?: unknown;
    $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
  };
  return {
    name: e.name,
    $fault: e.$fault,
    message: e.message,
    httpStatusCode: e.$metadata?.httpStatusCode,
    requestId: e.$metadata?.requestId,
  };
}

function withoutMetadata(output: object): unknown {
  const { $metadata: _ignored, ...rest } = output as { $metadata?: unknown };
  return rest;
}

async function viaAwsSdk(input: CreateSequenceStoreCommandInput, canned: CannedResponse): Promise<Outcome> {
  let request: Outcome["request"] | undefined;
  const client = new OmicsClient({
    region: "us-east-1",
    endpoint: "http://omics.test",
    credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
    maxAttempts: 1,
    requestHandler: {
      handle: async (sent: { method: string; path: string; body: Uint8Array | string }) => {
        request = {
          method: sent.method,
          path: sent.path,
          body: JSON.parse(typeof sent.body === "string" ? sent.body : new TextDecoder().decode(sent.body)),
        };
        const headers = Object.fromEntries(
          Object.entries(canned.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
        );
        const body = Readable.from([Buffer.from(bodyText(canned))]);
        return { response: { statusCode: canned.status ?? 200, headers, body } };
      },
    },
  });
  try {
    const output = await client.send(new CreateSequenceStoreCommand(input));
    return { request: request as Outcome["request"], result: withoutMetadata(output) };
  } catch (error) {
    return { request: request as Outcome["request"], error: errorOutcome(error) };
  }
}

async function viaOurClient(
  input: CreateSequenceStoreCommandInput,
  canned: CannedResponse,
): Promise<Outcome> {
  const fake = fakeFetch(canned);
  // One attempt, like the SDK client above: retries are compared in aws-sdk-retry-parity.test.ts.
  const client = createOmicsClient({ baseUrl: "http://omics.test", fetch: fake.fetch, maxAttempts: 1 });
  const sent = () => {
    const first = fake.requests[0];
    return {
      method: first?.method ?? "",
      path: first?.url.pathname ?? "",
      body: JSON.parse(first?.body ?? "null"),
    };
  };
  try {
    const output = await client.createSequenceStore(
      input as Parameters<typeof client.createSequenceStore>[0],
    );
    return { request: sent(), result: withoutMetadata(output) };
  } catch (error) {
    return { request: sent(), error: errorOutcome(error) };
  }
}

const input: CreateSequenceStoreCommandInput = {
  name: "store",
  description: "for tests",
  sseConfig: { type: "KMS", keyArn: "arn:aws:kms:us-east-1:123456789012:key/abc" },
  tags: { team: "genomics" },
  clientToken: "token-1",
  eTagAlgorithmFamily: "SHA256up",
  propagatedSetLevelTags: ["team"],
  s3AccessConfig: { accessLogLocation: "s3://logs/omics/" },
};

const json = { "content-type": "application/json", "x-amzn-RequestId": "req-1" };

const cases: { name: string; response: CannedResponse; expected: string }[] = [
  {
    name: "success",
    expected: "success",
    response: {
      headers: json,
      body: {
        id: "1234567890",
        arn: "arn:aws:omics:us-east-1:123456789012:sequenceStore/1234567890",
        name: "store",
        creationTime: "2024-05-01T12:30:45.123Z",
        status: "CREATING",
        sseConfig: { type: "KMS" },
        s3Access: { s3Uri: "s3://bucket/prefix/" },
        propagatedSetLevelTags: ["team"],
      },
    },
  },
  {
    name: "modeled error by header",
    expected: "ValidationException",
    response: {
      status: 400,
      headers: { ...json, "x-amzn-ErrorType": "ValidationException" },
      body: { message: "m" },
    },
  },
  {
    name: "decorated header",
    expected: "AccessDeniedException",
    response: {
      status: 403,
      headers: {
        ...json,
        "x-amzn-ErrorType": "AccessDeniedException:http://internal.amazon.com/coral/com.amazon/",
      },
      body: { message: "no" },
    },
  },
  {
    name: "body code",
    expected: "ThrottlingException",
    response: { status: 429, headers: json, body: { code: "ThrottlingException", message: "slow" } },
  },
  {
    name: "body __type with namespace",
    expected: "InternalServerException",
    response: {
      status: 500,
      headers: json,
      body: { __type: "com.amazonaws.omics#InternalServerException", message: "x" },
    },
  },
  {
    name: "unmodeled name",
    expected: "Unavailable",
    response: { status: 503, headers: { ...json, "x-amzn-ErrorType": "Unavailable" }, body: {} },
  },
  {
    name: "no name anywhere",
    expected: "Unknown",
    response: { status: 503, headers: json, body: { message: "later" } },
  },
  {
    name: "no name and no message",
    expected: "Unknown",
    response: { status: 404, headers: json, body: { nothing: true } },
  },
  {
    name: "Message in capitals",
    expected: "Conflict",
    response: { status: 409, headers: { ...json, "x-amzn-ErrorType": "Conflict" }, body: { Message: "M" } },
  },
];

describe("parity with @aws-sdk/client-omics", () => {
  it.each(cases)("$name -> $expected", async ({ response, expected }) => {
    const [theirs, ours] = await Promise.all([viaAwsSdk(input, response), viaOurClient(input, response)]);
    expect(ours.error?.name ?? "success").toBe(expected);
    expect(ours).toEqual(theirs);
  });
});
