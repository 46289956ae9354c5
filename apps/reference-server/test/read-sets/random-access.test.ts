import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConcatenatedFile } from "../../src/read-sets/random-access.js";

const dir = mkdtempSync(path.join(tmpdir(), "seqstore-concat-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("reading several part files as one file", () => {
  const pieces = ["0123", "45", "6789ABCDEF"];
  const whole = Buffer.from(pieces.join(""));
  const files = pieces.map((text, i) => {
    const file = path.join(dir, `p${i}`);
    writeFileSync(file, text);
    return { path: file, size: text.length };
  });

  it("answers every range, across part boundaries, short at the end and empty past it", async () => {
    const file = new ConcatenatedFile(files);
    try {
      expect(file.size).toBe(16);
      for (let position = 0; position <= whole.length + 2; position++) {
        for (let length = 0; length <= whole.length + 2; length++) {
          expect(Buffer.from(await file.read(length, position))).toEqual(
            whole.subarray(Math.min(position, 16), Math.min(position + length, 16)),
          );
        }
      }
      await expect(file.read(1, -1)).rejects.toThrow("bad read of 1 bytes at -1");
    } finally {
      await file.close();
    }
  });

  it("says so when a part file is shorter than recorded", async () => {
    const file = new ConcatenatedFile([{ path: files[0]!.path, size: 10 }]);
    await expect(file.read(10, 0)).rejects.toThrow("is shorter than its recorded 10 bytes");
    await file.close();
  });
});
