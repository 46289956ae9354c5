import { randomBytes } from "node:crypto";
import { constants, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AlignedBufferPool,
  createPartFile,
  type PartWriteMode,
  probeWriteMode,
  WRITE_CHUNK,
} from "../../src/read-sets/part-file-writer.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "seqstore-part-file-"));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const directWrites = await probeWriteMode(tmpdir(), new AlignedBufferPool());

/** FileHandle's prototype (the class is not exported), to make its writes fail. */
async function fileHandlePrototype(): Promise<{ write(): Promise<unknown>; writev(): Promise<unknown> }> {
  const handle = await open(path.join(dir, "prototype-probe"), "w");
  await handle.close();
  rmSync(path.join(dir, "prototype-probe"));
  return Object.getPrototypeOf(handle) as { write(): Promise<unknown>; writev(): Promise<unknown> };
}

/** Writes `bytes` in chunks of random sizes (1 byte to 200 kB), as a socket might deliver them. */
async function writeInChunks(file: string, mode: PartWriteMode, pool: AlignedBufferPool, bytes: Buffer) {
  const writer = await createPartFile(file, mode, pool);
  try {
    let offset = 0;
    while (offset < bytes.length) {
      const n = Math.min(bytes.length - offset, 1 + Math.floor(Math.random() * 200_000));
      const wait = writer.write(bytes.subarray(offset, offset + n));
      if (wait) await wait;
      offset += n;
    }
    await writer.finish();
  } finally {
    await writer.close();
  }
}

const SIZES = [
  1,
  4095,
  4096,
  65_537,
  WRITE_CHUNK - 1,
  WRITE_CHUNK,
  WRITE_CHUNK + 1,
  2 * WRITE_CHUNK + 12_345,
];

for (const mode of ["direct", "buffered"] as const) {
  const unsupported = mode === "direct" && directWrites !== "direct";
  describe.skipIf(unsupported)(
    `${mode} part files${unsupported ? " (skipped: the temp dir's filesystem has no O_DIRECT)" : ""}`,
    () => {
      it.each(SIZES)("hold exactly the %i bytes written, whatever the chunking", async (size) => {
        const pool = new AlignedBufferPool();
        const bytes = randomBytes(size);
        const file = path.join(dir, `part-${size}`);
        await writeInChunks(file, mode, pool, bytes);
        const stored = readFileSync(file);
        expect(stored.length).toBe(size);
        expect(stored.equals(bytes)).toBe(true);
      });

      it("refuse a file that already exists (a part never overwrites another's bytes)", async () => {
        const file = path.join(dir, "taken");
        await writeInChunks(file, mode, new AlignedBufferPool(), randomBytes(10));
        await expect(createPartFile(file, mode, new AlignedBufferPool())).rejects.toMatchObject({
          code: "EEXIST",
        });
      });

      it("fail the part when a write fails, and still close the file", async () => {
        const openFds = () => readdirSync("/proc/self/fd").length;
        const before = openFds();
        const writer = await createPartFile(path.join(dir, "failing"), mode, new AlignedBufferPool());
        const failure = Object.assign(new Error("EIO: i/o error, write"), { code: "EIO" });
        vi.spyOn(await fileHandlePrototype(), mode === "direct" ? "write" : "writev").mockRejectedValue(
          failure,
        );
        const failed = (async () => {
          for (let i = 0; i < 8; i++) await writer.write(randomBytes(WRITE_CHUNK / 2));
          await writer.finish();
        })();
        await expect(failed).rejects.toBe(failure);
        await writer.close();
        expect(openFds()).toBe(before);
      });
    },
  );
}

describe.skipIf(directWrites !== "direct")(
  `staging buffers for direct writes${directWrites !== "direct" ? " (skipped: no O_DIRECT in the temp dir)" : ""}`,
  () => {
    it("are reused from part to part, not allocated and aligned again", async () => {
      const pool = new AlignedBufferPool();
      const { O_CREAT, O_DIRECT, O_WRONLY } = constants;
      const directHandle = await open(path.join(dir, "direct"), O_WRONLY | O_CREAT | O_DIRECT, 0o600);
      try {
        const buffer = await pool.take(directHandle);
        expect(buffer.length).toBe(WRITE_CHUNK);
        pool.give(buffer);
        expect(await pool.take(directHandle)).toBe(buffer);
      } finally {
        await directHandle.close();
      }
    });
  },
);

describe("choosing how part files are written", () => {
  it("falls back to buffered writes where no direct write succeeds", async () => {
    // A filesystem without O_DIRECT refuses the open or the writes with EINVAL; both end the probe.
    const einval = Object.assign(new Error("EINVAL: invalid argument, write"), { code: "EINVAL" });
    vi.spyOn(await fileHandlePrototype(), "write").mockRejectedValue(einval);
    expect(await probeWriteMode(dir, new AlignedBufferPool())).toBe("buffered");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("leaves no probe file behind", async () => {
    await probeWriteMode(dir, new AlignedBufferPool());
    expect(readdirSync(dir)).toEqual([]);
  });
});
