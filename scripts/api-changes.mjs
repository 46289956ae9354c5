#!/usr/bin/env node
// Step of `npm run generate` (after `smithy build`): writes model/generated/api-changes.md, the
// changelog of the latest model change for users of the generated client and server. The one-process
// generate (scripts/generate.mjs) runs the same step in-process; this runs it alone.
import { runApiChanges } from "./lib/api-changes-step.mjs";

process.exitCode = runApiChanges(process.cwd());
