#!/usr/bin/env node
// `npm run generate` runs this through turbo's cached `generate:all` task (turbo.json); run directly, it
// regenerates without the cache. Everything happens in this one process: see lib/generate/pipeline.mjs.
import { fileURLToPath } from "node:url";
import { generateAll } from "./lib/generate/pipeline.mjs";

const started = performance.now();
const code = await generateAll(fileURLToPath(new URL("..", import.meta.url)));
if (code === 0) console.log(`generate: done in ${((performance.now() - started) / 1000).toFixed(1)}s`);
process.exitCode = code;
