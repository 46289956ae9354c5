import { describe, expect, it } from "vitest";
import { analyzeReadSet } from "../../src/read-sets/analysis/analyze-read-set.js";
import {
  ETagHasher,
  eTagAlgorithm,
  parseAnnouncedDigest,
  partChecksumMatches,
  partChecksumOf,
  READ_SET_FILE_TYPES,
} from "../../src/read-sets/digests.js";
import { fixture, memorySource } from "./fixture-sources.js";

describe("ETag hashers", () => {
  // The published test vectors of each hash: RFC 1321 appendix A.5 (MD5) and FIPS 180-2 appendix B/C
  // ("abc"), so the family-to-hash mapping is checked against the standards, not against node itself.
  const vectors: [ConstructorParameters<typeof ETagHasher>[0], string, string][] = [
    ["MD5up", "", "d41d8cd98f00b204e9800998ecf8427e"],
    ["MD5up", "abc", "900150983cd24fb0d6963f7d28e17f72"],
    ["SHA256up", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    [
      "SHA512up",
      "abc",
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
    ],
  ];
  it.each(vectors)("%s of %j", (family, text, digest) => {
    const hasher = new ETagHasher(family);
    // Incremental: byte by byte gives the one-shot digest.
    for (const ch of text) hasher.update(ch);
    expect(hasher.digest()).toBe(digest);
    expect(hasher.digest()).toBe(digest);
    expect(() => hasher.update("x")).toThrow("after digest()");
  });

  it("names the algorithm as the API does; uBAM uses BAM's", () => {
    expect(READ_SET_FILE_TYPES.map((type) => eTagAlgorithm(type, "SHA256up"))).toEqual([
      "FASTQ_SHA256up",
      "BAM_SHA256up",
      "BAM_SHA256up",
      "CRAM_SHA256up",
    ]);
    expect(() => new ETagHasher("CRC32up" as never)).toThrow('unknown eTagAlgorithmFamily "CRC32up"');
    expect(() => new ETagHasher("toString" as never)).toThrow('unknown eTagAlgorithmFamily "toString"');
  });

  // Derived vectors: `md5sum`/`sha256sum r1.fq` and `samtools view ce5.bam | md5sum` run when the fixtures
  // were made. FASTQ_*up hashes the uncompressed file, so the gzip file has the plain file's ETag; BAM_*up
  // hashes the alignment section as SAM text.
  it.each([
    ["FASTQ", "MD5up", "r1.fq", "c0f38afc0194d9d791d875ea7fbe2a9b"],
    ["FASTQ", "MD5up", "r1.fq.gz", "c0f38afc0194d9d791d875ea7fbe2a9b"],
    ["FASTQ", "MD5up", "r1.multi-member.fq.gz", "c0f38afc0194d9d791d875ea7fbe2a9b"],
    ["FASTQ", "SHA256up", "r1.fq.gz", "368bdfa0eae531e343bc708fa42a54ab2b61dc8116a5c93c26b0bc1e7e73cf71"],
    ["BAM", "MD5up", "ce5.bam", "5364f430d2646252c2604491dd388eac"],
  ] as const)("%s %s ETag of %s", async (fileType, family, name, digest) => {
    const analysis = await analyzeReadSet({ fileType, family, source1: memorySource(fixture(name), 50) });
    expect(analysis.etag.source1).toBe(digest);
  });
});

describe("part checksums", () => {
  it("is the SHA-256 of the part's bytes in hex, within the API's 100-character limit", () => {
    const checksum = partChecksumOf("abc");
    expect(checksum).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(checksum.length).toBeLessThanOrEqual(100);
  });

  it("is the form AWS's CLI examples show (64 hex digits), and Complete may send it back in base64", () => {
    // upload-read-set-part example: "984979b9928ae8d8622286c4a9cd8e99d964a22d59ed0f5722e1733eb280e635";
    // complete-multipart-read-set-upload example: "gaCBQMe+rpCFZxLpoP6gydBoXaKKDA/Vobh5zBDb4W4=" (32 bytes).
    expect(partChecksumOf("any part")).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from("gaCBQMe+rpCFZxLpoP6gydBoXaKKDA/Vobh5zBDb4W4=", "base64")).toHaveLength(32);
    const hexForm = partChecksumOf("abc");
    expect(partChecksumMatches(hexForm, hexForm)).toBe(true);
    expect(partChecksumMatches("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=", hexForm)).toBe(true);
    expect(partChecksumMatches(hexForm.toUpperCase(), hexForm)).toBe(false);
    expect(partChecksumMatches(partChecksumOf("abd"), hexForm)).toBe(false);
  });

  it("checks an announced digest's form before reading any byte", () => {
    expect(parseAnnouncedDigest("md5", "kAFQmDzST7DWlj99KOF/cg==")).toEqual({
      algorithm: "md5",
      base64: "kAFQmDzST7DWlj99KOF/cg==",
    });
    expect(() => parseAnnouncedDigest("md5", "not base64!")).toThrow("is not the base64 of 16 bytes");
    expect(() => parseAnnouncedDigest("sha256", "kAFQmDzST7DWlj99KOF/cg==")).toThrow("of 32 bytes");
    expect(() => parseAnnouncedDigest("crc32" as never, "AAAAAA==")).toThrow(
      'unsupported checksum algorithm "crc32"',
    );
  });
});
