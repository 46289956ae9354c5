import { describe, expect, it } from "vitest";
import { type VerifiableRequest, verifyRequest } from "../src/verify/index.js";
import {
  ACCESS_KEY_ID,
  ACCOUNT_ID,
  type OracleOptions,
  oraclePresign,
  received,
  SECRET_ACCESS_KEY,
  SIGNING_DATE,
} from "./oracle.js";

const options = (now: Date) => ({
  service: "omics",
  lookupSecret: (accessKeyId: string) =>
    accessKeyId === ACCESS_KEY_ID ? { secretAccessKey: SECRET_ACCESS_KEY, accountId: ACCOUNT_ID } : undefined,
  now,
});

const at = (seconds: number) => new Date(SIGNING_DATE.getTime() + seconds * 1000);

async function presigned(expiresIn = 3600, signOptions: OracleOptions = {}): Promise<VerifiableRequest> {
  const request = { method: "GET", url: "https://example.com/sequencestore/s%201/readset?max=5&tag=a&tag=b" };
  const { url, headers } = await oraclePresign(request, expiresIn, signOptions);
  return received(url, request.method, headers as Record<string, string>);
}

const editQuery = (request: VerifiableRequest, edit: (query: string) => string) => ({
  ...request,
  query: edit(request.query),
});

describe("presigned URLs (X-Amz-* query parameters)", () => {
  it.each([
    { name: "just signed", now: at(0) },
    { name: "near the end of its lifetime", now: at(3600) },
    { name: "clock 5 minutes behind the signer", now: at(-300) },
  ])("accepts: $name", async ({ now }) => {
    expect(verifyRequest(await presigned(), options(now))).toMatchObject({ ok: true, presigned: true });
  });

  it("accepts temporary credentials with their token", async () => {
    const request = await presigned(60, { sessionToken: "token" });
    expect(request.query).toContain("X-Amz-Security-Token=token");
    expect(verifyRequest(request, options(at(1))).ok).toBe(true);
  });

  it.each([
    {
      name: "expired",
      edit: (query: string) => query,
      now: at(3601),
      code: "RequestExpired",
      message:
        "Signature expired: 20240101T000000Z is now earlier than 20240101T000001Z (20240101T010001Z - 3600 sec.)",
    },
    {
      name: "parameter tampered",
      edit: (query: string) => query.replace("max=5", "max=6"),
      code: "SignatureDoesNotMatch",
    },
    {
      name: "lifetime extended",
      edit: (query: string) => query.replace("X-Amz-Expires=3600", "X-Amz-Expires=7200"),
      code: "SignatureDoesNotMatch",
    },
    {
      name: "signature missing",
      edit: (query: string) => query.replace(/&?X-Amz-Signature=\w+/, ""),
      code: "IncompleteSignature",
      message:
        /^AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature'/,
    },
    {
      name: "lifetime over a week",
      edit: (query: string) => query.replace("X-Amz-Expires=3600", "X-Amz-Expires=604801"),
      code: "InvalidSignature",
      message: "X-Amz-Expires must be less than a week (in seconds) that is 604800.",
    },
    {
      name: "lifetime not a number",
      edit: (query: string) => query.replace("X-Amz-Expires=3600", "X-Amz-Expires=-1"),
      code: "IncompleteSignature",
    },
    {
      name: "other algorithm",
      edit: (query: string) =>
        query.replace("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256"),
      code: "IncompleteSignature",
    },
  ])("rejects: $name → $code", async ({ edit, now, code, message }) => {
    const result = verifyRequest(editQuery(await presigned(), edit), options(now ?? at(1)));
    expect(result).toMatchObject({ ok: false, code });
    if (message !== undefined && !result.ok) {
      if (typeof message === "string") expect(result.message).toBe(message);
      else expect(result.message).toMatch(message);
    }
  });
});
