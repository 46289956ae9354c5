#!/usr/bin/env node
// Fails when the committed generated files differ from what `npm run generate` just produced.
// Run `npm run generate` first (CI does); this only compares the working tree with git.
import { execFileSync } from "node:child_process";

const GENERATED = ["model/generated", "packages/types/src/generated", "packages/client/src/generated", "packages/server/src/generated"];

const status = execFileSync("git", ["status", "--porcelain", "--untracked-files=all", "--", ...GENERATED], {
  encoding: "utf8",
});
const changed = status
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => line.slice(3));

if (changed.length === 0) {
  console.log("generated files are up to date with the Smithy model");
} else {
  console.error("Generated files differ from what the Smithy model produces:");
  for (const file of changed) console.error(`  ${file}`);
  console.error("\nRun `npm run generate` and commit the result. Never edit generated files by hand.");
  console.error(execFileSync("git", ["diff", "--stat", "--", ...GENERATED], { encoding: "utf8" }));
  process.exitCode = 1;
}
