// The synthetic FASTQ and download check the 1 GiB tests rely on: the file parses as FASTQ with the counts
// it claims, any range is the same bytes whichever way it is made, and a wrong download is caught at its
// first wrong byte.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { analyzeFastq } from "../../src/read-sets/analysis/fastq.js";
import { compareDownload } from "../support/large-transfer.js";
import { RECORD_LENGTH, syntheticFastq } from "../support/synthetic-fastq.js";

const file = syntheticFastq(5000);

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("syntheticFastq", () => {
  it("is a FASTQ whose read and base counts are what it claims", async () => {
    const summary = await analyzeFastq(file.stream(), { label: "SOURCE1", family: "MD5up" });
    expect([summary.readCount, summary.baseCount]).toEqual([file.readCount, file.baseCount]);
    expect(file.size).toBe(5000 * RECORD_LENGTH);
  });

  it("makes any range the same, streamed or filled, and varies from read to read", async () => {
    const all = await bytesOf(file.stream());
    expect(all.length).toBe(file.size);
    const target = Buffer.alloc(1234);
    file.fill(98_765, target);
    expect(target.equals(all.subarray(98_765, 98_765 + 1234))).toBe(true);
    expect((await bytesOf(file.stream(10_001, 200_003))).equals(all.subarray(10_001, 200_003))).toBe(true);
    const lines = all.toString("latin1").trimEnd().split("\n");
    expect(new Set(lines.filter((_, i) => i % 4 === 0)).size).toBe(5000);
    // Bases start at a hashed offset into a 1 MiB pool: a few of 5000 reads share one by chance.
    expect(new Set(lines.filter((_, i) => i % 4 === 1)).size).toBeGreaterThan(4950);
    expect(() => file.fill(file.size - 10, Buffer.alloc(11))).toThrow(RangeError);
  });
});

describe("compareDownload", () => {
  const partSize = 300_000;
  const parts = Math.ceil(file.size / partSize);
  const served = (change: (part: Buffer, partNumber: number) => Buffer) => async (partNumber: number) => {
    const start = (partNumber - 1) * partSize;
    const bytes = await bytesOf(file.stream(start, Math.min(start + partSize, file.size)));
    return Readable.from([change(bytes, partNumber)]);
  };
  const md5 = async () =>
    createHash("md5")
      .update(await bytesOf(file.stream()))
      .digest("hex");

  it("finds nothing wrong in a faithful download", async () => {
    expect(
      await compareDownload(
        file,
        parts,
        partSize,
        served((b) => b),
      ),
    ).toEqual({
      bytes: file.size,
      md5: await md5(),
      firstDifference: undefined,
    });
  });

  it("reports the first changed byte's file offset", async () => {
    const result = await compareDownload(
      file,
      parts,
      partSize,
      served((b, n) => {
        if (n === 2) b[777] = b[777]! ^ 1;
        return b;
      }),
    );
    expect(result.firstDifference).toEqual({ offset: partSize + 777, partNumber: 2, what: "byte" });
  });

  it("reports a short part and a long one", async () => {
    const short = await compareDownload(
      file,
      parts,
      partSize,
      served((b, n) => (n === 1 ? b.subarray(0, 10) : b)),
    );
    expect(short.firstDifference).toEqual({ offset: 10, partNumber: 1, what: "length" });
    const long = await compareDownload(
      file,
      parts,
      partSize,
      served((b, n) => (n === 3 ? Buffer.concat([b, Buffer.from("x")]) : b)),
    );
    expect(long.firstDifference).toEqual({
      offset: 3 * partSize,
      partNumber: 3,
      what: "part longer than its range",
    });
  });
});
