import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

/** Whether user nobody can run node and read this checkout (a checkout under /root cannot be). */
function nobodyCanReadCheckout(): boolean {
  if (!isRoot) return false;
  const files = [
    path.join(here, "unprivileged-writer.mjs"),
    path.join(here, "../../dist/read-sets/part-store.js"),
  ];
  try {
    execFileSync(
      process.execPath,
      ["-e", `for (const f of ${JSON.stringify(files)}) require("fs").accessSync(f)`],
      {
        uid: NOBODY,
        gid: NOBODY,
        stdio: "ignore",
      },
    );
    return true;
  } catch {
    return false;
  }
}
const canRun = nobodyCanReadCheckout();

describe("read-only read sets without root", () => {
  // Root ignores permissions, so only a process of another user shows that deleting a read-only read set works.
  it.skipIf(!canRun)(
    "a user without root's privileges deletes and sweeps read-only read sets (skipped unless run as root in a checkout user nobody can read: the child runs as nobody)",
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
