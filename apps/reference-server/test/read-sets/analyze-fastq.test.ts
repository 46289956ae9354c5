import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { analyzeReadSet } from "../../src/read-sets/analysis/analyze-read-set.js";
import { analyzeFastq, FastqCounter } from "../../src/read-sets/analysis/fastq.js";
import { ReadSetFormatError } from "../../src/read-sets/analysis/format-error.js";
import { chunked, EXPECTED_COUNTS, fixture, hex, memorySource } from "./fixture-sources.js";

const r1 = fixture("r1.fq");
const r2 = fixture("r2.fq");

describe("FASTQ analysis (htslib's test FASTQ files)", () => {
  // Counts from htslib's FASTQ reader (samtools import), recorded by fixtures/make-fixtures.sh.
  const r1Counts = { reads: EXPECTED_COUNTS["r1.fq"]!.readCount, bases: EXPECTED_COUNTS["r1.fq"]!.baseCount };

  it.each([
    ["plain", "r1.fq"],
    ["gzip", "r1.fq.gz"],
    ["multi-member gzip", "r1.multi-member.fq.gz"],
  ])("counts reads and bases of %s FASTQ, and hashes the uncompressed text", async (_, name) => {
    for (const chunkSize of [1, 7, 65536]) {
      const summary = await analyzeFastq(chunked(fixture(name), chunkSize), {
        label: "SOURCE1",
        family: "MD5up",
      });
      expect(summary).toEqual({
        readCount: r1Counts.reads,
        baseCount: r1Counts.bases,
        aligned: false,
        eTag: hex("md5", r1),
      });
    }
  });

  it("reads bgzip output (BGZF) as gzip", async () => {
    const summary = await analyzeFastq(chunked(fixture("r2.fq.bgz"), 100), {
      label: "SOURCE2",
      family: "SHA256up",
    });
    expect(summary.readCount).toBe(5);
    expect(summary.eTag).toBe(hex("sha256", r2));
  });

  it("reads multi-line FASTQ, where quality lines may start with '@'", async () => {
    const summary = await analyzeFastq(chunked(fixture("multiline.fq"), 3), {
      label: "SOURCE1",
      family: "MD5up",
    });
    expect([summary.readCount, summary.baseCount]).toEqual([
      EXPECTED_COUNTS["multiline.fq"]!.readCount,
      EXPECTED_COUNTS["multiline.fq"]!.baseCount,
    ]);
  });

  it("pairs two files: reads add up, each source has its own ETag", async () => {
    const analysis = await analyzeReadSet({
      fileType: "FASTQ",
      family: "SHA512up",
      source1: memorySource(r1),
      source2: memorySource(gzipSync(r2)),
      generatedFrom: "1000 Genomes",
    });
    const r2Counts = {
      reads: EXPECTED_COUNTS["r2.fq"]!.readCount,
      bases: EXPECTED_COUNTS["r2.fq"]!.baseCount,
    };
    expect(analysis).toEqual({
      sequenceInformation: {
        totalReadCount: r1Counts.reads + r2Counts.reads,
        totalBaseCount: r1Counts.bases + r2Counts.bases,
        generatedFrom: "1000 Genomes",
        alignment: "UNALIGNED",
      },
      etag: { algorithm: "FASTQ_SHA512up", source1: hex("sha512", r1), source2: hex("sha512", r2) },
    });
  });

  it("refuses a pair whose files hold different numbers of reads", async () => {
    const shorter = Buffer.from(r2.toString("latin1").split("\n").slice(0, 8).join("\n") + "\n", "latin1");
    await expect(
      analyzeReadSet({
        fileType: "FASTQ",
        family: "MD5up",
        source1: memorySource(r1),
        source2: memorySource(shorter),
      }),
    ).rejects.toThrow("SOURCE1 holds 5 reads, SOURCE2 2");
  });
});

describe("FASTQ that is not FASTQ fails with where and why", () => {
  const cases: [string, string, string][] = [
    ["empty file", "", "holds no reads"],
    ["no '@'", "read1\nACGT\n+\nIIII\n", "line 1: a record starts with '@', not 'r'"],
    ["quality shorter at EOF", "@r\nACGT\n+\nII\n", "ends inside a quality string (2 of 4"],
    ["quality longer", "@r\nACGT\n+\nIIIII\n", "line 4, read 1: the quality string is longer"],
    ["no '+' line", "@r\nACGT\n", "ends before the record's '+' line"],
    ["bad base", "@r\nAC GT\n+\nIIIII\n", "' ' is not a base"],
    ["control byte in quality", "@r\nACGT\n+\nII\x01I\n", "byte 0x01 is not a quality character"],
    ["BAM declared as FASTQ", "BAM\x01\0\0\0\0", "a record starts with '@', not 'B'"],
    ["second record broken", "@a\nA\n+\nI\n@b\nAC\n+\nI\n", "ends inside a quality string (1 of 2"],
  ];
  it.each(cases)("%s", async (_, text, message) => {
    const error = await analyzeFastq(chunked(Buffer.from(text, "latin1"), 3), {
      label: "SOURCE1 (FASTQ)",
      family: "MD5up",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadSetFormatError);
    expect((error as Error).message).toContain("SOURCE1 (FASTQ)");
    expect((error as Error).message).toContain(message);
  });

  it("a truncated gzip file fails as gzip", async () => {
    const gz = fixture("r1.fq.gz");
    await expect(
      analyzeFastq(chunked(gz.subarray(0, gz.length - 20), 64), { label: "SOURCE1", family: "MD5up" }),
    ).rejects.toThrow(/SOURCE1: not valid gzip: unexpected end of file/);
  });

  it("accepts CRLF line ends, blank trailing lines and reads without bases", () => {
    const counter = new FastqCounter("x");
    counter.push(Buffer.from("@a\r\nAC\r\n+a\r\nII\r\n@empty\n\n+\n\n\n\n", "latin1"));
    counter.end();
    expect([counter.readCount, counter.baseCount]).toEqual([2, 2]);
  });
});
