// Temporary git repositories laid out like seqstore, and a way to run the root scripts in them.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const scriptsDir = fileURLToPath(new URL("..", import.meta.url));

/** A small model with a versioned service and two operations (see fixtures/shop.smithy). */
export const SHOP_MODEL = readFileSync(join(scriptsDir, "test", "fixtures", "shop.smithy"), "utf8");

export const SHOP_BUILD_CONFIG = `${JSON.stringify(
  { version: "1.0", sources: ["smithy"], outputDirectory: "generated", plugins: { model: {} } },
  null,
  2,
)}\n`;

// Tests must not pick up the developer's git identity, signing or hooks, nor a diff base.
const GIT_ENV = {
  GIT_AUTHOR_NAME: "seqstore test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "seqstore test",
  GIT_COMMITTER_EMAIL: "test@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

/** @returns {NodeJS.ProcessEnv} */
export function cleanEnv() {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, ...GIT_ENV };
  delete env.SEQSTORE_DIFF_BASE;
  return env;
}

/** @param {string} prefix */
export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `seqstore-${prefix}-`));
}

/** @param {string} dir */
export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * @param {string} root
 * @param {Record<string, string>} files repository-relative path → content
 */
export function writeFiles(root, files) {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/**
 * @param {string} root
 * @param {string[]} args
 */
export function git(root, args) {
  return execFileSync("git", args, { cwd: root, env: cleanEnv(), encoding: "utf8" });
}

/** @param {string} root */
export function initRepo(root) {
  git(root, ["init", "--quiet", "--initial-branch=main"]);
}

/**
 * @param {string} root
 * @param {string} message
 */
export function commitAll(root, message) {
  git(root, ["add", "-A"]);
  git(root, ["commit", "--quiet", "--no-verify", "-m", message]);
}

/**
 * Runs `node scripts/<script> ...args` in `cwd`.
 * @param {string} script
 * @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv }} options
 */
export function runScript(script, args, { cwd, env = cleanEnv() }) {
  const result = spawnSync(process.execPath, [join(scriptsDir, script), ...args], {
    cwd,
    env,
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
