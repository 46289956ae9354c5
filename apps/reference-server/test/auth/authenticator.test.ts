import { isServiceError, type ProtocolRequest } from "@seqstore/server";
import { describe, expect, it } from "vitest";
import { createAuthenticator } from "../../src/auth/authenticator.js";
import type { AccountCredential } from "../../src/auth/credentials.js";
import { type Signer, signedProtocolRequest } from "./signing.js";

const NOW = new Date("2025-03-04T05:06:07Z");
const ALICE: AccountCredential = {
  accessKeyId: "AKIDALICE",
  secretAccessKey: "alice-secret",
  accountId: "111111111111",
};
const BOB: AccountCredential = {
  accessKeyId: "AKIDBOB",
  secretAccessKey: "bob-secret",
  accountId: "222222222222",
};
const BODY = '{"name":"signed"}';

const authenticate = createAuthenticator({
  mode: "sigv4",
  credentials: [ALICE, BOB],
  region: "us-east-1",
  accountId: "999999999999",
  now: () => NOW,
});

function refusal(request: ProtocolRequest): { status: number; name: string; message: string } {
  try {
    authenticate(request);
  } catch (error) {
    if (!isServiceError(error)) throw error;
    return { status: error.httpStatus, name: error.name, message: error.message };
  }
  throw new Error("expected the request to be refused");
}

const alice: Signer = { ...ALICE, now: NOW };

describe("createAuthenticator (sigv4)", () => {
  it.each([
    { who: "Alice", signer: alice, account: ALICE.accountId },
    { who: "Bob", signer: { ...BOB, now: NOW }, account: BOB.accountId },
  ])("maps $who's key to $account", async ({ signer, account }) => {
    const request = await signedProtocolRequest("/sequencestore", BODY, signer);
    expect(authenticate(request)).toEqual({ accountId: account, accessKeyId: signer.accessKeyId });
  });

  it("verifies the raw, still percent-encoded request-target, whatever Host the client used", async () => {
    const target = "/sequencestore?note=a%20b%2Fc&x=%E2%9C%93";
    const request = await signedProtocolRequest(target, BODY, alice, "control-storage-omics.local:9999");
    expect(authenticate(request).accountId).toBe(ALICE.accountId);
  });

  const cases: Array<{ case: string; request: () => Promise<ProtocolRequest>; reason: string }> = [
    {
      case: "no signature at all",
      request: async () => ({
        method: "POST",
        path: "/sequencestore",
        query: {},
        headers: { host: "localhost", "content-type": "application/json" },
        body: Buffer.from(BODY),
      }),
      reason: "MissingAuthenticationToken",
    },
    {
      case: "a malformed Authorization header",
      request: async () => {
        const request = await signedProtocolRequest("/sequencestore", BODY, alice);
        request.headers.authorization = "AWS4-HMAC-SHA256 nonsense";
        return request;
      },
      reason: "IncompleteSignature",
    },
    {
      case: "a wrong secret",
      request: () => signedProtocolRequest("/sequencestore", BODY, { ...alice, secretAccessKey: "guess" }),
      reason: "SignatureDoesNotMatch",
    },
    {
      case: "an unknown access key",
      request: () => signedProtocolRequest("/sequencestore", BODY, { ...alice, accessKeyId: "AKIDMALLORY" }),
      reason: "UnrecognizedClientException",
    },
    {
      case: "another region",
      request: () => signedProtocolRequest("/sequencestore", BODY, { ...alice, region: "eu-west-1" }),
      reason: "InvalidSignature",
    },
    {
      case: "another service",
      request: () => signedProtocolRequest("/sequencestore", BODY, { ...alice, service: "s3" }),
      reason: "InvalidSignature",
    },
    {
      case: "a date 6 minutes old",
      request: () =>
        signedProtocolRequest("/sequencestore", BODY, {
          ...alice,
          now: new Date(NOW.getTime() - 6 * 60_000),
        }),
      reason: "RequestExpired",
    },
    {
      case: "a date 6 minutes ahead",
      request: () =>
        signedProtocolRequest("/sequencestore", BODY, {
          ...alice,
          now: new Date(NOW.getTime() + 6 * 60_000),
        }),
      reason: "RequestExpired",
    },
    {
      case: "a body changed after signing",
      request: async () => ({
        ...(await signedProtocolRequest("/sequencestore", BODY, alice)),
        body: Buffer.from('{"name":"tampered"}'),
      }),
      // The signed x-amz-content-sha256 no longer matches the body.
      reason: "XAmzContentSHA256Mismatch",
    },
    {
      case: "a request-target decoded before verification",
      request: async () => ({
        ...(await signedProtocolRequest("/sequence%73tore", BODY, alice)),
        url: "/sequencestore",
      }),
      reason: "SignatureDoesNotMatch",
    },
  ];

  it.each(cases)("refuses $case with 403 AccessDeniedException ($reason)", async ({ request, reason }) => {
    const refused = refusal(await request());
    expect(refused).toEqual({
      status: 403,
      name: "AccessDeniedException",
      message: expect.stringMatching(new RegExp(`\\(${reason}\\)$`)),
    });
  });

  it("accepts a date 4 minutes off (inside the 5-minute window)", async () => {
    const request = await signedProtocolRequest("/sequencestore", BODY, {
      ...alice,
      now: new Date(NOW.getTime() - 4 * 60_000),
    });
    expect(authenticate(request).accountId).toBe(ALICE.accountId);
  });
});

describe("createAuthenticator (none)", () => {
  it("lets every request, signed or not, act for the configured account", async () => {
    const none = createAuthenticator({
      mode: "none",
      credentials: [],
      region: "us-east-1",
      accountId: "999999999999",
    });
    const unsigned: ProtocolRequest = {
      method: "POST",
      path: "/sequencestore",
      query: {},
      headers: {},
      body: Buffer.alloc(0),
    };
    expect(none(unsigned)).toEqual({ accountId: "999999999999" });
    expect(none(await signedProtocolRequest("/sequencestore", BODY, alice))).toEqual({
      accountId: "999999999999",
    });
  });
});
