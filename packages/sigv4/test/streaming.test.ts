// Bodies that stream through the server: UNSIGNED-PAYLOAD (aws.auth#unsignedPayload), a sent
// x-amz-content-sha256 checked as the bytes flow, and botocore's header-less signed body whose
// signature can only be checked at the end. The signer never reads a streaming body.
import { Readable } from "node:stream";
import { runInNewContext } from "node:vm";
import { Sha256 } from "@aws-crypto/sha256-js";
import { OmicsClient, UploadReadSetPartCommand } from "@aws-sdk/client-omics";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { signRequest, UNSIGNED_PAYLOAD } from "../src/index.js";
import {
  type StreamingVerification,
  type VerifyFailure,
  verifiedBody,
  verifyStreamingRequest,
} from "../src/verify/index.js";
import {
  ACCESS_KEY_ID,
  ACCOUNT_ID,
  oracleSign,
  received,
  SECRET_ACCESS_KEY,
  SIGNING_DATE,
  singleKeyVerifyOptions,
} from "./oracle.js";
import { localServer } from "./local-server.js";

const credentials = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY };
const URL_ =
  "https://omics.us-east-1.amazonaws.com/sequencestore/1/upload/2/parts?partSource=SOURCE1&partNumber=1";
const BODY = new Uint8Array(200_000).map((_, i) => i % 251);

const options = singleKeyVerifyOptions;

function head(headers: Record<string, string>) {
  const { body: _, ...rest } = received(URL_, "PUT", headers);
  return rest;
}

/** Feeds `body` in 16 KiB chunks; returns the chunks handed on and the verdict. */
function feed(verification: StreamingVerification, body: Uint8Array) {
  const delivered: Uint8Array[] = [];
  const fed: Uint8Array[] = [];
  for (let i = 0; i < body.length; i += 16_384) {
    const chunk = body.subarray(i, i + 16_384);
    fed.push(chunk);
    expect(verification.update(chunk, (bytes) => delivered.push(bytes))).toBeUndefined();
  }
  return { fed, delivered, verdict: verification.finish() };
}

function expectVerification(result: StreamingVerification | VerifyFailure): StreamingVerification {
  if (!result.ok) throw new Error(`head refused: ${result.code} ${result.message}`);
  return result;
}

describe("signRequest leaves a streaming body alone", () => {
  const sdk = new SignatureV4({ service: "omics", region: "us-east-1", sha256: Sha256, credentials });

  it.each([
    ["a web ReadableStream", () => new ReadableStream<Uint8Array>()],
    ["an async iterable", () => ({ async *[Symbol.asyncIterator]() {} })],
    ["a Blob", () => new Blob([BODY])],
  ])("signs %s as UNSIGNED-PAYLOAD, as the AWS SDK signs a stream body", async (_name, makeBody) => {
    const body = makeBody();
    const url = new URL(URL_);
    const ours = await signRequest(
      { method: "PUT", url, body },
      { ...credentials, region: "us-east-1", service: "omics", now: SIGNING_DATE },
    );
    const theirs = await sdk.sign(
      {
        method: "PUT",
        protocol: url.protocol,
        hostname: url.hostname,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: { host: url.host },
        body: Readable.from([BODY]),
      },
      { signingDate: SIGNING_DATE },
    );
    expect(ours["x-amz-content-sha256"]).toBe(UNSIGNED_PAYLOAD);
    expect(ours.authorization).toBe(theirs.headers.authorization);
    if (body instanceof ReadableStream) expect(body.locked).toBe(false);
  });
});

describe("signRequest hashes bytes from any realm", () => {
  it("a Uint8Array or ArrayBuffer made in another realm is hashed, not taken for a stream", async () => {
    const sign = (body: Uint8Array | ArrayBuffer) =>
      signRequest(
        { method: "PUT", url: URL_, body },
        { ...credentials, region: "us-east-1", service: "omics", now: SIGNING_DATE },
      );
    const local = await sign(Uint8Array.from([1, 2, 3]));
    expect(local["x-amz-content-sha256"]).not.toBe(UNSIGNED_PAYLOAD);
    expect(await sign(runInNewContext("new Uint8Array([1, 2, 3])") as Uint8Array)).toEqual(local);
    expect(await sign(runInNewContext("new Uint8Array([1, 2, 3]).buffer") as ArrayBuffer)).toEqual(local);
  });
});

describe("verifyStreamingRequest", () => {
  it("UNSIGNED-PAYLOAD: authenticated from the head, chunks handed on untouched", async () => {
    const headers = await oracleSign({
      method: "PUT",
      url: URL_,
      headers: { "x-amz-content-sha256": UNSIGNED_PAYLOAD },
    });
    const verification = expectVerification(verifyStreamingRequest(head(headers), options()));
    expect(verification.payload).toBe("unsigned");
    expect(verification.authenticated).toMatchObject({ ok: true, accountId: ACCOUNT_ID });
    const { fed, delivered, verdict } = feed(verification, BODY);
    expect(delivered).toHaveLength(fed.length);
    for (const [i, chunk] of delivered.entries()) expect(chunk).toBe(fed[i]);
    expect(verdict).toMatchObject({ ok: true });
  });

  it("a sent x-amz-content-sha256: authenticated from the head, the hash checked when the body ends", async () => {
    const headers = await oracleSign({ method: "PUT", url: URL_, body: BODY });
    const good = expectVerification(verifyStreamingRequest(head(headers), options()));
    expect(good.payload).toBe("sha256");
    expect(good.authenticated?.ok).toBe(true);
    expect(feed(good, BODY).verdict).toMatchObject({ ok: true, accessKeyId: ACCESS_KEY_ID });

    const bad = expectVerification(verifyStreamingRequest(head(headers), options()));
    const forged = BODY.slice();
    forged[150_000] = 0;
    expect(feed(bad, forged).verdict).toMatchObject({
      ok: false,
      code: "XAmzContentSHA256Mismatch",
      httpStatus: 400,
    });
  });

  it("botocore's header-less signed body: not authenticated until the body has ended and matched", async () => {
    const headers = await oracleSign({ method: "PUT", url: URL_, body: BODY }, { applyChecksum: false });
    expect(headers["x-amz-content-sha256"]).toBeUndefined();
    const good = expectVerification(verifyStreamingRequest(head(headers), options()));
    expect(good.payload).toBe("signed-body");
    expect(good.authenticated).toBeUndefined();
    expect(feed(good, BODY).verdict).toMatchObject({ ok: true, accessKeyId: ACCESS_KEY_ID });

    const bad = expectVerification(verifyStreamingRequest(head(headers), options()));
    expect(feed(bad, BODY.subarray(1)).verdict).toMatchObject({ ok: false, code: "SignatureDoesNotMatch" });
  });

  it("refuses a bad head before any body byte: wrong secret, aws-chunked, expired", async () => {
    const wrongSecret = await oracleSign(
      { method: "PUT", url: URL_, headers: { "x-amz-content-sha256": UNSIGNED_PAYLOAD } },
      { secretAccessKey: "wrong" },
    );
    expect(verifyStreamingRequest(head(wrongSecret), options())).toMatchObject({
      ok: false,
      code: "SignatureDoesNotMatch",
    });
    const chunked = await oracleSign({
      method: "PUT",
      url: URL_,
      headers: { "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" },
    });
    expect(verifyStreamingRequest(head(chunked), options())).toMatchObject({
      ok: false,
      code: "XAmzContentSHA256Mismatch",
      message: expect.stringMatching(/aws-chunked payload signing is not supported/),
    });
    const signed = await oracleSign({ method: "PUT", url: URL_, body: BODY });
    expect(
      verifyStreamingRequest(head(signed), options({ now: new Date(SIGNING_DATE.getTime() + 3_600_000) })),
    ).toMatchObject({
      ok: false,
      code: "RequestExpired",
    });
  });
});

describe("UploadReadSetPart from @aws-sdk/client-omics, streamed and verified without buffering", () => {
  const outcomes: { mode: string; bytes: number; error?: string }[] = [];

  const { port } = localServer(async (request, response) => {
    const url = request.url ?? "/";
    const query = url.indexOf("?");
    const verification = verifyStreamingRequest(
      {
        method: request.method ?? "PUT",
        path: url.slice(0, query),
        query: url.slice(query + 1),
        headers: request.headers,
      },
      options({ now: undefined }),
    );
    if (!verification.ok) {
      request.resume();
      response.writeHead(verification.httpStatus, { "x-amzn-ErrorType": verification.errorType }).end("{}");
      return;
    }
    let bytes = 0;
    try {
      for await (const chunk of verifiedBody(request, verification)) bytes += chunk.length;
      outcomes.push({ mode: verification.payload, bytes });
      response.writeHead(200, { "content-type": "application/json" }).end('{"checksum":"abc"}');
    } catch (error) {
      outcomes.push({ mode: verification.payload, bytes, error: (error as Error).message });
      response.writeHead(400).end("{}");
    }
  });

  it("signs the streamed part UNSIGNED-PAYLOAD (the operation's aws.auth#unsignedPayload) and it verifies", async () => {
    const omics = new OmicsClient({
      region: "us-east-1",
      endpoint: `http://127.0.0.1:${port()}`,
      credentials,
      disableHostPrefix: true,
      maxAttempts: 1,
    });
    const part = 3 * 1024 * 1024;
    let produced = 0;
    const body = new Readable({
      read() {
        const size = Math.min(65_536, part - produced);
        produced += size;
        this.push(size > 0 ? Buffer.alloc(size, 7) : null);
      },
    });
    const output = await omics.send(
      new UploadReadSetPartCommand({
        sequenceStoreId: "1234567890",
        uploadId: "1234567890",
        partSource: "SOURCE1",
        partNumber: 1,
        payload: body,
      }),
    );
    expect(output.checksum).toBe("abc");
    expect(outcomes.at(-1)).toEqual({ mode: "unsigned", bytes: part });
  });
});
