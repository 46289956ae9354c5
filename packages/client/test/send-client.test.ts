// Every client's `send` goes through one pipeline, whose light fetcher builds requests with
// openapi-fetch's URL, header and body helpers and reads responses by its rules, without its client.
// It must not leave anything out of the calls: one table of calls runs through a reference client
// whose fetcher is openapi-fetch's own client (what the light fetcher replaces), through the
// send-only client and through the base client: all must put the same request on the wire and give
// back the same output or error.
import createClient from "openapi-fetch";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  CreateSequenceStore,
  createOmicsBaseClient,
  createOmicsSendClient,
  DeleteSequenceStore,
  errorClasses,
  GetSequenceStore,
  ListSequenceStores,
  OmicsServiceException,
  UpdateSequenceStore,
} from "../src/index.js";
import type { Fetcher } from "../src/runtime/operation.js";
import { createClientCore, type SendClientOptions, sendOver } from "../src/runtime/send-client.js";
import { fillLabels, label } from "../src/runtime/bindings.js";
import type { Json, Operation } from "../src/runtime/spec.js";
import { type CannedResponse, connectionReset, fakeFetch, type RecordedRequest } from "./fake-fetch.js";
import { verifyRecorded } from "./verify-recorded.js";

const NOW = Date.UTC(2024, 4, 1);
const signing = {
  region: "us-east-1",
  credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
};
const json = (body: unknown, status = 200, headers: Record<string, string> = {}): CannedResponse => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body,
});
const store = { id: "1234567890", name: "store", creationTime: "2024-05-01T12:30:45.123Z", status: "ACTIVE" };

/** An operation with the bindings Omics does not use: a greedy label, headers, a list query, a text payload. */
const Blobby: Operation<Json, Json> = {
  method: "PUT",
  path: "/objects/{key+}",
  parseAs: "text",
  request: (i) => ({
    params: {
      path: { key: label(i.key as string, "Blobby", "key", 1) },
      query: { tag: i.tags as string[], mode: i.mode as string | undefined, empty: [] },
      header: { "x-amz-meta-owner": i.owner as string | undefined, "x-absent": undefined },
    },
    pathSerializer: fillLabels,
    body: i.body,
    bodySerializer: (text: never) => text,
  }),
  response: (data, response) => ({ text: data, etag: response.headers.get("etag") ?? undefined }),
};

interface Call {
  name: string;
  operation: Operation<never, unknown>;
  input: Json;
  responses: CannedResponse[];
  baseUrl?: string;
  headers?: Record<string, string>;
  /** The call fails before anything is sent. */
  nothingSent?: true;
}

const calls: Call[] = [
  {
    name: "create with nested members",
    operation: CreateSequenceStore as Operation<never, unknown>,
    input: {
      name: "store",
      clientToken: "token-1",
      sseConfig: { type: "KMS", keyArn: "arn:aws:kms:us-east-1:123456789012:key/abc" },
      tags: { team: "genomics", "odd key": "a&b=c" },
    },
    responses: [json(store, 200, { "x-amzn-requestid": "req-1" })],
  },
  {
    name: "get with a label that needs encoding, under a base path with a trailing slash",
    operation: GetSequenceStore as Operation<never, unknown>,
    input: { id: "a b/c+é" },
    responses: [json({ ...store, updateTime: "2024-05-02T00:00:00Z" })],
    baseUrl: "http://omics.test/prefix/",
  },
  {
    name: "list with reserved characters in the query, and client headers",
    operation: ListSequenceStores as Operation<never, unknown>,
    input: { maxResults: 5, nextToken: "a/b+c=d&e", filter: { name: "st" } },
    responses: [json({ nextToken: "next", sequenceStores: [store] })],
    headers: { "x-team": "bio" },
  },
  {
    name: "list with no input members",
    operation: ListSequenceStores as Operation<never, unknown>,
    input: {},
    responses: [json({ sequenceStores: [] })],
  },
  {
    name: "delete answered with a declared empty body",
    operation: DeleteSequenceStore as Operation<never, unknown>,
    input: { id: "1234567890" },
    responses: [{ status: 200, headers: { "content-length": "0" } }],
  },
  {
    name: "update answered 204",
    operation: UpdateSequenceStore as Operation<never, unknown>,
    input: { id: "1234567890", name: "renamed", clientToken: "token-2" },
    responses: [{ status: 204 }],
  },
  {
    name: "create answered with an unsized empty body",
    operation: CreateSequenceStore as Operation<never, unknown>,
    input: { name: "store", clientToken: "token-3" },
    responses: [{ status: 200, body: "" }],
  },
  {
    name: "a modeled error named by the header, after a retried throttle",
    operation: CreateSequenceStore as Operation<never, unknown>,
    input: { name: "store", clientToken: "token-4" },
    responses: [
      json({ message: "slow down" }, 429, { "x-amzn-ErrorType": "ThrottlingException" }),
      json({ message: "bad name", fieldList: [{ name: "name", message: "too short" }] }, 400, {
        "x-amzn-ErrorType": "ValidationException:http://internal",
      }),
    ],
  },
  {
    name: "an error whose body is not JSON",
    operation: GetSequenceStore as Operation<never, unknown>,
    input: { id: "1" },
    responses: [{ status: 502, body: "<html>bad gateway</html>" }],
  },
  {
    name: "an error with a declared empty body",
    operation: GetSequenceStore as Operation<never, unknown>,
    input: { id: "1" },
    responses: [{ status: 404, headers: { "content-length": "0" } }],
  },
  {
    name: "a network failure on every attempt",
    operation: GetSequenceStore as Operation<never, unknown>,
    input: { id: "1" },
    responses: [{ throws: connectionReset() }],
  },
  {
    name: "a success that is not JSON",
    operation: GetSequenceStore as Operation<never, unknown>,
    input: { id: "1" },
    responses: [{ status: 200, body: "{not json" }],
  },
  {
    name: "headers, a greedy label, list and absent query values, a text payload both ways",
    operation: Blobby as Operation<never, unknown>,
    input: { key: "dir/sub dir/file.txt", tags: ["a", "b c", "d/e"], owner: "me", body: "plain text" },
    responses: [{ status: 200, headers: { etag: '"abc"' }, body: "stored" }],
  },
  {
    name: "client headers in any case, one of them overridden by an operation header",
    operation: Blobby as Operation<never, unknown>,
    input: { key: "k", owner: "operation", body: "x" },
    headers: { "X-Amz-Meta-Owner": "client", "X-Team": "bio", "content-TYPE": "text/plain" },
    responses: [{ status: 200, body: "stored" }],
  },
  {
    name: "a client header set to null, which removes the JSON content type",
    operation: CreateSequenceStore as Operation<never, unknown>,
    input: { name: "store", clientToken: "token-n" },
    headers: { "Content-Type": null as unknown as string, "x-team": "bio" },
    responses: [json(store)],
  },
  {
    name: "a header value with a line break in it",
    operation: Blobby as Operation<never, unknown>,
    input: { key: "k", owner: "me\r\nx-injected: 1", body: "x" },
    responses: [{ status: 200, body: "stored" }],
    nothingSent: true,
  },
  {
    name: "a client header name fetch refuses",
    operation: GetSequenceStore as Operation<never, unknown>,
    input: { id: "1234567890" },
    headers: { "bad header": "x" },
    responses: [json(store)],
    nothingSent: true,
  },
];

/** What a call came to: its output, or its error's class, name, message and members. */
async function outcome(call: Promise<unknown>): Promise<unknown> {
  try {
    return { output: await call };
  } catch (error) {
    if (!(error instanceof Error)) return { thrown: error };
    return {
      error: error.constructor.name,
      name: error.name,
      message: error.message,
      members: { ...error },
      cause: error.cause,
    };
  }
}

function wire(request: RecordedRequest) {
  return {
    method: request.method,
    url: request.url.href,
    headers: [...request.headers],
    body: request.body,
  };
}

/** Which way a call goes: openapi-fetch's client as the fetcher, or the one pipeline of either client. */
type Path = "openapi-fetch" | "send-only client" | "base client";
const lightPaths: Path[] = ["send-only client", "base client"];

/** The call pipeline over openapi-fetch's client instead of the light fetcher: the reference. */
function openApiFetchClient(options: SendClientOptions) {
  const core = createClientCore(options, {
    errors: errorClasses,
    unmodeledError: (init) => new OmicsServiceException(init),
    signing: "omics",
  });
  const raw = createClient({ baseUrl: options.baseUrl, fetch: core.transport, headers: options.headers });
  const fetcher: Fetcher = {
    request: (operation, init) =>
      raw.request(operation.method as "get", operation.path as never, init as never),
  };
  return { send: sendOver(core.context(fetcher)) };
}

async function run(path: Path, call: Call, signed: boolean) {
  const fake = fakeFetch(...call.responses);
  const options = {
    baseUrl: call.baseUrl ?? "http://omics.test",
    fetch: fake.fetch,
    now: () => NOW,
    sleep: async () => {},
    random: () => 0.5,
    // openapi-fetch knows no host prefixes (test/client.test.ts has them).
    disableHostPrefix: true,
    ...(call.headers ? { headers: call.headers } : {}),
    ...(signed ? signing : {}),
  };
  const client =
    path === "send-only client"
      ? createOmicsSendClient(options)
      : path === "base client"
        ? createOmicsBaseClient(options)
        : openApiFetchClient(options);
  const result = await outcome(client.send(call.operation, call.input as never));
  return { result, requests: fake.requests };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each([false, true])("signed: %s", (signed) => {
  describe.each(lightPaths)("%s", (path) => {
    it.each(calls)("$name: the same requests and the same result as openapi-fetch", async (call) => {
      // Invocation IDs are random; the same ones for both paths make the signatures comparable.
      let next = 0;
      const fixedUuid = () => `00000000-0000-4000-8000-${String(next++ % 2).padStart(12, "0")}` as const;
      vi.spyOn(globalThis.crypto, "randomUUID").mockImplementation(fixedUuid);
      const reference = await run("openapi-fetch", call, signed);
      next = 0;
      const light = await run(path, call, signed);

      if (call.nothingSent) expect(light.result).toHaveProperty("error");
      expect(light.requests.length > 0).toBe(!call.nothingSent);
      expect(light.requests.map(wire)).toEqual(reference.requests.map(wire));
      expect(light.result).toEqual(reference.result);
      if (signed) {
        for (const request of light.requests) {
          expect(
            verifyRecorded(request, NOW, () => ({ secretAccessKey: "secret", accountId: "1" })),
          ).toMatchObject({ ok: true });
        }
      }
    });
  });
});

describe("createOmicsSendClient", () => {
  it("has send and nothing else", () => {
    const client = createOmicsSendClient({ baseUrl: "http://omics.test", fetch: fakeFetch().fetch });
    expect(Object.keys(client)).toEqual(["send"]);
  });

  it("refuses openapi-fetch middleware instead of ignoring it", () => {
    const options = { baseUrl: "http://omics.test", middleware: [{ onRequest: () => undefined }] };
    expect(() => createOmicsSendClient(options as never)).toThrow(/takes no openapi-fetch middleware/);
  });

  it("checks its options as the other clients do", () => {
    expect(() => createOmicsSendClient({ baseUrl: "http://omics.test", maxAttempts: 0 })).toThrow(RangeError);
    expect(() =>
      createOmicsSendClient({ baseUrl: "http://omics.test", credentials: signing.credentials }),
    ).toThrow(/region is required/);
  });
});
