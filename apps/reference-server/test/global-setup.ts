// The end-to-end tests run the real launcher, which loads dist/: compile it once before any test runs.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const project = path.resolve(import.meta.dirname, "../tsconfig.build.json");
  execFileSync(process.execPath, [tsc, "-p", project], { stdio: "inherit" });
}
