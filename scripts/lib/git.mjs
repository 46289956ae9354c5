// Small synchronous git helpers shared by the workflow scripts. They never throw for "not a
// repository" or "no such revision": callers decide whether that is an error or a reason to skip.
import { execFileSync } from "node:child_process";

/**
 * Runs git and returns its stdout, or `undefined` when git fails (unknown revision, not a repository).
 * @param {string[]} args
 * @param {string} cwd
 * @returns {string | undefined}
 */
export function tryGit(args, cwd) {
  try {
    return execFileSync("git", args, {
      cwd,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch {
    return undefined;
  }
}

/**
 * The top-level directory of the git work tree holding `cwd`, or `undefined` outside one.
 * @param {string} cwd
 */
export function gitRoot(cwd) {
  return tryGit(["rev-parse", "--show-toplevel"], cwd)?.trim();
}

/**
 * The full commit ID `ref` names, or `undefined` when it names no commit.
 * @param {string} ref
 * @param {string} cwd
 */
export function resolveCommit(ref, cwd) {
  return tryGit(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd)?.trim() || undefined;
}

/**
 * The contents of `path` (repository-relative, `/`-separated) at `ref`, or `undefined` when absent.
 * @param {string} ref
 * @param {string} path
 * @param {string} cwd
 */
export function showFile(ref, path, cwd) {
  return tryGit(["show", `${ref}:${path}`], cwd);
}

/**
 * Whether the files under `dir` (repository-relative), less `excluded` sub-paths, are the same in the
 * working tree as at `ref`: no tracked change and no untracked file. `false` when git cannot tell.
 * @param {string} ref
 * @param {string} dir
 * @param {string[]} excluded
 * @param {string} cwd
 */
export function sameAsCommit(ref, dir, excluded, cwd) {
  const pathspec = [dir, ...excluded.map((path) => `:(exclude)${path}`)];
  const changed = tryGit(["diff", "--name-only", ref, "--", ...pathspec], cwd);
  const untracked = tryGit(["ls-files", "--others", "--exclude-standard", "--", ...pathspec], cwd);
  return changed === "" && untracked === "";
}
