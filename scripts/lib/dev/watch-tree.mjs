// Debounced watching of a folder tree. Each directory gets its own (non-recursive) fs.watch: on
// Linux, Node 20's `recursive: true` watches files by inode and goes deaf to a file once an editor
// saves it atomically (write a temp file, rename it over the original); a directory watcher sees
// every later write. New and removed subdirectories are picked up on each rename event.
// Editors save in bursts (temp file, rename, chmod), so events are collected for `debounceMs`.
import { existsSync, readdirSync, watch } from "node:fs";
import { join, relative } from "node:path";

/**
 * @param {string} root
 * @param {{
 *   accept: (relativePath: string) => boolean,
 *   onChange: (relativePaths: string[]) => void,
 *   onError: (error: Error) => void,
 *   skipDir?: (name: string) => boolean,
 *   debounceMs?: number,
 * }} options
 * @returns {{ close: () => void }}
 */
export function watchTree(root, { accept, onChange, onError, skipDir = () => false, debounceMs = 200 }) {
  /** @type {Map<string, import("node:fs").FSWatcher>} */
  const watchers = new Map();
  /** @type {Set<string>} */
  const changed = new Set();
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  let closed = false;

  /** @returns {string[]} every directory of the tree that is watched */
  const directories = () => {
    if (!existsSync(root)) return [];
    const found = [root];
    for (let i = 0; i < found.length; i++) {
      const dir = /** @type {string} */ (found[i]);
      try {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          if (entry.isDirectory() && !skipDir(entry.name)) found.push(join(dir, entry.name));
        }
      } catch {
        // Removed while walking: the next sync drops it.
      }
    }
    return found;
  };

  const sync = () => {
    if (closed) return;
    const wanted = new Set(directories());
    for (const [dir, watcher] of watchers) {
      if (wanted.has(dir)) continue;
      watcher.close();
      watchers.delete(dir);
    }
    for (const dir of wanted) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, (event, filename) => changedIn(dir, event, filename));
        watcher.on("error", (error) => {
          // A removed directory errors on some platforms; that is what sync() is for.
          if (existsSync(dir)) onError(error);
          watcher.close();
          watchers.delete(dir);
        });
        watchers.set(dir, watcher);
      } catch (error) {
        if (existsSync(dir)) onError(/** @type {Error} */ (error));
      }
    }
  };

  /**
   * @param {string} dir
   * @param {string} event
   * @param {string | Buffer | null} filename
   */
  const changedIn = (dir, event, filename) => {
    if (closed) return;
    // Some platforms do not say which file changed: report the directory itself.
    const path = relative(root, filename === null ? dir : join(dir, filename.toString()));
    const shown = path.split("\\").join("/") || ".";
    if (event === "rename") sync();
    if (filename !== null && !accept(shown)) return;
    changed.add(shown);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...changed].sort();
      changed.clear();
      onChange(paths);
    }, debounceMs);
  };

  sync();
  return {
    close: () => {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
