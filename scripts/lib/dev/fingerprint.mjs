// A content hash of source folders: the server is rebuilt and restarted only when what it is
// built from really changed (codegen rewrites identical files, which still fires watch events).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * @param {readonly string[]} dirs
 * @returns {string}
 */
export function fingerprintDirs(dirs) {
  const hash = createHash("sha256");
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
    for (const file of files) {
      hash.update(`${file}\0`);
      try {
        hash.update(readFileSync(file));
      } catch {
        // Deleted between listing and reading: the next change event brings us back here.
      }
      hash.update("\0");
    }
  }
  return hash.digest("hex");
}
