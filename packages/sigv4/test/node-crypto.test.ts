import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deriveSigningKey, signatureMatches } from "../src/verify/node-crypto.js";

/** The signing key as SigV4 defines it, derived afresh every time. */
function derivedAfresh(secret: string, date: string, region: string, service: string): Buffer {
  let key = createHmac("sha256", `AWS4${secret}`).update(date).digest();
  for (const part of [region, service, "aws4_request"]) key = createHmac("sha256", key).update(part).digest();
  return key;
}

describe("signatureMatches (constant-time check of a hex signature against the MAC)", () => {
  const mac = createHmac("sha256", "key").update("string to sign").digest();
  const hex = mac.toString("hex");
  it.each([
    ["the MAC in lowercase hex", hex, true],
    ["the MAC in uppercase hex (AWS signatures are lowercase)", hex.toUpperCase(), false],
    ["another MAC", createHmac("sha256", "key").update("other").digest("hex"), false],
    ["one digit changed", `${hex.slice(0, 63)}${hex[63] === "0" ? "1" : "0"}`, false],
    ["a prefix of the MAC", hex.slice(0, 62), false],
    ["the MAC plus a digit", `${hex}0`, false],
    ["non-hex characters of the right length", "z".repeat(64), false],
    ["hex that decodes only partly", `${hex.slice(0, 60)}zzzz`, false],
    ["empty", "", false],
  ] as const)("%s", (_name, provided, expected) => {
    expect(signatureMatches(mac, provided)).toBe(expected);
  });
});

describe("deriveSigningKey", () => {
  it("gives each (secret, date, region, service) its own key, however the calls interleave", () => {
    const tuples = [
      ["secret-a", "20240101", "us-east-1", "omics"],
      ["secret-a", "20240102", "us-east-1", "omics"],
      ["secret-b", "20240101", "us-east-1", "omics"],
      ["secret-a", "20240101", "eu-west-1", "omics"],
      ["secret-a", "20240101", "us-east-1", "s3"],
      // Parts that would run together if the cache joined them without lengths.
      ["secret-a2", "0240101", "us-east-1", "omics"],
    ] as const;
    for (const order of [tuples, [...tuples].reverse(), [...tuples, ...tuples]]) {
      for (const [secret, date, region, service] of order) {
        expect(deriveSigningKey(secret, date, region, service).toString("hex")).toBe(
          derivedAfresh(secret, date, region, service).toString("hex"),
        );
        // Asked again at once (the last-derived fast path), the same key.
        expect(deriveSigningKey(secret, date, region, service).toString("hex")).toBe(
          derivedAfresh(secret, date, region, service).toString("hex"),
        );
      }
    }
  });
});
