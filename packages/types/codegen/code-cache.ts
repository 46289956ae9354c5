// Loads a large CommonJS file with V8's code cache, as Node 22's module.enableCompileCache() would (Node 20
// has none). `typescript` (9 MB, which openapi-typescript requires) costs the generation ~280 ms to compile
// on every run; from the cache it takes ~70 ms. Best effort: a missing, stale or unwritable cache only
// means compiling as Node would.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire, Module } from "node:module";
import path from "node:path";
import { Script } from "node:vm";

export interface CodeCacheLoad {
  exports: unknown;
  /**
   * "hit": not compiled from source (from the cache, or already required in this process); "miss":
   * compiled from source, and the cache written if it could be.
   */
  cache: "hit" | "miss";
}

type InternalModule = Module & { filename: string; paths: string[]; loaded: boolean };
type ModuleStatics = {
  _cache: Record<string, Module>;
  _nodeModulePaths(from: string): string[];
  wrap(source: string): string;
};
const ModuleInternals = Module as unknown as ModuleStatics & (new (id: string) => InternalModule);

/** Where the caches of files under `file`'s node_modules go: node_modules/.cache/seqstore-codegen. */
export function defaultCacheDir(file: string): string {
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = file.lastIndexOf(marker);
  const root = at === -1 ? path.dirname(file) : file.slice(0, at + marker.length - 1);
  return path.join(root, ".cache", "seqstore-codegen");
}

/** One cache file per file version and V8: a changed file or Node version misses instead of being rejected. */
function cachePath(file: string, cacheDir: string): string {
  const { size, mtimeMs } = statSync(file);
  const key = createHash("sha256")
    .update(`${file}\0${size}\0${mtimeMs}\0${process.version}\0${process.arch}`)
    .digest("hex")
    .slice(0, 32);
  return path.join(cacheDir, `${path.basename(file)}-${key}.v8cache`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written to a temporary name, then renamed: a reader never sees half a cache. */
function writeCache(file: string, data: Buffer): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch {
    // A read-only checkout still generates; it only compiles each time.
  }
}

/**
 * `require(file)` for a CommonJS file, compiled from V8's code cache when there is one. The module goes
 * into require's cache first, so a later `require` of the same file (e.g. by a dependant) gets it.
 */
export function requireWithCodeCache(file: string, cacheDir = defaultCacheDir(file)): CodeCacheLoad {
  const known = ModuleInternals._cache[file];
  if (known) return { exports: known.exports, cache: "hit" };
  const cacheFile = cachePath(file, cacheDir);
  const cachedData = readCache(cacheFile);
  const script = new Script(ModuleInternals.wrap(readFileSync(file, "utf8")), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const hit = cachedData !== undefined && !script.cachedDataRejected;
  const module = new ModuleInternals(file);
  module.filename = file;
  module.paths = ModuleInternals._nodeModulePaths(path.dirname(file));
  ModuleInternals._cache[file] = module;
  try {
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  } catch (error) {
    delete ModuleInternals._cache[file];
    throw error;
  }
  module.loaded = true;
  // Made after the run, the cache also holds the functions the run compiled.
  if (!hit) writeCache(cacheFile, script.createCachedData());
  return { exports: module.exports, cache: hit ? "hit" : "miss" };
}
