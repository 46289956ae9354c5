#!/usr/bin/env node
// Fails when the committed generated files differ from what `npm run generate` just produced.
// Run `npm run generate` first (CI does); this only compares the working tree with git.
import { findDrift, formatDriftReport, GENERATED_PATHS } from "./lib/generated-drift.mjs";
import { gitRoot } from "./lib/git.mjs";

const root = gitRoot(process.cwd());
if (root === undefined) {
  console.error("check:generated needs a git work tree to compare the generated files with.");
  process.exitCode = 2;
} else {
  const drifted = findDrift(root, GENERATED_PATHS);
  if (drifted.length === 0) {
    console.log("Generated files are up to date with the Smithy model.");
  } else {
    process.stderr.write(formatDriftReport(drifted, GENERATED_PATHS));
    process.exitCode = 1;
  }
}
