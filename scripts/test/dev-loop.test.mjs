// `npm run dev` on a throwaway model: regenerates on save, reports a broken model at file:line:col
// and keeps watching, regenerates again once it is fixed, and stops cleanly on Ctrl-C (SIGINT).
import { spawn } from "node:child_process";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  cleanEnv,
  removeDir,
  SHOP_BUILD_CONFIG,
  SHOP_MODEL,
  scriptsDir,
  tempDir,
  writeFiles,
} from "./helpers.mjs";

/** Starts dev.mjs and lets the test wait for output lines. */
function startDev(/** @type {string} */ modelDir) {
  const child = spawn(process.execPath, [join(scriptsDir, "dev.mjs"), "--model-dir", ".", "--no-server"], {
    cwd: modelDir,
    env: cleanEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  /** @type {string[]} */
  const lines = [];
  /** @type {(() => void)[]} */
  const listeners = [];
  let buffered = "";
  const onData = (/** @type {Buffer} */ chunk) => {
    buffered += chunk.toString("utf8");
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    lines.push(...parts);
    for (const listener of [...listeners]) listener();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  let seen = 0;

  /**
   * Resolves with the first line after the previously awaited one that matches `pattern`.
   * @param {RegExp} pattern
   * @returns {Promise<string>}
   */
  const next = (pattern) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const index = lines.findIndex((line, i) => i >= seen && pattern.test(line));
        if (index < 0) return false;
        seen = index + 1;
        listeners.splice(listeners.indexOf(listener), 1);
        clearTimeout(deadline);
        resolve(/** @type {string} */ (lines[index]));
        return true;
      };
      const listener = () => void check();
      const deadline = setTimeout(() => {
        listeners.splice(listeners.indexOf(listener), 1);
        reject(new Error(`no line matching ${pattern} in dev.mjs output:\n${lines.join("\n")}`));
      }, 20_000);
      listeners.push(listener);
      check();
    });
  return { child, lines, next, exited };
}

/** Saves like many editors do: write a temporary file, then rename it over the original. */
function saveAtomically(/** @type {string} */ path, /** @type {string} */ text) {
  writeFileSync(`${path}.tmp~`, text);
  renameSync(`${path}.tmp~`, path);
}

describe("dev.mjs", () => {
  /** @type {string} */
  let dir;
  /** @type {ReturnType<typeof startDev> | undefined} */
  let dev;
  beforeEach(() => {
    dir = tempDir("dev");
    writeFiles(dir, { "smithy-build.json": SHOP_BUILD_CONFIG, "smithy/shop.smithy": SHOP_MODEL });
  });
  afterEach(async () => {
    if (dev && dev.child.exitCode === null) {
      dev.child.kill("SIGKILL");
      await dev.exited;
    }
    removeDir(dir);
  });

  it("regenerates on save, survives a broken model, and stops on SIGINT", async () => {
    const source = join(dir, "smithy", "shop.smithy");
    const built = () => readFileSync(join(dir, "generated", "source", "model", "model.json"), "utf8");
    dev = startDev(dir);
    await dev.next(/^\[model\] regenerated from smithy-build\.json/);
    expect(built()).toContain("example.shop#GetItem");

    writeFileSync(source, `${SHOP_MODEL}\nstructure Extra {}\n`);
    await dev.next(/^\[model\] changed: smithy\/shop\.smithy$/);
    await dev.next(/^\[model\] regenerated/);
    expect(built()).toContain("example.shop#Extra");

    saveAtomically(source, `${SHOP_MODEL}\nstructure Broken {\n    a: \n}\n`);
    const diagnostic = await dev.next(/ERROR/);
    expect(diagnostic).toMatch(/^\[model\] smithy\/shop\.smithy:\d+:\d+: ERROR Syntax error/);
    await dev.next(/^\[model\] the model has errors: not regenerated$/);
    expect(built()).not.toContain("example.shop#Broken");
    expect(dev.child.exitCode).toBe(null);

    // After an atomic save the file is a new inode; a watcher on the old one misses this write.
    writeFileSync(source, `${SHOP_MODEL}\nstructure Fixed {}\n`);
    await dev.next(/^\[model\] regenerated/);
    expect(built()).toContain("example.shop#Fixed");

    dev.child.kill("SIGINT");
    expect(await dev.exited).toBe(0);
    expect(dev.lines).toContain("[dev] SIGINT: stopping");
  });

  it("rejects a folder without smithy-build.json", async () => {
    dev = startDev(join(dir, "smithy"));
    expect(await dev.exited).toBe(2);
    expect(dev.lines.join("\n")).toContain("smithy-build.json does not exist");
  });
});
