import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

describe("read-only read sets without root", () => {
  // Root ignores permissions, so only a process of another user shows that deleting a read-only read set works.
  it.skipIf(!isRoot)(
    "a user without root's privileges deletes and sweeps read-only read sets (skipped unless run as root, which starts the child as nobody)",
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), "seqstore-nobody-"));
      chmodSync(dir, 0o777);
      try {
        const out = execFileSync(
          process.execPath,
          [path.join(here, "unprivileged-writer.mjs"), path.join(dir, "root")],
          {
            uid: NOBODY,
            gid: NOBODY,
            encoding: "utf8",
          },
        );
        expect(JSON.parse(out)).toEqual([[], [], []]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
