// A part write racing its upload's completion: the part's temporary file can be created after Complete
// removed the files it does not keep and before it moves the folder, and then moves with the folder into
// the read set. rename() is wrapped so the test puts such a file there at exactly that moment; the read set
// must end with its parts and manifest only, and a sweep must remove what a crash in that window left.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import type * as FsPromises from "node:fs/promises";
import { rename } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PartStore } from "../../src/read-sets/part-store.js";
import { chunked } from "./fixture-sources.js";

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return { ...actual, rename: vi.fn(actual.rename) };
});

const STRAY = "SOURCE1-00002.tmp-0123456789abcdef";
let root: string;
let store: PartStore;

beforeEach(async () => {
  root = mkdtempSync(path.join(tmpdir(), "seqstore-complete-race-"));
  store = await PartStore.open(root);
});
afterEach(() => {
  vi.mocked(rename).mockReset();
  rmSync(root, { recursive: true, force: true });
});

/** The next rename of the upload's folder first gets a racing writer's temporary file into it. */
async function raceTheMove(uploadKey: string): Promise<void> {
  const actual = await vi.importActual<typeof FsPromises>("node:fs/promises");
  vi.mocked(rename).mockImplementation(async (from, to) => {
    if (String(from) === store.uploadDir(uploadKey)) writeFileSync(path.join(String(from), STRAY), "racing");
    return actual.rename(from, to);
  });
}

async function onePart(uploadKey: string) {
  return store.writePart(
    { uploadKey, source: "SOURCE1", partNumber: 1, body: chunked(Buffer.from("@r\nA\n+\nI\n"), 4) },
    async () => {},
  );
}

describe("a part's temporary file racing its upload's completion", () => {
  it("does not stay in the read set", async () => {
    const part = await onePart("u1");
    await raceTheMove("u1");
    await store.completeUpload("u1", "rs1", { SOURCE1: [part] });
    expect(readdirSync(store.readSetDir("rs1")).sort()).toEqual([
      `SOURCE1-00001-${part.checksum}.part`,
      "manifest.json",
    ]);
  });

  it("is swept at start when a crash came before it was removed", async () => {
    const part = await onePart("u1");
    await store.completeUpload("u1", "rs1", { SOURCE1: [part] });
    // What a crash between the move and the removal leaves (the folder is read-only by then or not).
    const dir = store.readSetDir("rs1");
    const { chmod } = await vi.importActual<typeof FsPromises>("node:fs/promises");
    await chmod(dir, 0o755);
    writeFileSync(path.join(dir, STRAY), "racing");
    await chmod(dir, 0o555);
    const report = await store.sweep({
      uploadParts: async () => undefined,
      readSetExists: async (key) => key === "rs1",
    });
    expect(report.temporaryFiles).toBe(1);
    expect(readdirSync(dir).sort()).toEqual([`SOURCE1-00001-${part.checksum}.part`, "manifest.json"]);
    expect(await store.findReadSet("rs1")).toBeDefined();
  });
});
