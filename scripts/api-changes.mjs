#!/usr/bin/env node
// Step of `npm run generate` (after `smithy build`): writes model/generated/api-changes.md, the
// changelog of the latest model change for users of the generated client and server. The one-process
// generate (scripts/generate.mjs) runs the same step in-process; this runs it alone.
// `--base <ref>` compares with another commit than HEAD (as `npm run check:breaking -- --base <ref>` does).
import { runApiChanges } from "./lib/api-changes-step.mjs";

const USAGE = "Usage: node scripts/api-changes.mjs [--base <git-ref>]   (default: HEAD, the last commit)";

/** @param {string[]} argv */
function main(argv) {
  /** @type {string | undefined} */
  let base;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      return 0;
    }
    if (arg === "--base" && argv[i + 1] !== undefined) base = argv[++i];
    else if (arg.startsWith("--base=")) base = arg.slice("--base=".length);
    else {
      console.error(`api-changes: unexpected argument ${arg}\n${USAGE}`);
      return 2;
    }
  }
  return runApiChanges(process.cwd(), base);
}

process.exitCode = main(process.argv.slice(2));
