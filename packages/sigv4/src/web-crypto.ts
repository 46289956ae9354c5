import { SCOPE_TERMINATOR } from "./constants.js";
import { toHex, utf8 } from "./encoding.js";

/** Bytes a signer hashes: text is UTF-8 encoded first. */
export type Hashable = string | Uint8Array | ArrayBuffer;

type SubtleCrypto = NonNullable<typeof globalThis.crypto>["subtle"];

function subtle(): SubtleCrypto {
  const subtleCrypto = globalThis.crypto?.subtle;
  // Missing in Node < 20 and on pages not served over HTTPS.
  if (!subtleCrypto) throw new Error("SigV4 signing needs Web Crypto (crypto.subtle)");
  return subtleCrypto;
}

// `new Uint8Array` views an ArrayBuffer and copies a view (over a shared or offset buffer), so
// Web Crypto gets exactly the bytes meant.
const bytesOf = (data: Hashable) => (typeof data === "string" ? utf8(data) : new Uint8Array(data));

export async function sha256Hex(data: Hashable): Promise<string> {
  return toHex(await subtle().digest("SHA-256", bytesOf(data)));
}

export async function hmacSha256(
  key: ArrayBuffer | Uint8Array<ArrayBuffer>,
  data: string,
): Promise<ArrayBuffer> {
  const cryptoKey = await subtle().importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return subtle().sign("HMAC", cryptoKey, utf8(data));
}

// Deriving a key costs four HMACs; a client signs its requests with one secret and scope for a day.
let lastKey: { parts: string; key: ArrayBuffer } | undefined;

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request") */
export async function deriveSigningKey(
  secretAccessKey: string,
  shortDate: string,
  region: string,
  service: string,
): Promise<ArrayBuffer> {
  // JSON: one string that tells every combination of the four apart.
  const parts = JSON.stringify([secretAccessKey, shortDate, region, service]);
  if (lastKey?.parts !== parts) {
    let key: ArrayBuffer | Uint8Array<ArrayBuffer> = utf8(`AWS4${secretAccessKey}`);
    for (const part of [shortDate, region, service, SCOPE_TERMINATOR]) key = await hmacSha256(key, part);
    lastKey = { parts, key: key as ArrayBuffer };
  }
  return lastKey.key;
}
