// Drift between the committed generated files and what `npm run generate` just wrote: the working
// tree is compared with the git index, so generated files that were changed, added or deleted
// are all caught (staged files count as committed: they are what the next commit will hold).
import { execFileSync } from "node:child_process";

/** Folders that only `npm run generate` may write (repository-relative). */
export const GENERATED_PATHS = [
  "model/generated",
  "packages/types/src/generated",
  "packages/client/src/generated",
  "packages/server/src/generated",
];

export const FIX_COMMAND = "npm run generate";

/** @typedef {"modified" | "deleted" | "new"} DriftKind */
/** @typedef {{ kind: DriftKind, path: string }} DriftedFile */

/**
 * Parses `git status --porcelain=v1 -z` output into the files whose working-tree copy differs
 * from the index. Paths stay exactly as git prints them (repository-relative, `/`-separated).
 * @param {string} output
 * @returns {DriftedFile[]}
 */
export function parseStatus(output) {
  /** @type {DriftedFile[]} */
  const drifted = [];
  const entries = output.split("\0");
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] ?? "";
    if (entry.length < 4) continue;
    const staged = entry[0];
    const worktree = entry[1];
    const path = entry.slice(3);
    // A staged rename or copy is followed by its source path as a separate entry.
    if (staged === "R" || staged === "C") i++;
    if (staged === "?" && worktree === "?") drifted.push({ kind: "new", path });
    else if (worktree === "D") drifted.push({ kind: "deleted", path });
    else if (worktree !== " " && worktree !== "!") drifted.push({ kind: "modified", path });
  }
  return drifted.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Generated files under `paths` whose working-tree copy differs from git's index.
 * @param {string} root the git work tree
 * @param {readonly string[]} [paths]
 * @returns {DriftedFile[]}
 */
export function findDrift(root, paths = GENERATED_PATHS) {
  const output = execFileSync(
    "git",
    ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", ...paths],
    { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
  );
  return parseStatus(output);
}

/** @type {Record<DriftKind, string>} */
const EXPLAIN = {
  modified: "differs from the committed file",
  deleted: "committed, but generate no longer writes it",
  new: "written by generate, but not committed",
};
/** @type {readonly DriftKind[]} */
const KINDS = ["modified", "deleted", "new"];

/**
 * The failure message: every drifted file with what happened to it, and the command that fixes it.
 * @param {readonly DriftedFile[]} drifted
 * @param {readonly string[]} [paths]
 * @returns {string}
 */
export function formatDriftReport(drifted, paths = GENERATED_PATHS) {
  const count = `${drifted.length} file${drifted.length === 1 ? "" : "s"}`;
  const lines = [`Generated files are out of date with the Smithy model (${count}):`];
  const width = Math.max(...drifted.map((f) => f.kind.length));
  for (const file of drifted) lines.push(`  ${file.kind.padEnd(width)}  ${file.path}`);
  const legend = KINDS.filter((kind) => drifted.some((f) => f.kind === kind)).map(
    (kind) => `${kind}: ${EXPLAIN[kind]}`,
  );
  lines.push(
    `(${legend.join("; ")})`,
    "",
    `Fix: run \`${FIX_COMMAND}\` and commit everything it changes, adds and deletes:`,
    `  ${FIX_COMMAND} && git add -A -- ${paths.join(" ")}`,
    "Never edit generated files by hand: change the model under model/smithy/ or the generator instead.",
  );
  return `${lines.join("\n")}\n`;
}
