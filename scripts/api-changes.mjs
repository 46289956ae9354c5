#!/usr/bin/env node
// Step of `npm run generate` (after `smithy build`): writes model/generated/api-changes.md, the
// changelog of the latest model change for users of the generated client and server.
import { updateApiChanges } from "./lib/api-changes.mjs";
import { gitRoot } from "./lib/git.mjs";

const root = gitRoot(process.cwd());
if (root === undefined) {
  console.log("api-changes: not in a git work tree, so there is no earlier model to compare with; skipped");
} else {
  try {
    const result = updateApiChanges({ root });
    if (result.action === "skipped") console.log(`api-changes: skipped, ${result.reason}`);
    else if (result.action === "written")
      console.log(`api-changes: wrote ${result.file} (${result.summary})`);
    else if (result.action === "restored") {
      console.log(`api-changes: the API matches the last commit; restored the committed ${result.file}`);
    } else console.log(`api-changes: the API matches the last commit; kept ${result.file}`);
  } catch (error) {
    console.error(`api-changes: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
