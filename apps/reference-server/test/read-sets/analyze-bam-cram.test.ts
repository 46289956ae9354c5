import { crc32, deflateRawSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { analyzeReadSet } from "../../src/read-sets/analysis/analyze-read-set.js";
import { analyzeBam } from "../../src/read-sets/analysis/bam.js";
import { ReadSetFormatError } from "../../src/read-sets/analysis/format-error.js";
import { formatFloat } from "../../src/read-sets/analysis/sam-text.js";
import { chunked, EXPECTED_COUNTS, fixture, hex, memorySource } from "./fixture-sources.js";

const BAMS = ["ce5.bam", "auxf.bam", "ce-supp.bam", "pair.ubam.bam", "long-cigar.bam"];

/** One BGZF block holding `data` (under 64 KiB), as the specification lays it out. */
function bgzfBlock(data: Buffer): Buffer {
  const compressed = deflateRawSync(data);
  const header = Buffer.from([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 6, 0, 0x42, 0x43, 2, 0, 0, 0]);
  header.writeUInt16LE(header.length + compressed.length + 8 - 1, 16);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data), 0);
  trailer.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, compressed, trailer]);
}

/** `samtools view` (no header) output, saved by make-fixtures.sh (gzipped when large). */
function samtoolsView(name: string): Buffer {
  return name === "long-cigar.bam" ? gunzipSync(fixture(`${name}.sam.txt.gz`)) : fixture(`${name}.sam.txt`);
}

describe("BAM and uBAM analysis against samtools", () => {
  it.each(BAMS)("%s: counts match samtools, the ETag hashes samtools view's SAM text", async (name) => {
    const expected = EXPECTED_COUNTS[name]!;
    // The ETag's content as AWS documents it: the alignment section as SAM.
    const samText = samtoolsView(name);
    for (const chunkSize of [1, 13, 65536]) {
      const summary = await analyzeBam(chunked(fixture(name), chunkSize), {
        label: "SOURCE1",
        family: "MD5up",
        unalignedOnly: false,
      });
      expect(summary).toEqual({
        readCount: expected.readCount,
        baseCount: expected.baseCount,
        aligned: expected.mappedPrimary > 0,
        eTag: hex("md5", samText),
      });
    }
  });

  it("formats floats as C's %g does", () => {
    const cases: [number, string][] = [
      [0, "0"],
      [1, "1"],
      [-1, "-1"],
      [0.5, "0.5"],
      [100000, "100000"],
      [1000000, "1e+06"],
      [123456789, "1.23457e+08"],
      [0.0001, "0.0001"],
      [0.00001234, "1.234e-05"],
      [Math.fround(9.9e-19), "9.9e-19"],
      [Math.E, "2.71828"],
      [123.4567, "123.457"],
    ];
    for (const [value, text] of cases) expect(formatFloat(value)).toBe(text);
  });

  it("a BAM read set: sequence information, the BAM ETag and its index", async () => {
    const analysis = await analyzeReadSet({
      fileType: "BAM",
      family: "SHA256up",
      source1: memorySource(fixture("ce5.bam")),
    });
    expect(analysis).toEqual({
      sequenceInformation: { totalReadCount: 5, totalBaseCount: 500, alignment: "ALIGNED" },
      etag: { algorithm: "BAM_SHA256up", source1: hex("sha256", fixture("ce5.bam.sam.txt")) },
      index: expect.any(Buffer),
    });
    const unsorted = await analyzeReadSet({
      fileType: "BAM",
      family: "MD5up",
      source1: memorySource(fixture("unsorted.bam")),
    });
    expect(unsorted.index).toBeUndefined();
    expect(unsorted.indexNote).toBe(
      "not coordinate-sorted: record 3 comes before the one above it in coordinate order",
    );
  });

  it("a uBAM read set uses the BAM algorithm and is unaligned", async () => {
    const analysis = await analyzeReadSet({
      fileType: "UBAM",
      family: "SHA512up",
      source1: memorySource(fixture("pair.ubam.bam")),
    });
    expect(analysis.sequenceInformation).toEqual({
      totalReadCount: 10,
      totalBaseCount: 1000,
      alignment: "UNALIGNED",
    });
    expect(analysis.etag).toEqual({
      algorithm: "BAM_SHA512up",
      source1: hex("sha512", fixture("pair.ubam.bam.sam.txt")),
    });
  });

  it("a uBAM that holds mapped reads is refused", async () => {
    await expect(
      analyzeReadSet({ fileType: "UBAM", family: "MD5up", source1: memorySource(fixture("ce5.bam")) }),
    ).rejects.toThrow(/SOURCE1 \(UBAM\): not valid uBAM: record 1 \(I\) is mapped/);
  });

  it("BAM read sets have one source", async () => {
    await expect(
      analyzeReadSet({
        fileType: "BAM",
        family: "MD5up",
        source1: memorySource(fixture("ce5.bam")),
        source2: memorySource(fixture("ce5.bam")),
      }),
    ).rejects.toThrow("a BAM read set has one source");
  });
});

describe("files that are not what they claim", () => {
  const bam = fixture("ce5.bam");
  const cases: [string, "BAM" | "UBAM" | "CRAM" | "FASTQ", Uint8Array, RegExp][] = [
    ["FASTQ declared as BAM", "BAM", fixture("r1.fq"), /not valid BAM: the file is not BGZF-compressed/],
    [
      "gzip FASTQ declared as BAM",
      "BAM",
      fixture("r1.fq.gz"),
      /not valid BAM: the block at byte 0 is not a BGZF block/,
    ],
    ["CRAM declared as BAM", "BAM", fixture("ce5.v31.cram"), /not BGZF-compressed/],
    [
      "truncated BAM",
      "BAM",
      bam.subarray(0, bam.length - 60),
      /SOURCE1 \(BAM\): not valid BAM: the file ends inside the block at byte \d+/,
    ],
    ["BAM declared as CRAM", "CRAM", bam, /not valid CRAM: the file does not start with CRAM/],
    ["BAM declared as FASTQ", "FASTQ", bam, /not valid FASTQ/],
    ["empty CRAM", "CRAM", Buffer.alloc(0), /not valid CRAM/],
  ];
  it.each(cases)("%s", async (_, fileType, bytes, message) => {
    const error = await analyzeReadSet({ fileType, family: "MD5up", source1: memorySource(bytes) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReadSetFormatError);
    expect((error as Error).message).toMatch(message);
  });

  it.each([
    ["FASTQ", "BAM", "r1.fq", " (the file looks like FASTQ)"],
    ["gzip FASTQ", "BAM", "r1.fq.gz", " (the file looks like gzip FASTQ)"],
    ["CRAM", "UBAM", "ce5.v31.cram", " (the file looks like CRAM)"],
    ["BAM", "FASTQ", "ce5.bam", " (the file looks like BAM)"],
    ["BAM", "CRAM", "pair.ubam.bam", " (the file looks like BAM)"],
    ["a mapped BAM", "UBAM", "ce5.bam", "is mapped; a uBAM holds unaligned reads"],
    [
      "bzip2 FASTQ",
      "FASTQ",
      "BZh91AY&SY",
      "a record starts with '@', not 'B' (the file looks like bzip2 data)",
    ],
    ["zstd FASTQ", "FASTQ", "\x28\xb5\x2f\xfd\x00", "(the file looks like zstd data)"],
    [
      "an expected-values file",
      "BAM",
      "expected-counts.json",
      "not BGZF-compressed (it does not start with a gzip header)",
    ],
  ] as const)(
    "a failure names the type a %s declared %s looks like, when it differs",
    async (_, fileType, name, end) => {
      const error = await analyzeReadSet({
        fileType,
        family: "MD5up",
        source1: memorySource(name.includes(".") ? fixture(name) : Buffer.from(name, "latin1")),
      }).catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(ReadSetFormatError);
      expect((error as Error).message.endsWith(end)).toBe(true);
    },
  );

  it("a BAM cut at a BGZF block boundary fails for its missing end-of-file block", async () => {
    // ce5.bam is one data block and the 28-byte end-of-file block: without the latter it inflates cleanly.
    await expect(
      analyzeBam(chunked(bam.subarray(0, bam.length - 28), 100), {
        label: "SOURCE1",
        family: "MD5up",
        unalignedOnly: false,
      }),
    ).rejects.toThrow("SOURCE1: not valid BAM: the file ends without BGZF's end-of-file block");
  });

  it("a BAM whose records end early (valid BGZF, short data) fails at the record", async () => {
    const raw = gunzipSync(bam);
    const eof = bam.subarray(bam.length - 28);
    const cut = Buffer.concat([bgzfBlock(raw.subarray(0, raw.length - 10)), eof]);
    const records = fixture("ce5.bam.sam.txt").toString("latin1").trimEnd().split("\n").length;
    await expect(
      analyzeBam(chunked(cut, 100), { label: "SOURCE1", family: "MD5up", unalignedOnly: false }),
    ).rejects.toThrow(`the file ends inside record ${records} (`);
  });
});

describe("CRAM analysis with @gmod/cram", () => {
  it.each(["ce5.embedded-ref.cram", "ce5.v31.cram", "pair.unaligned.cram"])(
    "%s: counts match samtools, without a reference",
    async (name) => {
      const expected = EXPECTED_COUNTS[name]!;
      const analysis = await analyzeReadSet({
        fileType: "CRAM",
        family: "MD5up",
        source1: memorySource(name.includes(".") ? fixture(name) : Buffer.from(name, "latin1")),
      });
      expect(analysis).toEqual({
        sequenceInformation: {
          totalReadCount: expected.readCount,
          totalBaseCount: expected.baseCount,
          alignment: expected.mappedPrimary > 0 ? "ALIGNED" : "UNALIGNED",
        },
        etag: { algorithm: "CRAM_MD5up" },
        index: expect.any(Buffer),
      });
    },
  );

  it.each(["ce5.embedded-ref.cram", "ce5.v31.cram", "pair.unaligned.cram", "multi.sorted.cram"])(
    "%s: its CRAI says what samtools index's says, line for line",
    async (name) => {
      const analysis = await analyzeReadSet({
        fileType: "CRAM",
        family: "MD5up",
        source1: memorySource(fixture(name)),
      });
      const expected = gunzipSync(fixture(`${name}.crai`)).toString("latin1");
      expect(gunzipSync(analysis.index!).toString("latin1")).toBe(expected);
      expect(expected.split("\n").length).toBeGreaterThan(1);
    },
  );

  it("a CRAM cut short (no end-of-file container) fails", async () => {
    const cram = fixture("ce5.v31.cram");
    await expect(
      analyzeReadSet({
        fileType: "CRAM",
        family: "MD5up",
        source1: memorySource(cram.subarray(0, cram.length - 38)),
      }),
    ).rejects.toThrow(/not valid CRAM: .*(end-of-file container|past the file's end)/);
  });
});
