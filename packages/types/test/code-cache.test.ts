import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CodeCacheLoad, defaultCacheDir, requireWithCodeCache } from "../codegen/code-cache.js";

const requireCache = createRequire(import.meta.url).cache;
const SOURCE = fileURLToPath(new URL("../codegen/code-cache.ts", import.meta.url));

/**
 * The load as a new process makes it. (Within one process V8 keeps compiled scripts in memory and never
 * reads the cache again, so only a new process shows whether the cache on disk is used.)
 */
function loadInNewProcess(file: string, cacheDir: string): CodeCacheLoad {
  const runner = path.join(path.dirname(file), "runner.mts");
  writeFileSync(
    runner,
    [
      `import { requireWithCodeCache } from ${JSON.stringify(SOURCE)};`,
      `const { cache, exports } = requireWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)});`,
      "process.stdout.write(JSON.stringify({ cache, exports }));",
    ].join("\n"),
  );
  const child = spawnSync(process.execPath, ["--import", "tsx", runner], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(`runner failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as CodeCacheLoad;
}

let dir: string;
let cacheDir: string;
let lib: string;

/** As a fresh process would see it: the file not yet required. */
function forget(file: string): void {
  delete requireCache[file];
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "code-cache-"));
  cacheDir = path.join(dir, "cache");
  writeFileSync(path.join(dir, "dep.cjs"), "module.exports = { answer: 42 };\n");
  lib = path.join(dir, "lib.cjs");
  writeFileSync(
    lib,
    [
      "const { answer } = require('./dep.cjs');",
      "const path = require('node:path');",
      "exports.answer = answer;",
      "exports.base = path.basename(__filename);",
      "exports.dir = __dirname;",
      "exports.self = module.filename;",
      "exports.double = (n) => n * 2;",
    ].join("\n"),
  );
});

afterEach(() => {
  forget(lib);
  rmSync(dir, { recursive: true, force: true });
});

// Each new process starts tsx and compiles the loader: about a second alone, several seconds when CI runs
// every suite at once, more than vitest's 5 s default.
describe("requireWithCodeCache", { timeout: 60_000 }, () => {
  it("loads a CommonJS file as require does", () => {
    const first = requireWithCodeCache(lib, cacheDir);
    expect(first.cache).toBe("miss");
    expect(first.exports).toMatchObject({ answer: 42, base: "lib.cjs", dir, self: lib });
    expect((first.exports as { double(n: number): number }).double(21)).toBe(42);
    expect(readdirSync(cacheDir)).toHaveLength(1);
  });

  it("compiles a new process's load from the cache an earlier one wrote", () => {
    const first = loadInNewProcess(lib, cacheDir);
    expect(first).toMatchObject({ cache: "miss", exports: { answer: 42, base: "lib.cjs" } });
    const second = loadInNewProcess(lib, cacheDir);
    expect(second).toMatchObject({ cache: "hit", exports: { answer: 42, base: "lib.cjs" } });
  });

  it("puts the module into require's cache, so a dependant's require gets the same exports", () => {
    const { exports } = requireWithCodeCache(lib, cacheDir);
    expect(createRequire(lib)(lib)).toBe(exports);
    expect(requireWithCodeCache(lib, cacheDir).exports).toBe(exports);
  });

  it("compiles from source when the cache is corrupt, and writes a good one", () => {
    loadInNewProcess(lib, cacheDir);
    const [name] = readdirSync(cacheDir).filter((file) => file.endsWith(".v8cache"));
    writeFileSync(path.join(cacheDir, name as string), "not a V8 code cache");
    const rejected = loadInNewProcess(lib, cacheDir);
    expect(rejected).toMatchObject({ cache: "miss", exports: { answer: 42 } });
    expect(loadInNewProcess(lib, cacheDir).cache).toBe("hit");
  });

  it("misses once the file changes", () => {
    loadInNewProcess(lib, cacheDir);
    writeFileSync(lib, "exports.answer = 'changed';\n");
    utimesSync(lib, new Date(), new Date(Date.now() + 5000));
    expect(loadInNewProcess(lib, cacheDir)).toEqual({ cache: "miss", exports: { answer: "changed" } });
  });

  it("still loads when the cache cannot be written", () => {
    const blocked = path.join(dir, "a-file");
    writeFileSync(blocked, "");
    const loaded = requireWithCodeCache(lib, path.join(blocked, "cache"));
    expect(loaded).toMatchObject({ cache: "miss", exports: { answer: 42 } });
  });

  it("passes on what the module throws and leaves it out of require's cache", () => {
    writeFileSync(lib, "throw new Error('broken module');\n");
    expect(() => requireWithCodeCache(lib, cacheDir)).toThrow("broken module");
    expect(requireCache[lib]).toBeUndefined();
  });
});

describe("defaultCacheDir", () => {
  it("is node_modules/.cache/seqstore-codegen of the node_modules the file is in", () => {
    const file = path.join("/repo", "node_modules", "typescript", "lib", "typescript.js");
    expect(defaultCacheDir(file)).toBe(path.join("/repo", "node_modules", ".cache", "seqstore-codegen"));
  });

  it("is beside the file outside node_modules", () => {
    expect(defaultCacheDir(path.join("/somewhere", "lib.cjs"))).toBe(
      path.join("/somewhere", ".cache", "seqstore-codegen"),
    );
  });
});
