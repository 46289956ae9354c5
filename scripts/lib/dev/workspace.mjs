// Where things are in the seqstore workspace, for `npm run dev`.
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";

export const SERVER_PACKAGE = "@seqstore/reference-server";
export const SERVER_DIR = "apps/reference-server";
export const SERVER_BIN = "apps/reference-server/bin/seqstore-server.js";
export const SERVER_ENTRY = "apps/reference-server/dist/cli.js";
export const SMITHY_BIN = "packages/smithy/bin/smithy.js";
export const SMITHY_ENTRY = "packages/smithy/dist/cli.js";

/**
 * The `src/` folders the reference server is built from: its own and those of the workspace
 * packages it depends on at run time (the server stub, the types), found through package.json.
 * @param {string} root
 * @returns {string[]}
 */
export function serverSourceDirs(root) {
  /** @type {Set<string>} */
  const packageDirs = new Set();
  /** @param {string} dir */
  const visit = (dir) => {
    if (packageDirs.has(dir)) return;
    packageDirs.add(dir);
    const manifest = join(dir, "package.json");
    if (!existsSync(manifest)) return;
    const pkg = /** @type {{ dependencies?: Record<string, string> }} */ (
      JSON.parse(readFileSync(manifest, "utf8"))
    );
    for (const name of Object.keys(pkg.dependencies ?? {})) {
      if (!name.startsWith("@seqstore/")) continue;
      const linked = join(root, "node_modules", name);
      if (existsSync(linked)) visit(realpathSync(linked));
    }
  };
  visit(join(root, SERVER_DIR));
  return [...packageDirs].map((dir) => join(dir, "src")).filter((dir) => existsSync(dir));
}
