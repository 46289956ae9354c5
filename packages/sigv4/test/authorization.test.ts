// readClaimedSignature remembers parsed Credential and SignedHeaders values: the claims must stay exactly
// what a fresh parse gives, whatever order headers arrive in.
import { describe, expect, it } from "vitest";
import { readClaimedSignature } from "../src/verify/authorization.js";

function claim(authorization: string) {
  const result = readClaimedSignature(
    new Map([
      ["authorization", authorization],
      ["x-amz-date", "20240101T000000Z"],
    ]),
    [],
  );
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.claim;
}

const header = (credential: string, signed: string, signature = "ab") =>
  `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=${signed}, Signature=${signature}`;

describe("readClaimedSignature (Authorization header)", () => {
  const cases = [
    ["AKID1/20240101/us-east-1/omics/aws4_request", "host;x-amz-date"],
    ["AKID2/20240102/eu-west-1/omics/aws4_request", "content-type;host;x-amz-date"],
    ["AKID1/20240101/us-east-1/s3/aws4_request", "host"],
  ] as const;

  it("gives each credential and signed-header list its own parse, however often and in whatever order", () => {
    for (const round of [cases, [...cases].reverse(), [...cases, ...cases]]) {
      for (const [credential, signed] of round) {
        const [accessKeyId, date, region, service, terminator] = credential.split("/");
        expect(claim(header(credential, signed))).toMatchObject({
          accessKeyId,
          scope: { date, region, service, terminator },
          signedHeaders: signed.split(";"),
          signature: "ab",
        });
      }
    }
  });

  it("takes the first value of a repeated parameter and ignores unknown ones", () => {
    const parsed = claim(
      "AWS4-HMAC-SHA256 Credential=AKID3/20240101/us-east-1/omics/aws4_request, Foo=bar, " +
        "SignedHeaders=host, Signature=cd, Signature=ef, Credential=OTHER/20240101/us-east-1/omics/aws4_request",
    );
    expect(parsed).toMatchObject({ accessKeyId: "AKID3", signedHeaders: ["host"], signature: "cd" });
  });

  it("names every missing parameter", () => {
    const result = readClaimedSignature(
      new Map([["authorization", "AWS4-HMAC-SHA256 SignedHeaders=host"]]),
      [],
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      /^Authorization header requires 'Credential' parameter\. Authorization header requires 'Signature' parameter\./,
    );
  });
});
