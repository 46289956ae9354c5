import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deriveSigningKey, hmacSha256, hmacSha256Hex, signatureMatches } from "../src/verify/node-crypto.js";

/** The signing key as SigV4 defines it, derived afresh every time. */
function derivedAfresh(secret: string, date: string, region: string, service: string): Buffer {
  let key = createHmac("sha256", `AWS4${secret}`).update(date).digest();
  for (const part of [region, service, "aws4_request"]) key = createHmac("sha256", key).update(part).digest();
  return key;
}

describe("signatureMatches (constant-time check of a hex signature against the expected one)", () => {
  const hex = createHmac("sha256", "key").update("string to sign").digest("hex");
  it.each([
    ["the MAC in lowercase hex", hex, true],
    ["the MAC in uppercase hex (AWS signatures are lowercase)", hex.toUpperCase(), false],
    ["another MAC", createHmac("sha256", "key").update("other").digest("hex"), false],
    ["one digit changed", `${hex.slice(0, 63)}${hex[63] === "0" ? "1" : "0"}`, false],
    ["a prefix of the MAC", hex.slice(0, 62), false],
    ["the MAC plus a digit", `${hex}0`, false],
    ["non-hex characters of the right length", "z".repeat(64), false],
    ["hex that decodes only partly", `${hex.slice(0, 60)}zzzz`, false],
    // U+0130 would write as the byte of "0" were the text written as latin1.
    ["a non-ASCII character whose low byte is the digit it replaces", `${hex.slice(0, 63)}\u0130`, false],
    ["empty", "", false],
  ] as const)("%s", (_name, provided, expected) => {
    expect(signatureMatches(hex, provided)).toBe(expected);
    // The comparison leaves nothing behind that a later call could match against.
    expect(signatureMatches(hex, hex)).toBe(true);
  });
});

describe("hmacSha256 and hmacSha256Hex (padded-block path and Node's Hmac agree)", () => {
  const bytes = (length: number, seed: number) =>
    Buffer.from(Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff));
  it.each([
    ["a 32-byte key (a derived signing key)", bytes(32, 1), "AWS4-HMAC-SHA256\n20240101T000000Z\nscope\nabc"],
    ["a key of exactly one block", bytes(64, 2), "data"],
    ["a key longer than a block (hashed first)", bytes(100, 3), "data"],
    ["an empty key", Buffer.alloc(0), "data"],
    ["a string key (Node's Hmac)", "AWS4secret", "20240101"],
    ["empty data", bytes(32, 4), ""],
    ["multi-byte UTF-8 data", bytes(32, 5), "région-é-日本-🧬"],
    ["data longer than the room (Node's Hmac)", bytes(32, 6), "x".repeat(5000)],
    ["data just inside the room", bytes(32, 7), "y".repeat(341)],
  ] as const)("%s", (_name, key, data) => {
    const expected = createHmac("sha256", key).update(data, "utf8").digest();
    expect(hmacSha256(key, data).equals(expected)).toBe(true);
    expect(hmacSha256Hex(key, data)).toBe(expected.toString("hex"));
  });

  it("keeps earlier results intact when the same key signs again", () => {
    const key = bytes(32, 8);
    const first = hmacSha256(key, "a much longer first message than the second");
    const second = hmacSha256(key, "short");
    expect(
      first.equals(createHmac("sha256", key).update("a much longer first message than the second").digest()),
    ).toBe(true);
    expect(second.equals(createHmac("sha256", key).update("short").digest())).toBe(true);
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
