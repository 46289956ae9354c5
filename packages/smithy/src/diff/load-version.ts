// Loading one side of a diff: files and directories on disk, or the same paths at a git revision
// (`git ls-tree` + `git show`), so `smithy diff --old origin/main --new model/` compares against main.
// A directory holding a smithy-build.json, or the config file itself, stands for its `sources`
// and `imports` (so build output next to it is never read as model input).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import type { LoadResult, ModelSource } from "../loader/load-model.js";
import { loadModel, loadModelFromPaths } from "../loader/load-model.js";

export type ModelVersionSpec =
  | { kind: "paths"; paths: string[] }
  | { kind: "git"; ref: string; paths: string[] };

export interface LoadedModelVersion extends LoadResult {
  /** How the version is shown to the user: `model/` or `origin/main:model/`. */
  label: string;
  /** The model files read (paths on disk, or `ref:path`). */
  files: string[];
}

/** A version that cannot be read at all (bad path, unknown git revision); the message is for the user. */
export class ModelVersionError extends Error {
  override name = "ModelVersionError";
}

const CONFIG_NAME = "smithy-build.json";
const isModelFile = (path: string) =>
  (path.endsWith(".smithy") || path.endsWith(".json")) && posix.basename(path) !== CONFIG_NAME;

function configSources(text: string, where: string): string[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ModelVersionError(
      `${where}: invalid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const pick = (key: string): string[] => {
    const value = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>)[key] : undefined;
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
      throw new ModelVersionError(`${where}: \`${key}\` must be a list of strings`);
    }
    return value as string[];
  };
  const paths = [...pick("sources"), ...pick("imports")];
  if (paths.length === 0) throw new ModelVersionError(`${where}: no \`sources\` to load`);
  return paths;
}

/** Files and directories on disk, with smithy-build.json configs replaced by their sources. */
export function expandDiskPaths(paths: readonly string[], cwd = process.cwd()): string[] {
  return paths.flatMap((path) => {
    const full = resolve(cwd, path);
    if (!existsSync(full)) throw new ModelVersionError(`${path}: no such file or directory`);
    const config = statSync(full).isDirectory() ? join(full, CONFIG_NAME) : full;
    if (basename(config) === CONFIG_NAME && existsSync(config)) {
      const sources = configSources(readFileSync(config, "utf8"), relative(cwd, config) || CONFIG_NAME);
      return expandDiskPaths(sources, dirname(config));
    }
    return [full];
  });
}

function git(args: string[], cwd: string): string {
  try {
    return execFileSync("git", args, {
      cwd,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    const detail =
      typeof stderr === "string" && stderr.trim() !== "" ? stderr.trim().split("\n")[0] : String(error);
    throw new ModelVersionError(`git ${args.join(" ")}: ${detail}`);
  }
}

export function isGitRevision(ref: string, cwd = process.cwd()): boolean {
  try {
    git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd);
    return true;
  } catch {
    return false;
  }
}

/** Repository-relative model files of `paths` at `ref`, configs replaced by their sources. */
function expandGitPaths(ref: string, paths: readonly string[], root: string): string[] {
  return paths.flatMap((path) => {
    const type = gitObjectType(ref, path, root);
    if (type === "tree") {
      const config = posix.join(path, CONFIG_NAME);
      if (gitObjectType(ref, config, root) === "blob") return expandGitPaths(ref, [config], root);
      return git(["ls-tree", "-r", "--name-only", ref, "--", path], root)
        .split("\n")
        .filter((file) => file !== "" && isModelFile(file))
        .sort();
    }
    if (posix.basename(path) === CONFIG_NAME) {
      const sources = configSources(git(["show", `${ref}:${path}`], root), `${ref}:${path}`);
      return expandGitPaths(
        ref,
        sources.map((source) => posix.normalize(posix.join(posix.dirname(path), source))),
        root,
      );
    }
    return [path];
  });
}

function gitObjectType(ref: string, path: string, root: string): string | undefined {
  try {
    return git(["cat-file", "-t", `${ref}:${path}`], root).trim();
  } catch {
    return undefined;
  }
}

function loadGitVersion(ref: string, paths: readonly string[], cwd: string): LoadedModelVersion {
  const root = git(["rev-parse", "--show-toplevel"], cwd).trim();
  if (!isGitRevision(ref, root)) throw new ModelVersionError(`\`${ref}\` is not a git revision`);
  const repoPaths = paths.map((path) => {
    const full = isAbsolute(path) ? path : resolve(cwd, path);
    const rel = relative(root, full).split(sep).join("/");
    if (rel.startsWith("..")) throw new ModelVersionError(`${path} is outside the git repository ${root}`);
    const repoPath = rel === "" ? "." : rel;
    if (gitObjectType(ref, repoPath, root) === undefined) {
      throw new ModelVersionError(`${path} does not exist at git revision \`${ref}\``);
    }
    return repoPath;
  });
  const files = expandGitPaths(ref, repoPaths, root);
  if (files.length === 0)
    throw new ModelVersionError(`no model files under ${paths.join(", ")} at \`${ref}\``);
  const sources: ModelSource[] = files.map((file) => ({
    filename: `${ref}:${file}`,
    text: git(["show", `${ref}:${file}`], root),
  }));
  return {
    ...loadModel({ sources }),
    label: `${ref}:${paths.join(",")}`,
    files: sources.map((s) => s.filename),
  };
}

export function loadModelVersion(spec: ModelVersionSpec, cwd = process.cwd()): LoadedModelVersion {
  if (spec.paths.length === 0) throw new ModelVersionError("no model paths given");
  if (spec.kind === "git") return loadGitVersion(spec.ref, spec.paths, cwd);
  const files = expandDiskPaths(spec.paths, cwd);
  return { ...loadModelFromPaths(files), label: spec.paths.join(","), files };
}

/**
 * Reads a `--old` / `--new` value: existing paths (comma-separated), `<ref>:<path>[,<path>]`, or a bare
 * git revision, which means "the `defaultPaths` at that revision".
 */
export function parseModelVersionSpec(
  text: string,
  defaultPaths: readonly string[] = [],
  cwd = process.cwd(),
): ModelVersionSpec {
  const paths = text.split(",").filter((p) => p !== "");
  if (paths.length > 0 && paths.every((p) => existsSync(resolve(cwd, p)))) return { kind: "paths", paths };
  const colon = text.indexOf(":");
  if (colon > 0) {
    const ref = text.slice(0, colon);
    const refPaths = text
      .slice(colon + 1)
      .split(",")
      .filter((p) => p !== "");
    return { kind: "git", ref, paths: refPaths.length > 0 ? refPaths : ["."] };
  }
  if (isGitRevision(text, cwd)) {
    if (defaultPaths.length === 0) {
      throw new ModelVersionError(
        `\`${text}\` is a git revision: say which model paths to read (\`${text}:model/\`)`,
      );
    }
    return { kind: "git", ref: text, paths: [...defaultPaths] };
  }
  throw new ModelVersionError(`\`${text}\` is neither an existing file or directory nor a git revision`);
}
