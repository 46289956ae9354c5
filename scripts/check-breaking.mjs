#!/usr/bin/env node
// `npm run check:breaking`: compares the Smithy model at a base commit with the working tree and
// fails on a change that breaks existing clients or servers, unless it is deliberate (a service
// version bump, or an entry in model/breaking-changes.json). Policy: model/README.md.
//
// Base: --base <ref>, else SEQSTORE_DIFF_BASE, else the merge base with origin/main, else HEAD~1. The same
// base gives the same changes as model/generated/api-changes.md (`node scripts/api-changes.mjs --base`).
import { diffModels, formatDiffTable } from "@seqstore/smithy";
import {
  ACKNOWLEDGED_FILE,
  AcknowledgementsError,
  acknowledgementTemplate,
  acknowledgementsPath,
  chooseBase,
  evaluateBreakingPolicy,
  readAcknowledgements,
} from "./lib/breaking-policy.mjs";
import { gitRoot, resolveCommit } from "./lib/git.mjs";
import { loadModelAt, loadWorkingModel, MODEL_CONFIG, serviceVersions } from "./lib/model-versions.mjs";

const USAGE = "Usage: node scripts/check-breaking.mjs [--base <git-ref>]   (or SEQSTORE_DIFF_BASE=<git-ref>)";

/**
 * @param {string[]} argv
 * @returns {number} exit code
 */
function main(argv) {
  let explicit = process.env.SEQSTORE_DIFF_BASE;
  let label = "SEQSTORE_DIFF_BASE";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      return 0;
    }
    if (arg === "--base" && argv[i + 1] !== undefined) {
      explicit = argv[++i];
      label = "--base";
    } else if (arg?.startsWith("--base=")) {
      explicit = arg.slice("--base=".length);
      label = "--base";
    } else {
      console.error(`check:breaking: unexpected argument ${arg}\n${USAGE}`);
      return 2;
    }
  }

  const root = gitRoot(process.cwd());
  if (root === undefined) {
    console.log(
      "check:breaking: skipped, not in a git work tree (there is no earlier model to compare with)",
    );
    return 0;
  }
  const base = chooseBase(root, explicit, "model", label);
  if ("skip" in base) {
    console.log(`check:breaking: skipped, ${base.skip}`);
    return 0;
  }
  if ("error" in base) {
    console.error(`check:breaking: ${base.error}`);
    return 1;
  }
  const short = resolveCommit(base.ref, root)?.slice(0, 12) ?? base.ref;
  const before = loadModelAt(root, base.ref, MODEL_CONFIG);
  if (!before.ok) {
    if (before.problems[0]?.includes("does not exist at git revision")) {
      console.log(`check:breaking: skipped, ${MODEL_CONFIG} does not exist at ${base.ref} (${short})`);
      return 0;
    }
    console.error(`check:breaking: cannot read the model at ${base.ref} (${short}):`);
    for (const line of before.problems) console.error(`  ${line}`);
    console.error("Pass --base (or set SEQSTORE_DIFF_BASE to) a commit whose model loads.");
    return 1;
  }
  const after = loadWorkingModel(root, MODEL_CONFIG);
  if (!after.ok) {
    for (const line of after.problems) console.error(line);
    console.error("check:breaking: fix the model first (`npm run generate` shows the same errors)");
    return 1;
  }

  let acknowledged;
  try {
    acknowledged = readAcknowledgements(acknowledgementsPath(root));
  } catch (error) {
    if (!(error instanceof AcknowledgementsError)) throw error;
    console.error(`check:breaking: ${error.message}`);
    return 1;
  }

  console.log(`Model changes: base ${base.ref} (${short}, ${base.why}) → working tree\n`);
  const events = diffModels(before.model, after.model);
  process.stdout.write(formatDiffTable(events));
  const verdict = evaluateBreakingPolicy({
    events,
    versionsBefore: serviceVersions(before.model),
    versionsAfter: serviceVersions(after.model),
    acknowledged,
  });
  const count = (/** @type {number} */ n) => `${n} breaking change${n === 1 ? "" : "s"}`;

  for (const ack of verdict.unused) {
    console.log(
      `note: ${ACKNOWLEDGED_FILE} acknowledges ${ack.id} on ${ack.shapeId}, which this diff does not contain (remove it once the base includes the change)`,
    );
  }
  if (verdict.breaking.length === 0) {
    console.log("\ncheck:breaking: no breaking changes");
    return 0;
  }
  if (verdict.bumps.length > 0) {
    const bumps = verdict.bumps.map((b) => `${b.service} ${b.from || "(none)"} → ${b.to || "(none)"}`);
    console.log(
      `\ncheck:breaking: ${count(verdict.breaking.length)} accepted: service version bumped (${bumps.join(", ")})`,
    );
    return 0;
  }
  if (verdict.ok) {
    console.log(
      `\ncheck:breaking: ${count(verdict.breaking.length)}, all acknowledged in ${ACKNOWLEDGED_FILE}`,
    );
    return 0;
  }
  console.error(`\ncheck:breaking: ${count(verdict.unacknowledged.length)} not acknowledged:`);
  for (const e of verdict.unacknowledged) console.error(`  ${e.id}  ${e.shapeId}  ${e.message}`);
  console.error(
    [
      "",
      "Existing clients or servers break with this change. Either",
      "  - make the change compatible (see `smithy diff --list-rules`), or",
      "  - bump the service `version` in the model (a new API version), or",
      `  - acknowledge each break in ${ACKNOWLEDGED_FILE} with the reason it is acceptable:`,
      acknowledgementTemplate(verdict.unacknowledged).replace(/^/gm, "    "),
    ].join("\n"),
  );
  return 1;
}

process.exitCode = main(process.argv.slice(2));
