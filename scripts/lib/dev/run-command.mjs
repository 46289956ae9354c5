// Child processes of `npm run dev`. Each runs in its own process group so that stopping it also stops
// what it started (npx → turbo → tasks), and so a terminal Ctrl-C reaches only dev.mjs, which then
// shuts the children down in order.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

/**
 * @typedef {{
 *   pid: number | undefined,
 *   exited: Promise<number>,
 *   signal: (signal: NodeJS.Signals) => void,
 * }} Child
 */

/**
 * Starts `command args`, handing every output line (stdout and stderr) to `onLine`.
 * `exited` resolves with the exit code (128 + signal number style codes become 1); it never rejects.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd: string, onLine: (line: string, stream: "stdout" | "stderr") => void, env?: NodeJS.ProcessEnv }} options
 * @returns {Child}
 */
export function startChild(command, args, { cwd, onLine, env = process.env }) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const readers = [
    createInterface({ input: child.stdout }).on("line", (line) => onLine(line, "stdout")),
    createInterface({ input: child.stderr }).on("line", (line) => onLine(line, "stderr")),
  ];
  const exited = new Promise((resolve) => {
    child.once("error", (error) => {
      onLine(`cannot start ${command}: ${error.message}`, "stderr");
      resolve(1);
    });
    // `close` (not `exit`) so the last output lines have been delivered.
    child.once("close", (code) => {
      for (const reader of readers) reader.close();
      resolve(code ?? 1);
    });
  });
  return {
    pid: child.pid,
    exited,
    signal: (signal) => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    },
  };
}

/**
 * Asks a child to stop (SIGTERM) and kills its process group if it is still there after `graceMs`.
 * @param {Child} child
 * @param {number} [graceMs]
 */
export async function stopChild(child, graceMs = 5000) {
  child.signal("SIGTERM");
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const killed = new Promise((resolve) => {
    timer = setTimeout(() => {
      child.signal("SIGKILL");
      resolve(undefined);
    }, graceMs);
  });
  await Promise.race([child.exited, killed]);
  clearTimeout(timer);
  return child.exited;
}

/**
 * Runs a command to completion, collecting its output.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd: string, track?: (child: Child | undefined) => void, env?: NodeJS.ProcessEnv }} options
 * @returns {Promise<{ code: number, lines: string[] }>}
 */
export async function runToEnd(command, args, { cwd, track, env }) {
  /** @type {string[]} */
  const lines = [];
  const child = startChild(command, args, { cwd, env, onLine: (line) => lines.push(line) });
  track?.(child);
  const code = await child.exited;
  track?.(undefined);
  return { code, lines };
}
