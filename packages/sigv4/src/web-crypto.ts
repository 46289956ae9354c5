import { SCOPE_TERMINATOR } from "./constants.js";
import { toHex, utf8 } from "./encoding.js";

/** Bytes a signer hashes: text is UTF-8 encoded first. */
export type Hashable = string | Uint8Array | ArrayBuffer;

function subtle(): SubtleCrypto {
  const subtleCrypto = globalThis.crypto?.subtle;
  if (!subtleCrypto) {
    throw new Error(
      "SigV4 signing needs Web Crypto (globalThis.crypto.subtle): use Node 20+ or a browser page served over HTTPS.",
    );
  }
  return subtleCrypto;
}

type SubtleCrypto = NonNullable<typeof globalThis.crypto>["subtle"];

function toBytes(data: Hashable): Uint8Array<ArrayBuffer> {
  if (typeof data === "string") return utf8(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  // Copy views over shared or offset buffers so Web Crypto gets exactly the viewed bytes.
  return new Uint8Array(data);
}

export async function sha256Hex(data: Hashable): Promise<string> {
  return toHex(new Uint8Array(await subtle().digest("SHA-256", toBytes(data))));
}

export async function hmacSha256(key: Uint8Array, data: string): Promise<Uint8Array<ArrayBuffer>> {
  const cryptoKey = await subtle().importKey(
    "raw",
    new Uint8Array(key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await subtle().sign("HMAC", cryptoKey, utf8(data)));
}

// Deriving a key costs four HMACs; a client signs many requests with the same scope.
const signingKeyCache = new Map<string, Uint8Array>();
const SIGNING_KEY_CACHE_SIZE = 16;

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request") */
export async function deriveSigningKey(
  secretAccessKey: string,
  shortDate: string,
  region: string,
  service: string,
): Promise<Uint8Array> {
  const cacheKey = JSON.stringify([secretAccessKey, shortDate, region, service]);
  const cached = signingKeyCache.get(cacheKey);
  if (cached) return cached;
  let key: Uint8Array = utf8(`AWS4${secretAccessKey}`);
  for (const part of [shortDate, region, service, SCOPE_TERMINATOR]) key = await hmacSha256(key, part);
  if (signingKeyCache.size >= SIGNING_KEY_CACHE_SIZE) {
    const oldest = signingKeyCache.keys().next().value;
    if (oldest !== undefined) signingKeyCache.delete(oldest);
  }
  signingKeyCache.set(cacheKey, key);
  return key;
}
