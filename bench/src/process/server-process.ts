// A server under test in its own process; ready once it prints its URL.
import { spawn } from "node:child_process";
import { repoRoot } from "../paths.js";
import { childEnv, stopChild } from "./child.js";

export interface ServerProcess {
  url: string;
  pid: number;
  /** Further instances that share this side's load (a deployment of several instances on one database). */
  peers?: ReadonlyArray<{ url: string; pid: number }>;
  stop(): Promise<void>;
}

const URL_PATTERN = /http:\/\/127\.0\.0\.1:(\d+)/;

export function startServerProcess(
  command: string,
  args: readonly string[],
  options: { cwd?: string; what: string; timeoutMs?: number },
): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? repoRoot,
      env: childEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let seen = "";
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      void stopChild(child);
      reject(new Error(`${options.what}: ${message}`));
    };
    const timer = setTimeout(
      () => fail(`did not print its URL in time; output: ${seen.slice(-400)}`),
      options.timeoutMs ?? 20_000,
    );
    const onOutput = (chunk: string) => {
      // Keep draining the pipes (access logs must never block the server), but only remember the start.
      if (settled) return;
      seen += chunk;
      const match = URL_PATTERN.exec(seen);
      if (match && child.pid !== undefined) {
        settled = true;
        clearTimeout(timer);
        resolve({ url: match[0], pid: child.pid, stop: () => stopChild(child) });
      }
    };
    child.stdout.setEncoding("utf8").on("data", onOutput);
    child.stderr.setEncoding("utf8").on("data", onOutput);
    child.on("error", (error) => fail(error.message));
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      fail(`exited early (${code ?? signal}); output: ${seen.slice(-400)}`);
    });
  });
}
