// Child processes with a time limit: every server, load generator and worker runs in its own process.
import { type ChildProcess, spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { repoRoot } from "../paths.js";

export interface RunOptions {
  cwd?: string;
  timeoutMs: number;
  env?: Record<string, string>;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  timedOut: boolean;
}

/** Arguments that make `node` run a TypeScript file (tsx resolves from the working directory up). */
export function tsxArgs(file: string, args: readonly string[] = []): string[] {
  return ["--import", "tsx", file, ...args];
}

export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // No colours or update notices in output we parse.
  return { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", TURBO_TELEMETRY_DISABLED: "1", ...extra };
}

export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd ?? repoRoot,
      env: childEnv(options.env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, wallMs: performance.now() - start, timedOut });
    });
  });
}

/** Why a finished child counts as failed, or undefined when it succeeded. */
export function failureOf(result: RunResult, what: string): string | undefined {
  if (result.timedOut) return `${what} did not finish in time`;
  if (result.code !== 0) {
    const tail = (result.stderr.trim() || result.stdout.trim()).split("\n").slice(-6).join("\n");
    return `${what} exited with ${result.code ?? result.signal}: ${tail}`;
  }
  return undefined;
}

/** Runs a child that prints one JSON document as its last stdout line, and returns that document. */
export async function runForJson(
  command: string,
  args: readonly string[],
  options: RunOptions & { what: string },
): Promise<unknown> {
  const result = await run(command, args, options);
  const failure = failureOf(result, options.what);
  if (failure) throw new Error(failure);
  const lastLine = result.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(lastLine) as unknown;
  } catch {
    throw new Error(`${options.what} printed no JSON result: ${lastLine.slice(0, 200)}`);
  }
}

/** Stops a child we started: SIGTERM, then SIGKILL if it lingers. */
export function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
