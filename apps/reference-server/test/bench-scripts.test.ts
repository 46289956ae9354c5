// The storage benchmark scripts seed the table with the repository's own row format; a change to that
// format must not leave them broken until the next full `npm run bench`.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const scratch = mkdtempSync(path.join(tmpdir(), "seqstore-bench-scripts-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const tsx = (script: string, args: string[]) =>
  run(process.execPath, ["--import", "tsx", path.join(root, "scripts", script), ...args], {
    cwd: root,
    timeout: 120_000,
  });

describe("storage benchmark scripts, on small tables", () => {
  it("bench-lifecycle.ts seeds 2,000 stores and reports every operation", async () => {
    const out = path.join(scratch, "lifecycle.json");
    await tsx("bench-lifecycle.ts", [out, "--stores", "2000", "--rounds", "1"]);
    const report = JSON.parse(readFileSync(out, "utf8")) as {
      samplesPerSidePerRound: Record<string, number>;
    };
    expect(Object.keys(report.samplesPerSidePerRound)).toEqual(expect.arrayContaining(["create", "get"]));
  }, 120_000);

  it("bench-storage.ts fills 2,000 rows and times create, get and list", async () => {
    const { stdout } = await tsx("bench-storage.ts", ["2000"]);
    expect(stdout).toMatch(/rows=2000/);
    expect(stdout).toMatch(/create \(new token\)\s+p50/);
    expect(stdout).toMatch(/list 100 after a key\s+p50/);
  }, 120_000);
});
