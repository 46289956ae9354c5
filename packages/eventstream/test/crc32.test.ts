import * as zlib from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crc32, crc32Table } from "../src/crc32.js";

const text = (value: string) => new TextEncoder().encode(value);

/** Bit-at-a-time CRC-32, straight from the definition: the reference the table-driven code must match. */
function bitwiseCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe("crc32", () => {
  it.each([
    ["empty", new Uint8Array(0), 0x00000000],
    ["check value 123456789", text("123456789"), 0xcbf43926],
    ["a", text("a"), 0xe8b7be43],
    ["quick brown fox", text("The quick brown fox jumps over the lazy dog"), 0x414fa339],
    ["32 zero bytes", new Uint8Array(32), 0x190a55ad],
    ["32 0xff bytes", new Uint8Array(32).fill(0xff), 0xff6cab0b],
  ])("%s", (_name, bytes, expected) => {
    expect(crc32(bytes)).toBe(expected);
  });

  it("matches the bitwise definition and zlib on any bytes, whole or in two pieces", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (bytes, cut) => {
        const split = bytes.length === 0 ? 0 : cut % (bytes.length + 1);
        const expected = bitwiseCrc32(bytes);
        expect(crc32(bytes)).toBe(expected);
        expect(crc32(bytes, crc32(bytes, 0, 0, split), split)).toBe(expected);
        // The table code alone, at every length (crc32 hands long inputs to zlib where Node has it).
        expect(crc32Table(bytes)).toBe(expected);
        expect(crc32Table(bytes, crc32Table(bytes, 0, 0, split), split)).toBe(expected);
        if (typeof zlib.crc32 === "function") expect(zlib.crc32(bytes)).toBe(expected);
      }),
    );
  });

  it("covers only [start, end) of a view with an offset into its buffer", () => {
    const buffer = text("xx123456789yy");
    const view = buffer.subarray(1, 12);
    expect(crc32(view, 0, 1, 10)).toBe(0xcbf43926);
    const long = new Uint8Array(1000).map((_, i) => i % 256);
    const padded = new Uint8Array(1010);
    padded.set(long, 5);
    expect(crc32(padded, 0, 5, 1005)).toBe(bitwiseCrc32(long));
    expect(crc32Table(padded, 0, 5, 1005)).toBe(bitwiseCrc32(long));
  });
});
