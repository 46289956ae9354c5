// Compiles generated types, client and server for another model than ours with `tsc --strict`: each
// package's hand-written src/ is copied next to the generated files in a scratch folder under
// node_modules/.cache (so the repository's dependencies resolve), and `@seqstore/types` points at the copy.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const PACKAGES = /** @type {const} */ (["types", "client", "server"]);

/**
 * @param {string} root the repository
 * @param {string} name the scratch folder's name
 * @param {import("./render-service.mjs").ServiceFiles} files
 * @returns {{ dir: string, code: number | null, output: string }}
 */
export function compileService(root, name, files) {
  const dir = join(root, "node_modules", ".cache", "seqstore-compile", name);
  rmSync(dir, { recursive: true, force: true });
  for (const pkg of PACKAGES) {
    cpSync(join(root, "packages", pkg, "src"), join(dir, pkg, "src"), {
      recursive: true,
      filter: (source) => !source.includes(`${join("src", "generated")}`),
    });
    for (const [relative, source] of Object.entries(files[pkg])) {
      const file = join(dir, pkg, relative);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, source);
    }
  }
  const tsconfig = {
    extends: join(root, "tsconfig.base.json"),
    compilerOptions: {
      noEmit: true,
      strict: true,
      rootDir: ".",
      paths: { "@seqstore/types": ["./types/src/index.ts"] },
    },
    include: PACKAGES.map((pkg) => `${pkg}/src`),
  };
  writeFileSync(join(dir, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
  const tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
  const result = spawnSync(
    process.execPath,
    [tsc, "-p", join(dir, "tsconfig.json"), "--strict", "--pretty", "false"],
    {
      cwd: dir,
      encoding: "utf8",
    },
  );
  return { dir, code: result.status, output: `${result.stdout}${result.stderr}` };
}
