// Request IDs (x-amzn-RequestId): random UUIDs, as AWS sends. crypto.randomUUID builds each one by
// concatenating 20 pieces, a string every header check and socket write then has to flatten; these are
// written as ASCII bytes and read back as one flat string, from a pool of random bytes refilled rarely.
import { randomFillSync } from "node:crypto";

const BYTES_PER_ID = 16;
const IDS_PER_POOL = 4096;
const HEX_DIGITS = Buffer.from("0123456789abcdef", "latin1");
const DASH = 0x2d;

const pool = Buffer.alloc(BYTES_PER_ID * IDS_PER_POOL);
let taken = pool.length;
const text = Buffer.alloc(36);

/** A new version 4 UUID in lowercase hex (122 random bits from the CSPRNG), e.g. for x-amzn-RequestId. */
export function newRequestId(): string {
  if (taken === pool.length) {
    randomFillSync(pool);
    taken = 0;
  }
  let out = 0;
  for (let i = 0; i < BYTES_PER_ID; i++) {
    let byte = pool[taken + i]!;
    // RFC 9562: version 4 in the high nibble of byte 6, variant 10 in the top bits of byte 8.
    if (i === 6) byte = (byte & 0x0f) | 0x40;
    else if (i === 8) byte = (byte & 0x3f) | 0x80;
    if (i === 4 || i === 6 || i === 8 || i === 10) text[out++] = DASH;
    text[out++] = HEX_DIGITS[byte >> 4]!;
    text[out++] = HEX_DIGITS[byte & 0x0f]!;
  }
  taken += BYTES_PER_ID;
  return text.toString("latin1", 0, out);
}
