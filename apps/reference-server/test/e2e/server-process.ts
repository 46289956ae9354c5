// Starts the real launcher (bin/seqstore-server.js → dist/cli.js) as a child process and reads the URL it
// prints, so end-to-end tests talk to a real port the way a user's tools would.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { LOCAL_CREDENTIALS, parseCredentialsFile, parseCredentialsList } from "../../src/auth/credentials.js";

export const LAUNCHER = path.resolve(import.meta.dirname, "../../bin/seqstore-server.js");
const LISTENING = /^seqstore reference server listening on (http:\/\/\S+) /;

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface ServerProcess {
  url: string;
  /** Keys the server accepts: the first configured ones (--credentials, SEQSTORE_CREDENTIALS…), else the local defaults. */
  credentials: SigningCredentials;
  child: ChildProcess;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  output(): string;
}

export async function startServerProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [LAUNCHER, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      output += `${line}\n`;
      const match = LISTENING.exec(line);
      if (match) resolve(match[1]!);
    });
    exited.then((code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)));
  });

  return {
    url,
    credentials: configuredCredentials(args, env),
    child,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The first access key the arguments configure, as the server resolves them (flag, then environment). */
function configuredCredentials(args: readonly string[], env: NodeJS.ProcessEnv): SigningCredentials {
  const flag = args.findIndex((arg) => arg === "--credentials" || arg.startsWith("--credentials="));
  const file =
    flag === -1
      ? env.SEQSTORE_CREDENTIALS_FILE
      : args[flag]!.includes("=")
        ? args[flag]!.slice("--credentials=".length)
        : args[flag + 1];
  const configured = file
    ? parseCredentialsFile(readFileSync(file, "utf8"))
    : env.SEQSTORE_CREDENTIALS
      ? parseCredentialsList(env.SEQSTORE_CREDENTIALS)
      : [];
  const first = configured[0] ?? LOCAL_CREDENTIALS;
  return { accessKeyId: first.accessKeyId, secretAccessKey: first.secretAccessKey };
}

/** Runs the launcher to completion (for flags that make it exit at once). */
export async function runLauncher(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [LAUNCHER, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, stdout, stderr };
}
