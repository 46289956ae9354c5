// @httpChecksumRequired: the base64 MD5 of a request body, for its Content-MD5 header (RFC 1864).
// Written out here because Web Crypto has no MD5; only operations with the trait import it.
import { toBase64 } from "./base64.js";
import { type BodyFilter, setHeader } from "./body-filters.js";

// Per-round shift amounts and the sine-derived constants of RFC 1321.
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

/** RFC 1321 MD5 of `bytes`. */
export function md5(bytes: Uint8Array): Uint8Array {
  const length = bytes.length;
  // The message, a 1 bit, zeros to 56 mod 64 bytes, and the bit length as a 64-bit little-endian number.
  const padded = new Uint8Array((((length + 8) >> 6) + 1) * 64);
  padded.set(bytes);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, (length * 8) >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor(length / 2 ** 29), true);
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let offset = 0; offset < padded.length; offset += 64) {
    let [a, b, c, d] = state as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      const f =
        round === 0
          ? (b & c) | (~b & d)
          : round === 1
            ? (d & b) | (~d & c)
            : round === 2
              ? b ^ c ^ d
              : c ^ (b | ~d);
      const g =
        round === 0 ? i : round === 1 ? (5 * i + 1) & 15 : round === 2 ? (3 * i + 5) & 15 : (7 * i) & 15;
      const sum = (a + f + (K[i] as number) + view.getUint32(offset + g * 4, true)) | 0;
      const shift = SHIFTS[(round << 2) | (i & 3)] as number;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
    }
    state[0] = (state[0]! + a) | 0;
    state[1] = (state[1]! + b) | 0;
    state[2] = (state[2]! + c) | 0;
    state[3] = (state[3]! + d) | 0;
  }
  const digest = new Uint8Array(16);
  const out = new DataView(digest.buffer);
  for (let i = 0; i < 4; i++) out.setUint32(i * 4, state[i] as number, true);
  return digest;
}

/** Sets the body's Content-MD5 header. */
export const contentMd5: BodyFilter = (body, headers) => {
  setHeader(headers, "content-md5", toBase64(md5(body)) as string);
  return body;
};
