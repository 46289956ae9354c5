import { describe, expect, it } from "vitest";
import { signRequest } from "../src/index.js";
import { verifyRequest } from "../src/verify/index.js";
import {
  ACCESS_KEY_ID,
  ACCOUNT_ID,
  type OracleOptions,
  oracleSign,
  received,
  SECRET_ACCESS_KEY,
  SIGNING_DATE,
  type TestRequest,
} from "./oracle.js";
import { BINARY_BODY, signingCases as cases } from "./cases.js";

async function ourSign(request: TestRequest, options: OracleOptions = {}) {
  return signRequest(
    { method: request.method, url: request.url, headers: request.headers, body: request.body },
    {
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET_ACCESS_KEY,
      sessionToken: options.sessionToken,
      region: options.region ?? "us-east-1",
      service: options.service ?? "omics",
      now: options.date ?? SIGNING_DATE,
    },
  );
}

function lowerCaseKeys(headers: Record<string, string>) {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

describe("signRequest matches the AWS SDK signer byte for byte", () => {
  it.each(cases)("$name", async ({ request, options }) => {
    const ours = await ourSign(request, options);
    const theirs = lowerCaseKeys(await oracleSign(request, options));
    expect(ours.authorization).toBe(theirs.authorization);
    expect(ours["x-amz-date"]).toBe(theirs["x-amz-date"]);
    expect(ours["x-amz-content-sha256"]).toBe(theirs["x-amz-content-sha256"]);
    expect(ours["x-amz-security-token"]).toBe(theirs["x-amz-security-token"]);
  });
});

describe("signRequest output", () => {
  it("is accepted by our verifier", async () => {
    const request = cases[0]!.request;
    const headers = await ourSign(request);
    const result = verifyRequest(received(request.url, request.method, headers, request.body), {
      service: "omics",
      lookupSecret: () => ({ secretAccessKey: SECRET_ACCESS_KEY, accountId: ACCOUNT_ID }),
      now: SIGNING_DATE,
    });
    expect(result).toMatchObject({ ok: true, accessKeyId: ACCESS_KEY_ID, accountId: ACCOUNT_ID });
  });

  it("keeps the caller's headers, lowercases names and leaves host to fetch", async () => {
    const headers = await ourSign({ method: "GET", url: "https://example.com/", headers: { Accept: "x/y" } });
    expect(Object.keys(headers).sort()).toEqual([
      "accept",
      "authorization",
      "x-amz-content-sha256",
      "x-amz-date",
    ]);
    expect(headers.accept).toBe("x/y");
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20240101\/us-east-1\/omics\/aws4_request, SignedHeaders=accept;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it("replaces a stale authorization and date when re-signing (retries)", async () => {
    const first = await ourSign({ method: "GET", url: "https://example.com/" });
    const later = new Date(SIGNING_DATE.getTime() + 60_000);
    const second = await ourSign(
      { method: "GET", url: "https://example.com/", headers: first },
      { date: later },
    );
    const fresh = await ourSign({ method: "GET", url: "https://example.com/" }, { date: later });
    expect(second.authorization).toBe(fresh.authorization);
    expect(second["x-amz-date"]).toBe("20240101T000100Z");
  });

  it("signs UNSIGNED-PAYLOAD when asked, like the SDK for @unsignedPayload operations", async () => {
    const request = { method: "PUT", url: "https://example.com/upload", body: "data" };
    const ours = await signRequest(request, {
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET_ACCESS_KEY,
      region: "us-east-1",
      service: "omics",
      now: SIGNING_DATE,
      unsignedPayload: true,
    });
    const theirs = await oracleSign({ ...request, headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" } });
    expect(ours["x-amz-content-sha256"]).toBe("UNSIGNED-PAYLOAD");
    expect(ours.authorization).toBe(theirs.authorization);
  });

  it("accepts an ArrayBuffer body like the equivalent Uint8Array", async () => {
    const url = "https://example.com/part";
    const fromView = await signRequest(
      { method: "PUT", url, body: BINARY_BODY },
      {
        accessKeyId: ACCESS_KEY_ID,
        secretAccessKey: SECRET_ACCESS_KEY,
        region: "r",
        service: "s",
        now: SIGNING_DATE,
      },
    );
    const fromBuffer = await signRequest(
      { method: "PUT", url, body: BINARY_BODY.slice().buffer },
      {
        accessKeyId: ACCESS_KEY_ID,
        secretAccessKey: SECRET_ACCESS_KEY,
        region: "r",
        service: "s",
        now: SIGNING_DATE,
      },
    );
    expect(fromBuffer.authorization).toBe(fromView.authorization);
  });
});
