#!/usr/bin/env node
// Launcher for the compiled CLI (build first: npx tsc -p apps/reference-server/tsconfig.build.json).
import "../dist/cli.js";
