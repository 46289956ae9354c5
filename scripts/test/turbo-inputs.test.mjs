// turbo.json's inputs are complete: every task that reads a shared root file (tsconfig.base.json through a
// tsconfig's "extends", biome.json and .gitignore for Biome) has it among its inputs, as turbo itself resolves
// them (`turbo run --dry=json`), and editing the file changes those tasks' hashes, so a cache hit can never
// hand back output built from the old file.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanEnv, scriptsDir } from "./helpers.mjs";

const ROOT = resolve(scriptsDir, "..");
const TASKS = ["build", "build:codegen", "typecheck", "test", "lint"];

/**
 * @returns {Array<{ taskId: string, task: string, package: string, directory: string, hash: string,
 *   inputs: Record<string, string> }>}
 */
function dryRun() {
  const out = execFileSync(
    join(ROOT, "node_modules", ".bin", "turbo"),
    ["run", ...TASKS, "--dry=json", "--output-logs=none"],
    {
      cwd: ROOT,
      env: { ...cleanEnv(), TURBO_TELEMETRY_DISABLED: "1" },
      encoding: "utf8",
      maxBuffer: 64 << 20,
    },
  );
  return JSON.parse(out).tasks.filter((/** @type {{ taskId: string }} */ t) => !t.taskId.startsWith("//#"));
}

/** Root files a tsconfig reaches through "extends" (relative paths only, as ours are). */
function extendedFiles(/** @type {string} */ tsconfig) {
  /** @type {string[]} */
  const found = [];
  let file = tsconfig;
  while (true) {
    const text = readFileSync(file, "utf8");
    const extendsPath = /"extends"\s*:\s*"([^"]+)"/.exec(text)?.[1];
    if (!extendsPath) return found;
    file = resolve(dirname(file), extendsPath);
    found.push(relative(ROOT, file));
  }
}

/** The root files a task of a package reads besides its own: what its inputs must name. */
function sharedInputs(/** @type {string} */ task, /** @type {string} */ directory) {
  if (task === "lint") return ["biome.json", ".gitignore"];
  const dir = join(ROOT, directory);
  const configs = readdirSync(dir).filter((f) => /^tsconfig.*\.json$/.test(f));
  return [...new Set(configs.flatMap((f) => extendedFiles(join(dir, f))))];
}

/** Replaces a file atomically (concurrent readers see the old or the new text, never half of it). */
function replace(/** @type {string} */ file, /** @type {string} */ text) {
  const temporary = `${file}.turbo-inputs-test`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

describe("turbo inputs", () => {
  const before = dryRun();

  it("name every shared root file a task reads", () => {
    const missing = [];
    let checked = 0;
    for (const t of before) {
      const inputs = Object.keys(t.inputs).map((f) => relative(ROOT, resolve(ROOT, t.directory, f)));
      for (const shared of sharedInputs(t.task, t.directory)) {
        checked++;
        if (!inputs.includes(shared)) missing.push(`${t.taskId}: ${shared}`);
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it.each([
    { file: "tsconfig.base.json", tasks: ["build", "build:codegen", "typecheck", "test"] },
    { file: "biome.json", tasks: ["lint"] },
  ])("editing $file changes the hash of every task that reads it", ({ file, tasks }) => {
    const path = join(ROOT, file);
    expect(existsSync(path)).toBe(true);
    const original = readFileSync(path, "utf8");
    let after;
    try {
      // Trailing whitespace: the same configuration, different bytes.
      replace(path, `${original}\n`);
      after = dryRun();
    } finally {
      replace(path, original);
    }
    const readers = before.filter(
      (t) => tasks.includes(t.task) && sharedInputs(t.task, t.directory).includes(file),
    );
    expect(readers.length).toBeGreaterThan(5);
    const unchanged = readers
      .filter((t) => after.find((a) => a.taskId === t.taskId)?.hash === t.hash)
      .map((t) => t.taskId);
    expect(unchanged).toEqual([]);
  });
});
