import * as crypto from "node:crypto";
import { SCOPE_TERMINATOR } from "../constants.js";

const { createHash, createHmac, timingSafeEqual } = crypto;

/** One-shot hashing (Node 20.12 and later) skips building a Hash object per digest. */
const oneShotHash = (
  crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: "hex") => string }
).hash;

export function sha256Hex(data: string | Uint8Array): string {
  return oneShotHash ? oneShotHash("sha256", data, "hex") : createHash("sha256").update(data).digest("hex");
}

export function hmacSha256(key: Uint8Array | string, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

// A server sees few distinct (secret, day, region) triples; deriving costs four HMACs per request.
const signingKeyCache = new Map<string, Buffer>();
const SIGNING_KEY_CACHE_SIZE = 256;

/** The key derived last: a server mostly sees one signer after another with the same scope. */
let lastDerived: {
  secretAccessKey: string;
  shortDate: string;
  region: string;
  service: string;
  key: Buffer;
} = { secretAccessKey: "", shortDate: "", region: "", service: "", key: Buffer.alloc(0) };

export function deriveSigningKey(
  secretAccessKey: string,
  shortDate: string,
  region: string,
  service: string,
) {
  const last = lastDerived;
  if (
    last.shortDate === shortDate &&
    last.secretAccessKey === secretAccessKey &&
    last.region === region &&
    last.service === service &&
    last.key.length > 0
  ) {
    return last.key;
  }
  // Each part prefixed by its length, so no two different tuples share a key.
  const cacheKey = `${secretAccessKey.length}:${secretAccessKey}${shortDate.length}:${shortDate}${region.length}:${region}${service}`;
  let key = signingKeyCache.get(cacheKey);
  if (key === undefined) {
    key = hmacSha256(`AWS4${secretAccessKey}`, shortDate);
    for (const part of [region, service, SCOPE_TERMINATOR]) key = hmacSha256(key, part);
    if (signingKeyCache.size >= SIGNING_KEY_CACHE_SIZE) {
      const oldest = signingKeyCache.keys().next().value;
      if (oldest !== undefined) signingKeyCache.delete(oldest);
    }
    signingKeyCache.set(cacheKey, key);
  }
  lastDerived = { secretAccessKey, shortDate, region, service, key };
  return key;
}

/** Constant-time comparison of two hex signatures (a length difference is not secret). */
export function signaturesEqual(expectedHex: string, providedHex: string): boolean {
  const expected = Buffer.from(expectedHex, "utf8");
  const provided = Buffer.from(providedHex, "utf8");
  return expected.length === provided.length && timingSafeEqual(expected, provided);
}

const LOWER_HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Constant-time check that `providedHex` is the lowercase hex form of the 32-byte `expected` MAC, without
 * writing the MAC out as hex first. Anything but 64 lowercase hex digits never matches (as with the text
 * comparison above: a signature is sent in lowercase hex); whether it has that form is not secret.
 */
export function signatureMatches(expected: Uint8Array, providedHex: string): boolean {
  if (!LOWER_HEX_SHA256.test(providedHex)) return false;
  const provided = Buffer.from(providedHex, "hex");
  return expected.length === provided.length && timingSafeEqual(expected, provided);
}

/**
 * Constant-time equality of two secrets (e.g. session tokens), their lengths included: both sides are
 * hashed first, so the comparison always runs over 32 equal-length bytes and neither an early length
 * check nor the position of the first difference shows in the timing. A missing `provided` never matches.
 */
export function secretsEqual(expected: string, provided: string | undefined): boolean {
  const expectedDigest = createHash("sha256").update(expected, "utf8").digest();
  const providedDigest = createHash("sha256")
    .update(provided ?? "", "utf8")
    .digest();
  return timingSafeEqual(expectedDigest, providedDigest) && provided !== undefined;
}
