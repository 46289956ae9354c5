import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * List pagination tokens: `v1.{payload}.{mac}`, both base64url. The payload is where the next page starts
 * (the creationTime and id of the last store returned); the MAC is HMAC-SHA256 with the database's secret
 * over the payload, the caller's account and a hash of the filter. So a token cannot be forged or edited,
 * and one issued for another account or another filter does not verify. Tokens do not expire: the
 * position they hold stays meaningful (keyset pagination) even after stores are created or deleted.
 */

const VERSION = "v1";

export interface ListPosition {
  creationTime: Date;
  id: string;
}

export interface TokenBinding {
  secret: Uint8Array;
  accountId: string;
  /** A stable hash of the request's filter. */
  filterHash: string;
}

function mac(binding: TokenBinding, payload: string): Buffer {
  return createHmac("sha256", binding.secret)
    .update(`${VERSION}\n${binding.accountId}\n${binding.filterHash}\n${payload}`)
    .digest();
}

export function encodeListToken(binding: TokenBinding, position: ListPosition): string {
  const payload = Buffer.from(
    JSON.stringify({ t: position.creationTime.getTime(), i: position.id }),
  ).toString("base64url");
  return `${VERSION}.${payload}.${mac(binding, payload).toString("base64url")}`;
}

/** The position a token holds, or undefined when it is malformed, altered or bound to something else. */
export function decodeListToken(binding: TokenBinding, token: string): ListPosition | undefined {
  const [version, payload, signature, ...rest] = token.split(".");
  if (version !== VERSION || payload === undefined || signature === undefined || rest.length > 0) {
    return undefined;
  }
  const expected = mac(binding, payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof decoded !== "object" || decoded === null) return undefined;
  const { t, i } = decoded as { t?: unknown; i?: unknown };
  if (typeof t !== "number" || !Number.isSafeInteger(t) || typeof i !== "string") return undefined;
  return { creationTime: new Date(t), id: i };
}
