// End to end: the official AWS SDK (and our signer over fetch) talk over real HTTP to a server
// that verifies each request with verifyRequest, from the bytes as received.
import type { IncomingMessage } from "node:http";
import {
  CreateSequenceStoreCommand,
  GetReadSetMetadataCommand,
  ListSequenceStoresCommand,
  OmicsClient,
} from "@aws-sdk/client-omics";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { describe, expect, it } from "vitest";
import { signRequest } from "../src/index.js";
import { type VerifyResult, verifyRequest } from "../src/verify/index.js";
import { ACCESS_KEY_ID, ACCOUNT_ID, SECRET_ACCESS_KEY } from "./oracle.js";
import { localServer } from "./local-server.js";

interface Seen {
  readonly host: string | undefined;
  readonly url: string;
  readonly result: VerifyResult;
}

const seen: Seen[] = [];

async function readBody(request: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const { port } = localServer(async (request, response) => {
  const url = request.url ?? "/";
  const queryStart = url.indexOf("?");
  const result = verifyRequest(
    {
      method: request.method ?? "GET",
      path: queryStart === -1 ? url : url.slice(0, queryStart),
      query: queryStart === -1 ? "" : url.slice(queryStart + 1),
      headers: request.headers,
      body: await readBody(request),
    },
    {
      service: "omics",
      regions: ["us-east-1"],
      lookupSecret: (accessKeyId) =>
        accessKeyId === ACCESS_KEY_ID
          ? { secretAccessKey: SECRET_ACCESS_KEY, accountId: ACCOUNT_ID }
          : undefined,
    },
  );
  seen.push({ host: request.headers.host, url, result });
  const status = result.ok ? 200 : result.httpStatus;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (!result.ok) headers["x-amzn-ErrorType"] = result.errorType;
  response.writeHead(status, headers).end(JSON.stringify(result.ok ? {} : { message: result.message }));
});

/** Connects to 127.0.0.1 whatever host the SDK signed, as a DNS entry for the prefixed name would. */
class LoopbackHandler extends NodeHttpHandler {
  override handle(...[request, options]: Parameters<NodeHttpHandler["handle"]>) {
    request.hostname = "127.0.0.1";
    return super.handle(request, options);
  }
}

function client(options: { secretAccessKey?: string; hostPrefix?: boolean } = {}) {
  return new OmicsClient({
    region: "us-east-1",
    endpoint: options.hostPrefix ? `http://localhost:${port()}` : `http://127.0.0.1:${port()}`,
    credentials: {
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: options.secretAccessKey ?? SECRET_ACCESS_KEY,
    },
    disableHostPrefix: !options.hostPrefix,
    requestHandler: new LoopbackHandler(),
    maxAttempts: 1,
  });
}

async function lastVerification(send: () => Promise<unknown>): Promise<Seen> {
  const before = seen.length;
  await send().catch(() => undefined);
  expect(seen.length).toBe(before + 1);
  return seen[seen.length - 1]!;
}

describe("requests sent by @aws-sdk/client-omics verify", () => {
  it.each([
    {
      name: "CreateSequenceStore (POST JSON)",
      send: (omics: OmicsClient) =>
        omics.send(
          new CreateSequenceStoreCommand({ name: "store", description: "naïve ✓", clientToken: "token-1" }),
        ),
    },
    {
      name: "ListSequenceStores (query parameters)",
      send: (omics: OmicsClient) =>
        omics.send(new ListSequenceStoresCommand({ maxResults: 10, nextToken: "a b+c/=" })),
    },
    {
      name: "GetReadSetMetadata (path labels with reserved and unicode characters)",
      send: (omics: OmicsClient) =>
        omics.send(new GetReadSetMetadataCommand({ sequenceStoreId: "store 1!*'()", id: "read/set ü" })),
    },
  ])("$name", async ({ send }) => {
    const { result, url } = await lastVerification(() => send(client()));
    expect(result, url).toMatchObject({ ok: true, accessKeyId: ACCESS_KEY_ID, accountId: ACCOUNT_ID });
  });

  it("with the control-storage- host prefix, verified against the Host received", async () => {
    const { result, host } = await lastVerification(() =>
      client({ hostPrefix: true }).send(new CreateSequenceStoreCommand({ name: "store" })),
    );
    expect(host).toBe(`control-storage-localhost:${port()}`);
    expect(result.ok).toBe(true);
  });

  it("a wrong secret surfaces as InvalidSignatureException in the SDK", async () => {
    const error = await client({ secretAccessKey: "wrong" })
      .send(new CreateSequenceStoreCommand({ name: "store" }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: "InvalidSignatureException",
      message: expect.stringMatching(/^The request signature we calculated does not match/),
      $metadata: { httpStatusCode: 403 },
    });
  });
});

describe("requests signed by signRequest and sent with fetch verify", () => {
  it.each([
    { method: "POST", path: "/sequencestore", body: '{"name":"store"}' },
    {
      method: "GET",
      path: "/sequencestore/a%20b/%C3%BC%21?maxResults=5&tag=b&tag=a&q=%2B%20*",
      body: undefined,
    },
    { method: "DELETE", path: "/sequencestore/x", body: undefined },
  ])("$method $path", async ({ method, path, body }) => {
    const url = `http://127.0.0.1:${port()}${path}`;
    const headers = await signRequest(
      { method, url, headers: { "content-type": "application/json" }, body },
      {
        accessKeyId: ACCESS_KEY_ID,
        secretAccessKey: SECRET_ACCESS_KEY,
        region: "us-east-1",
        service: "omics",
      },
    );
    const { result } = await lastVerification(() => fetch(url, { method, headers, body }));
    expect(result).toMatchObject({ ok: true, region: "us-east-1" });
  });
});
