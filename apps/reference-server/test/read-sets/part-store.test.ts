import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { analyzeReadSet } from "../../src/read-sets/analysis/analyze-read-set.js";
import { parseAnnouncedDigest, partChecksumOf } from "../../src/read-sets/digests.js";
import {
  downloadRange,
  fileInformation,
  PartNotSatisfiableError,
} from "../../src/read-sets/download-parts.js";
import {
  AlignedBufferPool,
  type PartWriteMode,
  probeWriteMode,
} from "../../src/read-sets/part-file-writer.js";
import {
  PartMissingError,
  type PartRef,
  PartRejectedError,
  PartStore,
  partFileName,
  type StoredPart,
} from "../../src/read-sets/part-store.js";
import { chunked, fixture } from "./fixture-sources.js";

let root: string;
let store: PartStore;
// Both ways of writing a part file are held to the same behaviour; direct needs O_DIRECT in the temp dir.
const directWrites = await probeWriteMode(tmpdir(), new AlignedBufferPool());
const WRITE_MODES: PartWriteMode[] = ["direct", "buffered"];
/** Each write mode's cases; the direct ones are skipped, saying why, where the filesystem lacks O_DIRECT. */
function describeEachMode(title: string, body: (mode: PartWriteMode) => void): void {
  for (const mode of WRITE_MODES) {
    const unsupported = mode === "direct" && directWrites !== "direct";
    describe.skipIf(unsupported)(
      `${title} (${mode} writes${unsupported ? ": skipped, the temp dir's filesystem has no O_DIRECT" : ""})`,
      () => {
        beforeEach(async () => {
          store = await PartStore.open(root, { maxPartBytes: 1024 * 1024, writeMode: mode });
        });
        body(mode);
      },
    );
  }
}
const noCommit = async () => {};

beforeEach(async () => {
  root = mkdtempSync(path.join(tmpdir(), "seqstore-parts-"));
  store = await PartStore.open(root, { maxPartBytes: 1024 * 1024 });
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Every file under a directory, relative, sorted. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => statSync(path.join(dir, name)).isFile())
    .sort();
}

async function put(
  partNumber: number,
  bytes: Uint8Array,
  extra: Partial<Parameters<PartStore["writePart"]>[0]> = {},
) {
  return store.writePart(
    {
      uploadKey: "u1",
      source: "SOURCE1",
      partNumber,
      body: chunked(bytes, 1000),
      expectedLength: bytes.length,
      ...extra,
    },
    noCommit,
  );
}

async function text(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describeEachMode("writing a part", () => {
  it("stores the bytes durably under a name that carries the checksum, and answers size and checksum", async () => {
    const bytes = randomBytes(5000);
    const part = await put(3, bytes);
    expect(part).toEqual({ source: "SOURCE1", partNumber: 3, size: 5000, checksum: partChecksumOf(bytes) });
    expect(filesUnder(root)).toEqual([`uploads/u1/SOURCE1-00003-${part.checksum}.part`]);
    expect(readFileSync(path.join(root, "uploads/u1", `SOURCE1-00003-${part.checksum}.part`))).toEqual(bytes);
    expect(await store.listUploadParts("u1")).toEqual([part]);
  });

  const refusals: [string, () => Promise<unknown>, string, RegExp][] = [
    [
      "fewer bytes than announced",
      () => put(1, Buffer.alloc(10), { expectedLength: 11 }),
      "length-mismatch",
      /announced 11 bytes but 10 arrived/,
    ],
    [
      "more bytes than announced",
      () => put(1, Buffer.alloc(5000), { expectedLength: 4000 }),
      "length-mismatch",
      /announced 4000 bytes but more arrived/,
    ],
    [
      "an announced length over the limit",
      () => put(1, Buffer.alloc(10), { expectedLength: 2 * 1024 * 1024 }),
      "too-large",
      /exceed the 1048576-byte part limit/,
    ],
    [
      "a body over the limit with no length",
      () => put(1, Buffer.alloc(1024 * 1024 + 1), { expectedLength: undefined }),
      "too-large",
      /exceeds the 1048576-byte part limit/,
    ],
    ["an empty part", () => put(1, Buffer.alloc(0)), "empty", /at least 1 byte/],
    [
      "a wrong Content-MD5",
      () =>
        put(1, Buffer.from("abd"), { announced: parseAnnouncedDigest("md5", "kAFQmDzST7DWlj99KOF/cg==") }),
      "checksum-mismatch",
      /md5 is .* not the announced kAFQmDzST7DWlj99KOF\/cg==/,
    ],
    [
      "part number 0",
      () => put(0, Buffer.from("x")),
      "invalid-argument",
      /partNumber must be an integer from 1 to 10000, not 0/,
    ],
    ["part number 10001", () => put(10_001, Buffer.from("x")), "invalid-argument", /not 10001/],
    [
      "an unknown source",
      () => put(1, Buffer.from("x"), { source: "SOURCE3" as never }),
      "invalid-argument",
      /SOURCE1 or SOURCE2/,
    ],
  ];
  it.each(refusals)("refuses %s and leaves nothing behind", async (_, write, reason, message) => {
    const error = await write().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartRejectedError);
    expect((error as PartRejectedError).reason).toBe(reason);
    expect((error as Error).message).toMatch(message);
    expect(filesUnder(root)).toEqual([]);
  });

  it("accepts a matching Content-MD5 and x-amz-checksum-sha256", async () => {
    const md5 = createHash("md5").update("abc").digest("base64");
    const sha = createHash("sha256").update("abc").digest("base64");
    await expect(
      put(1, Buffer.from("abc"), { announced: parseAnnouncedDigest("md5", md5) }),
    ).resolves.toMatchObject({ size: 3 });
    await expect(
      put(2, Buffer.from("abc"), { announced: parseAnnouncedDigest("sha256", sha) }),
    ).resolves.toMatchObject({ size: 3 });
  });

  it("a body that breaks mid-way (client gone) leaves nothing behind", async () => {
    async function* broken() {
      yield Buffer.alloc(3000);
      throw new Error("socket hang up");
    }
    const error = await store
      .writePart({ uploadKey: "u1", source: "SOURCE1", partNumber: 1, body: broken() }, noCommit)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      reason: "aborted",
      message: expect.stringContaining("after 3000 bytes: socket hang up"),
    });
    expect(filesUnder(root)).toEqual([]);
  });

  it("an error of the server's own is not blamed on the client, and the file goes", async () => {
    async function* odd() {
      yield 5 as unknown as Uint8Array; // hashing it fails inside the writer, not in the body
    }
    const error = await store
      .writePart({ uploadKey: "u1", source: "SOURCE1", partNumber: 1, body: odd() }, noCommit)
      .catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(PartRejectedError);
    expect(error).toBeInstanceOf(TypeError);
    expect(filesUnder(root)).toEqual([]);
  });

  it("stops reading a body it refuses early (a socket stream is destroyed)", async () => {
    const body = Readable.from([
      Buffer.alloc(600 * 1024),
      Buffer.alloc(600 * 1024),
      Buffer.alloc(600 * 1024),
    ]);
    await expect(
      store.writePart(
        { uploadKey: "u1", source: "SOURCE1", partNumber: 1, body, expectedLength: 1000 },
        noCommit,
      ),
    ).rejects.toMatchObject({ reason: "length-mismatch" });
    expect(body.destroyed).toBe(true);
  });

  it("reads the body only as fast as it writes it (backpressure)", async () => {
    const chunk = Buffer.alloc(64 * 1024, 1);
    const sizesSeen: number[] = [];
    async function* body() {
      for (let i = 0; i < 15; i++) {
        // What the writer has put on disk before asking for chunk i.
        const dir = path.join(root, "uploads/u1");
        const temp = readdirSync(dir).find((name) => name.includes(".tmp-"));
        sizesSeen.push(temp ? statSync(path.join(dir, temp)).size : 0);
        yield chunk;
      }
    }
    await store.writePart({ uploadKey: "u1", source: "SOURCE1", partNumber: 1, body: body() }, noCommit);
    // Writes happen per 1 MiB gathered: no chunk is pulled while more than 1 MiB waits unwritten.
    sizesSeen.forEach((written, i) => {
      expect(i * chunk.length - written).toBeLessThanOrEqual(1024 * 1024);
    });
  });
});

describeEachMode("a long part goes to disk while it arrives", (mode) => {
  /** FileHandle's prototype (the class is not exported), to watch the writer's datasyncs. */
  async function fileHandlePrototype(): Promise<{ datasync(): Promise<void> }> {
    const handle = await open(path.join(root, "probe"), "w");
    await handle.close();
    rmSync(path.join(root, "probe"));
    return Object.getPrototypeOf(handle) as { datasync(): Promise<void> };
  }
  const MiB = 1024 * 1024;
  const chunks = () => Array.from({ length: 40 }, (_, i) => Buffer.alloc(MiB, i));
  const fortyMiB = () => Readable.from(chunks());

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("buffered: datasyncs every 16 MiB on the way; direct: once, at the end; the bytes are the part's", async () => {
    const datasync = vi.spyOn(await fileHandlePrototype(), "datasync");
    const big = await PartStore.open(path.join(root, "big"), { writeMode: mode });
    const part = await big.writePart(
      { uploadKey: "big", source: "SOURCE1", partNumber: 1, body: fortyMiB(), expectedLength: 40 * MiB },
      noCommit,
    );
    if (mode === "buffered") {
      expect(datasync.mock.calls.length).toBeGreaterThanOrEqual(1);
      expect(datasync.mock.calls.length).toBeLessThanOrEqual(2);
    } else {
      expect(datasync).toHaveBeenCalledTimes(1);
    }
    const stored = readFileSync(path.join(root, "big/uploads/big", partFileName(part)));
    expect(stored.equals(Buffer.concat(chunks()))).toBe(true);
    const expected = createHash("sha256");
    for (const chunk of chunks()) expected.update(chunk);
    expect(part).toMatchObject({ size: 40 * MiB, checksum: expected.digest("hex") });
  });

  it("a datasync that fails fails the part (a server error, not the client's) and leaves no file", async () => {
    const failure = Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" });
    vi.spyOn(await fileHandlePrototype(), "datasync").mockRejectedValue(failure);
    const big = await PartStore.open(path.join(root, "big"), { writeMode: mode });
    const error = await big
      .writePart(
        { uploadKey: "big", source: "SOURCE1", partNumber: 1, body: fortyMiB(), expectedLength: 40 * MiB },
        noCommit,
      )
      .catch((e: unknown) => e);
    expect(error).toBe(failure);
    expect(filesUnder(path.join(root, "big"))).toEqual([]);
  });
});

describeEachMode("re-uploading a part", () => {
  it("replaces the old bytes once the new part is recorded", async () => {
    const first = await put(1, Buffer.from("first version"));
    const second = await put(1, Buffer.from("second"));
    expect(await store.listUploadParts("u1")).toEqual([second]);
    expect(filesUnder(root)).toEqual([`uploads/u1/SOURCE1-00001-${second.checksum}.part`]);
    expect(first.checksum).not.toBe(second.checksum);
  });

  // Identical bytes share the recorded version's file name: that file must survive the failed re-upload.
  it.each([
    ["other bytes", "first version", "second"],
    ["identical bytes", "same", "same"],
  ])("keeps the recorded part when recording a re-upload of %s fails", async (_, before, after) => {
    const first = await put(1, Buffer.from(before));
    const failing = store.writePart(
      { uploadKey: "u1", source: "SOURCE1", partNumber: 1, body: chunked(Buffer.from(after), 2) },
      async () => {
        throw new Error("database is locked");
      },
    );
    await expect(failing).rejects.toThrow("database is locked");
    expect(await store.listUploadParts("u1")).toEqual([first]);
    expect(
      readFileSync(path.join(root, "uploads/u1", `SOURCE1-00001-${first.checksum}.part`), "latin1"),
    ).toBe(before);
  });

  it("concurrent re-uploads of one part: the file left is the one recorded last", async () => {
    let recorded: StoredPart | undefined;
    const record = async (part: StoredPart) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
      recorded = part;
    };
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        store.writePart(
          {
            uploadKey: "u1",
            source: "SOURCE1",
            partNumber: 1,
            body: chunked(Buffer.from(`version ${i}`), 3),
          },
          record,
        ),
      ),
    );
    expect(await store.listUploadParts("u1")).toEqual([recorded]);
  });
});

describe("completing, reading and deleting a read set", () => {
  const pieces = [Buffer.from("AAAAA"), Buffer.from("BBB"), Buffer.from("CCCCCCC")];
  const whole = Buffer.concat(pieces);

  async function uploadThree(): Promise<PartRef[]> {
    const parts: PartRef[] = [];
    for (const [i, bytes] of pieces.entries()) parts.push(await put(i + 1, bytes));
    return parts;
  }

  it("moves the parts into the read set in one step, read-only, and serves any byte range", async () => {
    const parts = await uploadThree();
    await put(9, Buffer.from("never listed"));
    const manifest = await store.completeUpload("u1", "rs1", { SOURCE1: parts });
    expect(manifest.sources.SOURCE1).toMatchObject({ contentLength: whole.length });
    expect(filesUnder(root).every((name) => name.startsWith("read-sets/rs1/"))).toBe(true);
    expect(filesUnder(root)).toHaveLength(4); // three parts and the manifest; part 9 is gone
    for (const name of filesUnder(path.join(root, "read-sets/rs1"))) {
      expect(statSync(path.join(root, "read-sets/rs1", name)).mode & 0o222).toBe(0);
    }
    expect(statSync(path.join(root, "read-sets/rs1")).mode & 0o222).toBe(0);
    expect(await text(await store.readReadSet("rs1", "SOURCE1"))).toEqual(whole);
    for (let start = 0; start <= whole.length; start++) {
      for (let end = start; end <= whole.length; end++) {
        expect(await text(await store.readReadSet("rs1", "SOURCE1", { start, end }))).toEqual(
          whole.subarray(start, end),
        );
      }
    }
    await expect(store.readReadSet("rs1", "SOURCE1", { start: 0, end: whole.length + 1 })).rejects.toThrow(
      "beyond the file's 15 bytes",
    );
    await expect(store.readReadSet("rs1", "SOURCE2")).rejects.toThrow("read set rs1 has no SOURCE2");
  });

  it("GetReadSet parts map onto the stored parts whatever their upload sizes", async () => {
    await store.completeUpload("u1", "rs1", { SOURCE1: await uploadThree() });
    const info = fileInformation(whole.length, 4);
    const got: Buffer[] = [];
    for (let n = 1; n <= info.totalParts; n++)
      got.push(await text(await store.readReadSet("rs1", "SOURCE1", downloadRange(info, n))));
    expect(got.map((b) => b.length)).toEqual([4, 4, 4, 3]);
    expect(Buffer.concat(got)).toEqual(whole);
  });

  it("serves GetReadSet parts with their FileInformation, and 416 past the last", async () => {
    await store.completeUpload("u1", "rs1", { SOURCE1: await uploadThree() });
    const part = await store.readReadSetPart("rs1", "SOURCE1", 1);
    expect(part.file).toEqual({ totalParts: 1, partSize: 104_857_600, contentLength: 15 });
    expect(part.contentLength).toBe(15);
    expect(await text(part.body)).toEqual(whole);
    await expect(store.readReadSetPart("rs1", "SOURCE1", 2)).rejects.toThrow(PartNotSatisfiableError);
    await expect(store.readReadSetPart("rs1", "SOURCE2", 1)).rejects.toThrow("read set rs1 has no SOURCE2");
    await expect(store.readReadSetPart("nope", "SOURCE1", 1)).rejects.toThrow(
      "read set nope has no stored files",
    );
  });

  it("refuses to complete with a part that is not stored", async () => {
    const parts = await uploadThree();
    const missing = { ...parts[1]!, checksum: "0".repeat(64) };
    await expect(store.completeUpload("u1", "rs1", { SOURCE1: [parts[0]!, missing] })).rejects.toThrow(
      PartMissingError,
    );
    await expect(store.completeUpload("u1", "rs1", { SOURCE2: parts })).rejects.toThrow(
      "needs SOURCE1 parts",
    );
    expect(await store.listUploadParts("u1")).toHaveLength(3);
  });

  it("analyses an upload's parts before completion (a BAM split in parts)", async () => {
    const bam = fixture("ce5.bam");
    const parts = [
      await put(1, bam.subarray(0, 100)),
      await put(2, bam.subarray(100, 300)),
      await put(3, bam.subarray(300)),
    ];
    const analysis = await analyzeReadSet({
      fileType: "BAM",
      family: "MD5up",
      source1: store.uploadSource("u1", parts),
    });
    expect(analysis.sequenceInformation.totalReadCount).toBe(5);
    const cram = fixture("ce5.v31.cram");
    const cramParts = [
      await store.writePart(
        { uploadKey: "u2", source: "SOURCE1", partNumber: 1, body: chunked(cram.subarray(0, 700), 64) },
        noCommit,
      ),
      await store.writePart(
        { uploadKey: "u2", source: "SOURCE1", partNumber: 2, body: chunked(cram.subarray(700), 64) },
        noCommit,
      ),
    ];
    const cramAnalysis = await analyzeReadSet({
      fileType: "CRAM",
      family: "MD5up",
      source1: store.uploadSource("u2", cramParts),
    });
    expect(cramAnalysis.sequenceInformation).toMatchObject({ totalReadCount: 5, totalBaseCount: 500 });
  });

  it("deletes a read set's files and an aborted upload's", async () => {
    await store.completeUpload("u1", "rs1", { SOURCE1: await uploadThree() });
    await put(1, Buffer.from("other upload"), { uploadKey: "u2" });
    await store.deleteReadSet("rs1");
    await store.abortUpload("u2");
    expect(filesUnder(root)).toEqual([]);
    await store.deleteReadSet("rs1"); // already gone: no error
  });

  it("refuses keys that could leave the data directory", async () => {
    await expect(put(1, Buffer.from("x"), { uploadKey: "../etc" })).rejects.toThrow(
      'upload key "../etc" must be',
    );
    await expect(store.deleteReadSet("a/b")).rejects.toThrow('read set key "a/b" must be');
  });
});

describe("sweeping on start", () => {
  it("removes what a crash left and keeps what the metadata knows", async () => {
    const kept = await put(1, Buffer.from("acknowledged"));
    await put(2, Buffer.from("renamed, never recorded"));
    writeFileSync(path.join(root, "uploads/u1", "SOURCE1-00003.tmp-0123456789abcdef"), "half written");
    await put(1, Buffer.from("abandoned upload"), { uploadKey: "gone" });
    await store.writePart(
      { uploadKey: "u9", source: "SOURCE1", partNumber: 1, body: chunked(Buffer.from("x"), 1) },
      noCommit,
    );
    const rs = await store.writePart(
      { uploadKey: "u8", source: "SOURCE1", partNumber: 1, body: chunked(Buffer.from("rs"), 1) },
      noCommit,
    );
    await store.completeUpload("u8", "rs-live", { SOURCE1: [rs] });
    await store.completeUpload("u9", "rs-orphan", {
      SOURCE1: (await store.listUploadParts("u9")) as PartRef[],
    });
    writeFileSync(path.join(root, "trash", "read-set-x-000000"), "left by a crash mid-delete");

    const report = await store.sweep({
      uploadParts: async (key) => (key === "u1" ? [kept] : undefined),
      readSetExists: async (key) => key === "rs-live",
    });
    expect(report).toEqual({ temporaryFiles: 1, uploads: 1, partFiles: 1, readSets: 1, trash: 1 });
    expect(filesUnder(root)).toEqual([
      `read-sets/rs-live/SOURCE1-00001-${rs.checksum}.part`,
      "read-sets/rs-live/manifest.json",
      `uploads/u1/SOURCE1-00001-${kept.checksum}.part`,
    ]);
  });
});

describeEachMode("a streamed part does not sit in memory", (mode) => {
  it("writes a 100 MiB part (the limit) with RSS growing by less than 64 MiB", async () => {
    const big = await PartStore.open(path.join(root, "big"), { writeMode: mode });
    const block = Buffer.alloc(256 * 1024, 7);
    const blocks = 400;
    const before = process.memoryUsage().rss;
    let peak = before;
    const body = Readable.from(
      (function* () {
        for (let i = 0; i < blocks; i++) {
          if (i % 16 === 0) peak = Math.max(peak, process.memoryUsage().rss);
          // A fresh buffer per chunk, as a socket delivers them.
          yield Buffer.from(block);
        }
      })(),
    );
    const part = await big.writePart(
      { uploadKey: "big", source: "SOURCE1", partNumber: 1, body, expectedLength: blocks * block.length },
      noCommit,
    );
    expect(part.size).toBe(100 * 1024 * 1024);
    // Garbage chunks wait for V8's next collection, so RSS grows some (about 35 MB alone, more beside other
    // test files); what matters is that it does not grow with the part, which would take it past 100 MiB.
    // 64 MiB is issue 20's bound for a whole upload.
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });
});
