import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { PartStore, type StoredPart } from "../../src/read-sets/part-store.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = mkdtempSync(path.join(tmpdir(), "seqstore-crash-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Starts the writer, lets it write for a while, and SIGKILLs it. */
async function writeThenKill(dir: string, journal: string, millis: number): Promise<void> {
  const child = spawn(process.execPath, [path.join(here, "crash-writer.mjs"), dir, journal], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`the writer exited (${code}) before writing`)));
  });
  await new Promise((resolve) => setTimeout(resolve, millis));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

/** The acknowledged parts: the journal's last complete line per part number, as a database would hold. */
function acknowledged(journal: string): Map<number, StoredPart> {
  const parts = new Map<number, StoredPart>();
  if (!existsSync(journal)) return parts;
  for (const line of readFileSync(journal, "utf8").split("\n")) {
    if (!line.endsWith("}")) continue; // a line cut by the kill was never acknowledged
    const part = JSON.parse(line) as StoredPart;
    parts.set(part.partNumber, part);
  }
  return parts;
}

describe("SIGKILL while parts are being written", () => {
  it("loses no acknowledged part and leaves nothing the sweep does not remove (10 kills)", async () => {
    const dir = path.join(root, "data");
    const journal = path.join(root, "journal.jsonl");
    let checked = 0;
    let swept = 0;
    for (let round = 0; round < 10; round++) {
      await writeThenKill(dir, journal, 50 + round * 30);
      const parts = acknowledged(journal);
      const store = await PartStore.open(dir);
      const report = await store.sweep({
        uploadParts: async (key) => (key === "crash" ? [...parts.values()] : undefined),
        readSetExists: async () => false,
      });
      swept += report.temporaryFiles + report.partFiles;
      const uploadDir = path.join(dir, "uploads", "crash");
      const names = existsSync(uploadDir) ? readdirSync(uploadDir).sort() : [];
      expect(names).toEqual(
        [...parts.values()]
          .map((p) => `SOURCE1-${String(p.partNumber).padStart(5, "0")}-${p.checksum}.part`)
          .sort(),
      );
      for (const part of parts.values()) {
        const file = path.join(
          uploadDir,
          `SOURCE1-${String(part.partNumber).padStart(5, "0")}-${part.checksum}.part`,
        );
        expect(statSync(file).size).toBe(part.size);
        expect(createHash("sha256").update(readFileSync(file)).digest("hex")).toBe(part.checksum);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(10);
    console.log(
      `part-store crash test: 10 kills, ${checked} acknowledged parts checked, ${swept} leftovers swept`,
    );
  }, 120_000);
});
