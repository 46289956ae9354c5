import * as crypto from "node:crypto";
import { SCOPE_TERMINATOR } from "../constants.js";

const { createHash, createHmac, timingSafeEqual } = crypto;

/** One-shot hashing (Node 20.12 and later) skips building a Hash object per digest. */
const oneShotHash = (
  crypto as {
    hash?: (algorithm: string, data: string | Uint8Array, encoding: "hex" | "latin1") => string;
  }
).hash;

export function sha256Hex(data: string | Uint8Array): string {
  return oneShotHash ? oneShotHash("sha256", data, "hex") : createHash("sha256").update(data).digest("hex");
}

const BLOCK_BYTES = 64;
const DIGEST_BYTES = 32;
/** Room behind the inner pad for the data: a string-to-sign or chunk string-to-sign fits many times over. */
const DATA_ROOM = 1024;

/**
 * An HMAC-SHA256 key as its two padded blocks (RFC 2104), each followed by room for what is hashed after
 * it. HMAC is then two one-shot hashes: Node's Hmac object costs more to set up per call than both together.
 */
interface PaddedKey {
  readonly inner: Buffer;
  readonly outer: Buffer;
}

const paddedKeys = new WeakMap<Uint8Array, PaddedKey>();

function paddedKey(key: Uint8Array): PaddedKey {
  let padded = paddedKeys.get(key);
  if (padded === undefined) {
    const block = Buffer.alloc(BLOCK_BYTES);
    if (key.length > BLOCK_BYTES) block.set(createHash("sha256").update(key).digest());
    else block.set(key);
    const inner = Buffer.alloc(BLOCK_BYTES + DATA_ROOM);
    const outer = Buffer.alloc(BLOCK_BYTES + DIGEST_BYTES);
    for (let i = 0; i < BLOCK_BYTES; i++) {
      inner[i] = block[i]! ^ 0x36;
      outer[i] = block[i]! ^ 0x5c;
    }
    padded = { inner, outer };
    paddedKeys.set(key, padded);
  }
  return padded;
}

/** The padded-block HMAC when it applies (a Buffer key, data that fits the room); undefined otherwise. */
function paddedHmac(key: Uint8Array | string, data: string, encoding: "hex" | "latin1"): string | undefined {
  // Three bytes per UTF-16 unit at most: data this short always fits the room.
  if (!oneShotHash || typeof key === "string" || data.length * 3 > DATA_ROOM) return undefined;
  const { inner, outer } = paddedKey(key);
  const length = inner.write(data, BLOCK_BYTES, "utf8");
  outer.write(
    oneShotHash("sha256", inner.subarray(0, BLOCK_BYTES + length), "latin1"),
    BLOCK_BYTES,
    "latin1",
  );
  return oneShotHash("sha256", outer, encoding);
}

/**
 * HMAC-SHA256 of `data` (UTF-8). Buffer keys (derived signing keys, which a server reuses for every
 * request of a day) take the padded-block path; string keys and data too long for its room take Node's Hmac.
 */
export function hmacSha256(key: Uint8Array | string, data: string): Buffer {
  const mac = paddedHmac(key, data, "latin1");
  return mac === undefined
    ? createHmac("sha256", key).update(data, "utf8").digest()
    : Buffer.from(mac, "latin1");
}

/** hmacSha256 as lowercase hex, the form signatures travel in. */
export function hmacSha256Hex(key: Uint8Array | string, data: string): string {
  return paddedHmac(key, data, "hex") ?? createHmac("sha256", key).update(data, "utf8").digest("hex");
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

const SIGNATURE_HEX_LENGTH = 2 * DIGEST_BYTES;
/** Both signatures side by side, written there to be compared without allocating. */
const comparison = Buffer.alloc(2 * SIGNATURE_HEX_LENGTH);

/**
 * Constant-time check that `providedHex` is exactly `expectedHex`, the 64 lowercase hex digits of a MAC.
 * Anything else never matches: uppercase or non-hex text is compared as it is and differs; a wrong length
 * (not secret) fails before the comparison.
 */
export function signatureMatches(expectedHex: string, providedHex: string): boolean {
  if (expectedHex.length !== SIGNATURE_HEX_LENGTH || providedHex.length !== SIGNATURE_HEX_LENGTH)
    return false;
  comparison.write(expectedHex, 0, "utf8");
  // A non-ASCII character takes more than one byte: then the text is not 64 bytes and cannot match.
  if (comparison.write(providedHex, SIGNATURE_HEX_LENGTH, "utf8") !== SIGNATURE_HEX_LENGTH) return false;
  return timingSafeEqual(
    comparison.subarray(0, SIGNATURE_HEX_LENGTH),
    comparison.subarray(SIGNATURE_HEX_LENGTH),
  );
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
