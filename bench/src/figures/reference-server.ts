// Starting apps/reference-server as a user would (its bin), with flags chosen from what its --help offers.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { BENCH_ACCOUNT_ID, BENCH_CREDENTIALS } from "../load/credentials.js";
import { repoFile } from "../paths.js";
import { run } from "../process/child.js";
import { type ServerProcess, startServerProcess } from "../process/server-process.js";

export const REFERENCE_BIN = repoFile("apps/reference-server/bin/seqstore-server.js");

export async function referenceServerHelp(): Promise<string> {
  const result = await run(process.execPath, [REFERENCE_BIN, "--help"], { timeoutMs: 15_000 });
  return result.stdout + result.stderr;
}

/**
 * The flags that make the server verify SigV4 with the bench's credentials, when its --help offers them
 * (older servers had no auth at all: then it runs without, and `verifies` says so).
 */
export function sigV4Args(help: string, scratchDir: string): { verifies: boolean; args: string[] } {
  const verifies = /--auth\b/.test(help) && /sigv4/i.test(help);
  const args: string[] = [];
  if (verifies) {
    args.push("--auth", "sigv4");
    if (help.includes("--credentials")) {
      const file = path.join(scratchDir, "credentials.json");
      writeFileSync(file, JSON.stringify([{ ...BENCH_CREDENTIALS, accountId: BENCH_ACCOUNT_ID }]));
      args.push("--credentials", file);
    }
  }
  return { verifies, args };
}

/**
 * `db`: a SQLite file or a postgres:// URL (default: reference.db in the scratch directory); `nodeArgs`
 * go to node before the launcher (e.g. --cpu-prof).
 */
export function startReferenceServer(
  help: string,
  scratchDir: string,
  extraArgs: readonly string[] = [],
  db: string = path.join(scratchDir, "reference.db"),
  nodeArgs: readonly string[] = [],
): Promise<ServerProcess> {
  const args = [...nodeArgs, REFERENCE_BIN, "--port", "0", "--db", db, "--max-stores", "100000000"];
  // Per-request logging would measure the terminal, not the server.
  if (help.includes("--log-level")) args.push("--log-level", "silent");
  args.push(...extraArgs);
  return startServerProcess(process.execPath, args, { what: "reference server" });
}
