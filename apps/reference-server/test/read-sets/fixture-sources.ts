import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ReadSetSource } from "../../src/read-sets/analysis/analyze-read-set.js";

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "data");

export function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

/** Counts samtools reported when the fixtures were made (fixtures/make-fixtures.sh). */
export const EXPECTED_COUNTS = JSON.parse(fixture("expected-counts.json").toString("utf8")) as Record<
  string,
  { readCount: number; baseCount: number; mappedPrimary: number }
>;

/** Yields bytes in chunks of a given size, so parsers meet every boundary a network could cut. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, Math.min(i + size, bytes.length));
}

/** A source over bytes in memory, streamed in `chunkSize` pieces. */
export function memorySource(bytes: Uint8Array, chunkSize = 65536): ReadSetSource {
  return {
    stream: async () => chunked(bytes, chunkSize),
    randomAccess: async () => ({
      size: bytes.length,
      read: async (length: number, position: number) =>
        bytes.subarray(Math.min(position, bytes.length), Math.min(position + length, bytes.length)),
      close: async () => {},
    }),
  };
}

export function hex(algorithm: "md5" | "sha256" | "sha512", bytes: Uint8Array | string): string {
  return createHash(algorithm).update(bytes).digest("hex");
}
