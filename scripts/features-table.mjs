#!/usr/bin/env node
// Rewrites the "Supported Smithy features" table in model/README.md from the generators' support list
// (scripts/lib/generate/codegen-support.json), after an entry changed. `--check` only says whether it differs.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  FEATURES_DOC,
  readCodegenSupport,
  renderFeaturesTable,
  TABLE_END,
  TABLE_START,
} from "./lib/generate/codegen-support.mjs";

const path = fileURLToPath(new URL(`../${FEATURES_DOC}`, import.meta.url));
const doc = readFileSync(path, "utf8");
const start = doc.indexOf(TABLE_START);
const end = doc.indexOf(TABLE_END);
if (start < 0 || end < start) {
  console.error(`features-table: ${FEATURES_DOC} lacks the lines ${TABLE_START} … ${TABLE_END}`);
  process.exit(1);
}
const table = renderFeaturesTable(await readCodegenSupport());
const updated = `${doc.slice(0, start + TABLE_START.length)}\n\n${table}\n\n${doc.slice(end)}`;
if (updated === doc) {
  console.log(`features-table: ${FEATURES_DOC} is up to date`);
} else if (process.argv.includes("--check")) {
  console.error(
    `features-table: ${FEATURES_DOC} differs from the support list (run node scripts/features-table.mjs)`,
  );
  process.exitCode = 1;
} else {
  writeFileSync(path, updated);
  console.log(`features-table: rewrote the table in ${FEATURES_DOC}`);
}
