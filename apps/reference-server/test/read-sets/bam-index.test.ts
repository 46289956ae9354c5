import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BamFile } from "@gmod/bam";
import { afterAll, describe, expect, it } from "vitest";
import { buildBamIndex, reg2bin } from "../../src/read-sets/analysis/bam-index.js";
import { chunked, FIXTURES, fixture } from "./fixture-sources.js";

const dir = mkdtempSync(path.join(tmpdir(), "seqstore-bai-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Record names GMOD's BAM reader finds in a region through an index. */
async function namesIn(bam: BamFile, ref: string, start: number, end: number): Promise<string[]> {
  return (await bam.getRecordsForRange(ref, start, end)).map((record) => record.name).sort();
}

describe("BAI index of a coordinate-sorted BAM", () => {
  it("bins as the specification's reg2bin does", () => {
    expect(reg2bin(0, 1)).toBe(4681);
    expect(reg2bin(16384, 16385)).toBe(4682);
    expect(reg2bin(0, 16385)).toBe(585);
    expect(reg2bin(0, 1 << 29)).toBe(0);
  });

  // Our index and samtools' (made by make-fixtures.sh) must send GMOD's reader to the same records.
  it.each([
    ["ce1000.sorted.bam", [["CHROMOSOME_I", 1_009_800]]],
    [
      "multi.sorted.bam",
      [
        ["chrA", 3_000_000],
        ["chrB", 600_000],
        ["chrEmpty", 1000],
        ["chrC", 200_000],
      ],
    ],
  ] as const)("%s: every region query answers as with samtools' index", async (name, references) => {
    const result = await buildBamIndex(chunked(fixture(name), 4096));
    if (!("index" in result)) throw new Error(result.notSorted);
    const ours = path.join(dir, `${name}.bai`);
    writeFileSync(ours, result.index);
    const withOurs = new BamFile({ bamPath: path.join(FIXTURES, name), baiPath: ours });
    const withSamtools = new BamFile({
      bamPath: path.join(FIXTURES, name),
      baiPath: path.join(FIXTURES, `${name}.bai`),
    });
    await withOurs.getHeader();
    await withSamtools.getHeader();
    let checked = 0;
    let seed = 1;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (const [ref, length] of references) {
      const regions: [number, number][] = [[0, length]];
      for (let i = 0; i < 40; i++) {
        const start = Math.floor(random() * length);
        regions.push([start, Math.min(length, start + 1 + Math.floor(random() * 200_000))]);
      }
      for (const [start, end] of regions) {
        const expected = await namesIn(withSamtools, ref, start, end);
        expect(await namesIn(withOurs, ref, start, end)).toEqual(expected);
        checked += expected.length;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it("an unsorted BAM has no index, and says why", async () => {
    // unsorted.bam: r0 on chrB, then r1 on chrC, then r2 on chrB again.
    expect(await buildBamIndex(chunked(fixture("unsorted.bam"), 100))).toEqual({
      notSorted: "record 3 comes before the one above it in coordinate order",
    });
  });

  it("a BAM cut short is refused", async () => {
    const bam = fixture("multi.sorted.bam");
    await expect(buildBamIndex(chunked(bam.subarray(0, bam.length - 28), 4096))).rejects.toThrow(
      "cannot index: the file ends without BGZF's end-of-file block",
    );
    await expect(buildBamIndex(chunked(bam.subarray(0, 70_000), 4096))).rejects.toThrow(
      /cannot index: the file ends inside the block/,
    );
  });
});
