import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BamFile } from "@gmod/bam";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type CompletePartRequest,
  CompletionRejectedError,
  completeReadSetUpload,
  planCompletion,
} from "../../src/read-sets/complete-upload.js";
import { PartStore, type PartSource, type StoredPart } from "../../src/read-sets/part-store.js";
import { chunked, FIXTURES, fixture, hex } from "./fixture-sources.js";

const part = (source: PartSource, partNumber: number, checksum = `c${source}${partNumber}`): StoredPart => ({
  source,
  partNumber,
  size: 10,
  checksum,
});
const ask = (
  partSource: PartSource,
  partNumber: number,
  checksum = `c${partSource}${partNumber}`,
): CompletePartRequest => ({
  partSource,
  partNumber,
  checksum,
});

describe("checking a Complete request against the acknowledged parts", () => {
  const stored = [part("SOURCE1", 1), part("SOURCE1", 2), part("SOURCE1", 3), part("SOURCE2", 1)];

  it("orders each source's parts by number and drops acknowledged parts not listed", () => {
    expect(
      planCompletion("FASTQ", stored, [ask("SOURCE1", 2), ask("SOURCE2", 1), ask("SOURCE1", 1)]),
    ).toEqual({
      SOURCE1: [
        { source: "SOURCE1", partNumber: 1, checksum: "cSOURCE11" },
        { source: "SOURCE1", partNumber: 2, checksum: "cSOURCE12" },
      ],
      SOURCE2: [{ source: "SOURCE2", partNumber: 1, checksum: "cSOURCE21" }],
    });
  });

  it("accepts a part's checksum in base64 too, as AWS's CLI example sends it", () => {
    const hexChecksum = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    const base64 = Buffer.from(hexChecksum, "hex").toString("base64");
    expect(
      planCompletion("BAM", [part("SOURCE1", 1, hexChecksum)], [ask("SOURCE1", 1, base64)]).SOURCE1,
    ).toEqual([{ source: "SOURCE1", partNumber: 1, checksum: hexChecksum }]);
  });

  const refusals: [string, CompletePartRequest[], string][] = [
    ["no parts", [], "at least one part"],
    ["a part never uploaded", [ask("SOURCE1", 1), ask("SOURCE1", 4)], "SOURCE1 part 4 was not uploaded"],
    [
      "a wrong checksum",
      [ask("SOURCE1", 1, "other")],
      "SOURCE1 part 1: checksum other does not match the uploaded part's cSOURCE11",
    ],
    [
      "a gap",
      [ask("SOURCE1", 1), ask("SOURCE1", 3)],
      "SOURCE1 part 2 is missing: parts are numbered from 1 without a gap (listed: 1, 3)",
    ],
    ["no part 1", [ask("SOURCE1", 2)], "SOURCE1 part 1 is missing"],
    ["a part listed twice", [ask("SOURCE1", 1), ask("SOURCE1", 1)], "SOURCE1 part 1 is listed twice"],
    ["SOURCE2 alone", [ask("SOURCE2", 1)], "parts must include SOURCE1"],
    ["an unknown source", [ask("SOURCE3" as PartSource, 1)], "SOURCE1 or SOURCE2"],
  ];
  it.each(refusals)("refuses %s", (_, requested, message) => {
    expect(() => planCompletion("FASTQ", stored, requested)).toThrow(CompletionRejectedError);
    expect(() => planCompletion("FASTQ", stored, requested)).toThrow(message);
  });

  it("refuses SOURCE2 for a BAM read set", () => {
    expect(() => planCompletion("BAM", stored, [ask("SOURCE1", 1), ask("SOURCE2", 1)])).toThrow(
      "a BAM read set has no SOURCE2",
    );
  });
});

describe("completing an upload end to end on disk", () => {
  let root: string;
  let store: PartStore;
  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), "seqstore-complete-"));
    store = await PartStore.open(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function upload(
    uploadKey: string,
    source: PartSource,
    bytes: Buffer,
    partSize: number,
  ): Promise<StoredPart[]> {
    const parts: StoredPart[] = [];
    for (let offset = 0, n = 1; offset < bytes.length; offset += partSize, n++) {
      const piece = bytes.subarray(offset, offset + partSize);
      parts.push(
        await store.writePart(
          { uploadKey, source, partNumber: n, body: chunked(piece, 97), expectedLength: piece.length },
          async () => {},
        ),
      );
    }
    return parts;
  }

  it("a gzip FASTQ pair split in parts becomes an ACTIVE read set with AWS's metadata", async () => {
    const stored = [
      ...(await upload("up1", "SOURCE1", fixture("r1.fq.gz"), 200)),
      ...(await upload("up1", "SOURCE2", fixture("r2.fq.bgz"), 300)),
    ];
    const outcome = await completeReadSetUpload({
      store,
      uploadKey: "up1",
      readSetKey: "rs1",
      fileType: "FASTQ",
      family: "MD5up",
      generatedFrom: "htslib test data",
      stored,
      requested: stored.map((p) => ({
        partSource: p.source,
        partNumber: p.partNumber,
        checksum: p.checksum,
      })),
    });
    expect(outcome).toEqual({
      status: "ACTIVE",
      analysis: {
        sequenceInformation: {
          totalReadCount: 10,
          totalBaseCount: 1000,
          generatedFrom: "htslib test data",
          alignment: "UNALIGNED",
        },
        etag: {
          algorithm: "FASTQ_MD5up",
          source1: hex("md5", fixture("r1.fq")),
          source2: hex("md5", fixture("r2.fq")),
        },
      },
      files: {
        source1: { totalParts: 1, partSize: 104_857_600, contentLength: fixture("r1.fq.gz").length },
        source2: { totalParts: 1, partSize: 104_857_600, contentLength: fixture("r2.fq.bgz").length },
      },
    });
    // The stored file is the uploaded file, byte for byte (the read set serves what was uploaded).
    const chunks: Buffer[] = [];
    for await (const chunk of await store.readReadSet("rs1", "SOURCE1")) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(fixture("r1.fq.gz"));
  });

  it("a sorted BAM gets its index, served as GetReadSet's INDEX file and usable by GMOD's reader", async () => {
    const bam = fixture("multi.sorted.bam");
    const stored = await upload("up6", "SOURCE1", bam, 50_000);
    const outcome = await completeReadSetUpload({
      store,
      uploadKey: "up6",
      readSetKey: "rs6",
      fileType: "BAM",
      family: "MD5up",
      stored,
      requested: stored.map((p) => ({
        partSource: p.source,
        partNumber: p.partNumber,
        checksum: p.checksum,
      })),
    });
    if (outcome.status !== "ACTIVE") throw new Error(outcome.statusMessage);
    expect(outcome.files.index).toEqual({
      totalParts: 1,
      partSize: 104_857_600,
      contentLength: outcome.analysis.index!.length,
    });
    const part = await store.readReadSetPart("rs6", "INDEX", 1);
    const chunks: Buffer[] = [];
    for await (const chunk of part.body) chunks.push(chunk as Buffer);
    const downloaded = path.join(root, "downloaded.bai");
    writeFileSync(downloaded, Buffer.concat(chunks));
    const reader = new BamFile({ bamPath: path.join(FIXTURES, "multi.sorted.bam"), baiPath: downloaded });
    const samtoolsIndexed = new BamFile({
      bamPath: path.join(FIXTURES, "multi.sorted.bam"),
      baiPath: path.join(FIXTURES, "multi.sorted.bam.bai"),
    });
    await reader.getHeader();
    await samtoolsIndexed.getHeader();
    const names = async (bamFile: BamFile) =>
      (await bamFile.getRecordsForRange("chrB", 100_000, 300_000)).map((r) => r.name).sort();
    expect(await names(reader)).toEqual(await names(samtoolsIndexed));
    expect((await names(reader)).length).toBeGreaterThan(100);
    await expect(store.readReadSetPart("rs6", "INDEX", 2)).rejects.toThrow(
      "part 2 is beyond the file's last part",
    );
  });

  it("runs again after a crash that came after the move (files already in the read set)", async () => {
    const stored = await upload("up5", "SOURCE1", fixture("ce5.bam"), 300);
    const requested = stored.map((p) => ({
      partSource: p.source,
      partNumber: p.partNumber,
      checksum: p.checksum,
    }));
    // The move happened; the process died before the read set was recorded ACTIVE.
    await store.completeUpload("up5", "rs5", { SOURCE1: stored });
    const input = {
      store,
      uploadKey: "up5",
      readSetKey: "rs5",
      fileType: "BAM" as const,
      family: "MD5up" as const,
    };
    const outcome = await completeReadSetUpload({ ...input, stored, requested });
    expect(outcome).toMatchObject({
      status: "ACTIVE",
      analysis: { sequenceInformation: { totalReadCount: 5, totalBaseCount: 500, alignment: "ALIGNED" } },
      files: { source1: { contentLength: fixture("ce5.bam").length } },
    });
    // Declared as CRAM instead, the resumed completion fails and removes the moved files too.
    const failed = await completeReadSetUpload({ ...input, fileType: "CRAM", stored, requested });
    expect(failed).toMatchObject({ status: "UPLOAD_FAILED" });
    expect(readdirSync(path.join(root, "read-sets"))).toEqual([]);
  });

  it("a BAM uploaded as CRAM fails with the parser's message and leaves no file", async () => {
    const stored = await upload("up2", "SOURCE1", fixture("ce5.bam"), 1000);
    const outcome = await completeReadSetUpload({
      store,
      uploadKey: "up2",
      readSetKey: "rs2",
      fileType: "CRAM",
      family: "MD5up",
      stored,
      requested: [{ partSource: "SOURCE1", partNumber: 1, checksum: stored[0]!.checksum }],
    });
    expect(outcome).toEqual({
      status: "UPLOAD_FAILED",
      statusMessage:
        "SOURCE1 (CRAM): not valid CRAM: the file does not start with CRAM (the file looks like BAM)",
    });
    expect(readdirSync(path.join(root, "uploads"))).toEqual([]);
    expect(readdirSync(path.join(root, "read-sets"))).toEqual([]);
  });

  it("a cut file fails; a rejected request changes nothing", async () => {
    const stored = await upload("up3", "SOURCE1", fixture("ce5.bam"), 200);
    await expect(
      completeReadSetUpload({
        store,
        uploadKey: "up3",
        readSetKey: "rs3",
        fileType: "BAM",
        family: "MD5up",
        stored,
        requested: [{ partSource: "SOURCE1", partNumber: 1, checksum: stored[0]!.checksum }],
      }),
    ).resolves.toMatchObject({ status: "UPLOAD_FAILED" }); // part 1 alone is a cut BAM
    const again = await upload("up4", "SOURCE1", fixture("ce5.bam"), 200);
    await expect(
      completeReadSetUpload({
        store,
        uploadKey: "up4",
        readSetKey: "rs4",
        fileType: "BAM",
        family: "MD5up",
        stored: again,
        requested: [{ partSource: "SOURCE1", partNumber: 2, checksum: again[1]!.checksum }],
      }),
    ).rejects.toThrow("SOURCE1 part 1 is missing");
    expect(await store.listUploadParts("up4")).toEqual(again);
  });
});
