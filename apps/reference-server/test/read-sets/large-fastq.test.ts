import { describe, expect, it } from "vitest";
import { analyzeFastq } from "../../src/read-sets/analysis/fastq.js";

const MiB = 1024 * 1024;

/** A block of whole 150 bp FASTQ records, about 1 MiB. */
function recordBlock(): { block: Buffer; reads: number } {
  const bases = "ACGTTGCAAC".repeat(15);
  const quality = "IIIIHHHGGF".repeat(15);
  const records: string[] = [];
  let size = 0;
  for (let i = 0; size < MiB - 400; i++) {
    const record = `@read${i} length=150\n${bases}\n+\n${quality}\n`;
    records.push(record);
    size += record.length;
  }
  return { block: Buffer.from(records.join(""), "latin1"), reads: records.length };
}

describe("a 256 MiB FASTQ, generated on the fly", () => {
  it("is counted in one pass with memory that does not grow with the file", async () => {
    const { block, reads } = recordBlock();
    const blocks = Math.ceil((256 * MiB) / block.length);
    const before = process.memoryUsage().rss;
    let peak = before;
    async function* generate() {
      for (let i = 0; i < blocks; i++) {
        if (i % 16 === 0) peak = Math.max(peak, process.memoryUsage().rss);
        yield block;
      }
    }
    const summary = await analyzeFastq(generate(), { label: "SOURCE1", family: "MD5up" });
    expect(summary.readCount).toBe(reads * blocks);
    expect(summary.baseCount).toBe(reads * blocks * 150);
    expect(peak - before).toBeLessThan(32 * MiB);
  });
});
