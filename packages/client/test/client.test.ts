import { describe, expect, it } from "vitest";
import {
  AccessDeniedException,
  CreateSequenceStore,
  createOmicsBaseClient,
  ListSequenceStores,
  createOmicsClient,
  InternalServerException,
  OmicsServiceException,
  RequestTimeoutException,
  ServiceException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from "../src/index.js";
import { createOmicsRawClient } from "../src/raw.js";
import { hostLabel } from "../src/runtime/host-prefix.js";
import type { Json } from "../src/runtime/spec.js";
import { type CannedResponse, fakeFetch } from "./fake-fetch.js";

const baseUrl = "http://omics.test";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const created = {
  id: "1234567890",
  arn: "arn:aws:omics:us-east-1:123456789012:sequenceStore/1234567890",
  name: "store",
  creationTime: "2024-05-01T12:30:45.123Z",
  sseConfig: { type: "KMS", keyArn: "arn:aws:kms:us-east-1:123456789012:key/abc" },
  status: "ACTIVE",
  unknownNewField: "ignored",
};

function clientAnswering(...responses: CannedResponse[]) {
  const fake = fakeFetch(...responses);
  // Retried calls wait no time here; retry behaviour has its own tests (retry.test.ts).
  const client = createOmicsClient({ baseUrl, fetch: fake.fetch, sleep: async () => {} });
  return { client, requests: fake.requests };
}

/** The error a call rejects with (fails the test when the call succeeds). */
async function rejection(promise: Promise<unknown>): Promise<ServiceException> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceException);
    return error as ServiceException;
  }
  throw new Error("expected the call to fail");
}

describe("createSequenceStore success", () => {
  it("sends the input as a JSON body and parses the output", async () => {
    const { client, requests } = clientAnswering({
      status: 200,
      headers: { "content-type": "application/json", "x-amzn-RequestId": "req-1" },
      body: created,
    });
    const output = await client.createSequenceStore({
      name: "store",
      tags: { team: "genomics" },
      sseConfig: { type: "KMS" },
      propagatedSetLevelTags: ["team"],
      clientToken: "token-1",
    });

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe("POST");
    // The model's @endpoint(hostPrefix: "control-storage-"), applied as AWS SDKs apply it.
    expect(request?.url.href).toBe("http://control-storage-omics.test/sequencestore");
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(request?.body ?? "")).toEqual({
      name: "store",
      tags: { team: "genomics" },
      sseConfig: { type: "KMS" },
      propagatedSetLevelTags: ["team"],
      clientToken: "token-1",
    });

    expect(output.creationTime).toBeInstanceOf(Date);
    expect(output.creationTime.toISOString()).toBe("2024-05-01T12:30:45.123Z");
    expect(output).toMatchObject({
      id: created.id,
      arn: created.arn,
      status: "ACTIVE",
      sseConfig: created.sseConfig,
    });
    expect(output).not.toHaveProperty("unknownNewField");
    expect(output.$metadata).toEqual({
      httpStatusCode: 200,
      requestId: "req-1",
      attempts: 1,
      totalRetryDelay: 0,
    });
  });

  it("sends the configured headers, and no Authorization without credentials", async () => {
    const fake = fakeFetch({ body: created });
    const client = createOmicsClient({
      baseUrl: `${baseUrl}/`,
      disableHostPrefix: true,
      fetch: fake.fetch,
      headers: { "x-custom": "yes" },
    });
    await client.createSequenceStore({ name: "store" });
    expect(fake.requests[0]?.url.href).toBe(`${baseUrl}/sequencestore`);
    expect(fake.requests[0]?.headers.get("x-custom")).toBe("yes");
    expect(fake.requests[0]?.headers.get("authorization")).toBeNull();
  });
});

describe("idempotency token", () => {
  it.each([
    { name: "fills a missing token with a UUID", input: {}, expected: UUID },
    { name: "fills an undefined token", input: { clientToken: undefined }, expected: UUID },
    { name: "passes a given token through", input: { clientToken: "mine" }, expected: /^mine$/ },
  ])("$name", async ({ input, expected }) => {
    const { client, requests } = clientAnswering({ body: created });
    await client.createSequenceStore({ name: "store", ...input });
    expect(JSON.parse(requests[0]?.body ?? "").clientToken).toMatch(expected);
  });

  it("makes a fresh token per call, or uses the configured generator", async () => {
    const { client, requests } = clientAnswering({ body: created });
    await client.createSequenceStore({ name: "a" });
    await client.createSequenceStore({ name: "b" });
    const tokens = requests.map((r) => JSON.parse(r.body).clientToken);
    expect(tokens[0]).not.toBe(tokens[1]);

    const fake = fakeFetch({ body: created });
    await createOmicsClient({
      baseUrl,
      fetch: fake.fetch,
      idempotencyToken: () => "fixed",
    }).createSequenceStore({
      name: "c",
    });
    expect(JSON.parse(fake.requests[0]?.body ?? "").clientToken).toBe("fixed");
  });
});

describe("modeled errors", () => {
  // attempts: the default 3 for errors worth retrying (the fake answers every attempt alike).
  it.each([
    { Class: ValidationException, status: 400, fault: "client", retryable: undefined, attempts: 1 },
    { Class: ServiceQuotaExceededException, status: 402, fault: "client", retryable: undefined, attempts: 1 },
    { Class: AccessDeniedException, status: 403, fault: "client", retryable: undefined, attempts: 1 },
    { Class: RequestTimeoutException, status: 408, fault: "client", retryable: undefined, attempts: 3 },
    {
      Class: ThrottlingException,
      status: 429,
      fault: "client",
      retryable: { throttling: true },
      attempts: 3,
    },
    {
      Class: InternalServerException,
      status: 500,
      fault: "server",
      retryable: { throttling: false },
      attempts: 3,
    },
  ])("$Class.name ($status)", async ({ Class, status, fault, retryable, attempts }) => {
    const { client } = clientAnswering({
      status,
      headers: { "x-amzn-ErrorType": Class.name, "x-amzn-RequestId": "req-err" },
      body: { message: `it failed with ${status}` },
    });
    const error = await rejection(client.createSequenceStore({ name: "store" }));
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(OmicsServiceException);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(Class.name);
    expect(error.message).toBe(`it failed with ${status}`);
    expect(error.$fault).toBe(fault);
    expect(error.$metadata).toEqual({
      httpStatusCode: status,
      requestId: "req-err",
      attempts,
      totalRetryDelay: expect.any(Number),
    });
    expect((error as InstanceType<typeof Class>).$retryable).toEqual(retryable);
  });

  it("reads ValidationException's fieldList", async () => {
    const fieldList = [{ path: "/name", message: "too long" }];
    const { client } = clientAnswering({
      status: 400,
      headers: { "x-amzn-ErrorType": "ValidationException" },
      body: { message: "bad input", fieldList },
    });
    const error = await rejection(client.createSequenceStore({ name: "store" }));
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).fieldList).toEqual(fieldList);
  });
});

describe("error name resolution", () => {
  it.each<{ name: string; headers: Record<string, string>; body: Record<string, string>; expected: string }>([
    {
      name: "header wins over code and __type",
      headers: { "x-amzn-ErrorType": "ThrottlingException" },
      body: { code: "AccessDeniedException", __type: "ValidationException" },
      expected: "ThrottlingException",
    },
    {
      name: "header is stripped after ':' and before '#'",
      headers: {
        "x-amzn-ErrorType": "aws.protocols#AccessDeniedException:http://internal.amazon.com/coral/",
      },
      body: {},
      expected: "AccessDeniedException",
    },
    {
      name: "body code when there is no header",
      headers: {},
      body: { code: "AccessDeniedException", __type: "ValidationException" },
      expected: "AccessDeniedException",
    },
    {
      name: "body Code in any case",
      headers: {},
      body: { Code: "ValidationException" },
      expected: "ValidationException",
    },
    {
      name: "__type last, namespace dropped",
      headers: {},
      body: { __type: "com.amazonaws.omics#ThrottlingException" },
      expected: "ThrottlingException",
    },
  ])("$name", async ({ headers, body, expected }) => {
    const { client } = clientAnswering({ status: 400, headers, body: { message: "m", ...body } });
    const error = await rejection(client.createSequenceStore({ name: "store" }));
    expect(error.name).toBe(expected);
    expect(error.constructor.name).toBe(expected);
  });
});

describe("unmodeled errors", () => {
  it.each([
    {
      name: "an unknown name",
      response: {
        status: 503,
        headers: { "x-amzn-ErrorType": "ServiceUnavailable" },
        body: { Message: "later" },
      },
      expected: { name: "ServiceUnavailable", $fault: "server", message: "later" },
    },
    {
      name: "a name that is also an Object.prototype member",
      response: { status: 400, headers: { "x-amzn-ErrorType": "constructor" }, body: { message: "m" } },
      expected: { name: "constructor", $fault: "client", message: "m" },
    },
    {
      name: "no name at all",
      response: { status: 404, body: { nothing: true } },
      expected: { name: "Unknown", $fault: "client", message: "UnknownError" },
    },
    {
      name: "a body that is not JSON",
      response: { status: 502, body: "<html>Bad Gateway</html>" },
      expected: { name: "Unknown", $fault: "server", message: "UnknownError" },
    },
  ])("$name becomes OmicsServiceException", async ({ response, expected }) => {
    const { client } = clientAnswering(response);
    const error = await rejection(client.createSequenceStore({ name: "store" }));
    expect(error.constructor).toBe(OmicsServiceException);
    expect({ name: error.name, $fault: error.$fault, message: error.message }).toEqual(expected);
    expect(error.$metadata.httpStatusCode).toBe(response.status);
  });
});

describe("raw client (@seqstore/client/raw)", () => {
  it("gives openapi-fetch's { data, error } results and runs middleware", async () => {
    const fake = fakeFetch(
      { body: { ...created, creationTime: created.creationTime } },
      { status: 400, headers: { "x-amzn-ErrorType": "ValidationException" }, body: { message: "bad" } },
    );
    const raw = createOmicsRawClient({
      baseUrl,
      fetch: fake.fetch,
      middleware: [{ onRequest: ({ request }) => void request.headers.set("x-middleware", "ran") }],
    });
    const ok = await raw.POST("/sequencestore", { body: { name: "store" } });
    expect(ok.data?.creationTime).toBe(created.creationTime);
    expect(ok.error).toBeUndefined();
    expect(JSON.parse(fake.requests[0]?.body ?? "")).toEqual({ name: "store" });
    expect(fake.requests[0]?.headers.get("x-middleware")).toBe("ran");

    const failed = await raw.POST("/sequencestore", { body: { name: "store" } });
    expect(failed.data).toBeUndefined();
    expect(failed.error).toEqual({ message: "bad" });
    expect(failed.response.status).toBe(400);
  });
});

describe("client.raw and send", () => {
  it("runs middleware for raw calls only; both are signed", async () => {
    const fake = fakeFetch({ body: created });
    const seen: string[] = [];
    const client = createOmicsClient({
      baseUrl,
      fetch: fake.fetch,
      region: "us-east-1",
      credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
      middleware: [{ onRequest: ({ schemaPath }) => void seen.push(schemaPath) }],
    });
    await client.createSequenceStore({ name: "store" });
    const raw = await client.raw.POST("/sequencestore", { body: { name: "raw" } });
    expect(raw.data?.id).toBe(created.id);
    expect(seen).toEqual(["/sequencestore"]);
    for (const request of fake.requests)
      expect(request.headers.get("authorization")).toMatch(/^AWS4-HMAC-SHA256 /);
  });

  it("send(Operation, input) calls an operation like its method", async () => {
    const { client, requests } = clientAnswering({ body: created });
    const output = await client.send(CreateSequenceStore, { name: "store", clientToken: "t" });
    expect(output.creationTime).toBeInstanceOf(Date);
    expect(JSON.parse(requests[0]?.body ?? "")).toEqual({ name: "store", clientToken: "t" });
  });
});

describe("host prefixes (@endpoint)", () => {
  it.each([
    ["http://omics.test", "http://control-storage-omics.test/sequencestore"],
    [
      "https://omics.us-east-1.amazonaws.com/base/",
      "https://control-storage-omics.us-east-1.amazonaws.com/base/sequencestore",
    ],
  ])("puts the prefix in front of %s", async (endpoint, url) => {
    const fake = fakeFetch({ body: created });
    const client = createOmicsClient({ baseUrl: endpoint, fetch: fake.fetch });
    await client.createSequenceStore({ name: "store" });
    expect(fake.requests[0]?.url.href).toBe(url);
  });

  it("leaves it out with disableHostPrefix, as the AWS SDK does", async () => {
    const fake = fakeFetch({ body: created });
    const client = createOmicsBaseClient({ baseUrl, fetch: fake.fetch, disableHostPrefix: true });
    await client.send(CreateSequenceStore, { name: "store" });
    expect(fake.requests[0]?.url.href).toBe(`${baseUrl}/sequencestore`);
  });

  it("fills @hostLabel members and refuses one that is no host name part", async () => {
    const fake = fakeFetch({ body: {} });
    const client = createOmicsBaseClient({
      baseUrl: "https://example.com",
      fetch: fake.fetch,
      maxAttempts: 1,
    });
    // What the generator writes for @endpoint(hostPrefix: "{name}.data-") with a @hostLabel name.
    const Labelled = {
      ...CreateSequenceStore,
      hostPrefix: (i: Json) => `${hostLabel(i.name, "Create", "name")}.data-`,
    } as typeof CreateSequenceStore;
    await client.send(Labelled, { name: "store-1" });
    expect(fake.requests[0]?.url.host).toBe("store-1.data-example.com");
    for (const name of ["", "a b", "-a", "a_b", "a..b"]) {
      await expect(client.send(Labelled, { name })).rejects.toThrow(/'name' is bound to the host name/);
    }
    expect(fake.requests).toHaveLength(1);
  });
});

// Compile-time checks of send's input argument: optional only when every input member is.
export const sendTypeChecks = (client: ReturnType<typeof createOmicsClient>) => [
  // @ts-expect-error CreateSequenceStore needs an input (its name is required)
  () => client.send(CreateSequenceStore),
  () => client.send(ListSequenceStores),
];
