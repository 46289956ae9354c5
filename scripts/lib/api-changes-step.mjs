// The api-changes step of `npm run generate` as a function: run by scripts/api-changes.mjs on its own
// and by the one-process generate (scripts/generate.mjs). Prints one line; never throws.
import { updateApiChanges } from "./api-changes.mjs";
import { gitRoot } from "./git.mjs";

/**
 * Updates model/generated/api-changes.md for the git work tree holding `cwd`.
 * @param {string} cwd
 * @param {string} [base] the commit to compare with (default: HEAD, the last commit)
 * @returns {number} the exit code: 1 when the working tree's model cannot be compared
 */
export function runApiChanges(cwd, base) {
  const root = gitRoot(cwd);
  if (root === undefined) {
    console.log("api-changes: not in a git work tree, so there is no earlier model to compare with; skipped");
    return 0;
  }
  try {
    const result = updateApiChanges(base === undefined ? { root } : { root, base });
    const against = base === undefined ? "the last commit" : `base ${base}`;
    if (result.action === "skipped") console.log(`api-changes: skipped, ${result.reason}`);
    else if (result.action === "written")
      console.log(`api-changes: wrote ${result.file} (${result.summary})`);
    else if (result.action === "restored") {
      console.log(`api-changes: the API matches ${against}; restored the committed ${result.file}`);
    } else console.log(`api-changes: the API matches ${against}; kept ${result.file}`);
    return 0;
  } catch (error) {
    console.error(`api-changes: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
