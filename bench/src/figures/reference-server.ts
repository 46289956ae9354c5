// Starting apps/reference-server as a user would (its bin), with flags chosen from what its --help offers.
import path from "node:path";
import { repoFile } from "../paths.js";
import { run } from "../process/child.js";
import { type ServerProcess, startServerProcess } from "../process/server-process.js";

export const REFERENCE_BIN = repoFile("apps/reference-server/bin/seqstore-server.js");

export async function referenceServerHelp(): Promise<string> {
  const result = await run(process.execPath, [REFERENCE_BIN, "--help"], { timeoutMs: 15_000 });
  return result.stdout + result.stderr;
}

export function startReferenceServer(
  help: string,
  scratchDir: string,
  extraArgs: readonly string[] = [],
): Promise<ServerProcess> {
  const args = [
    REFERENCE_BIN,
    "--port",
    "0",
    "--db",
    path.join(scratchDir, "reference.db"),
    "--max-stores",
    "100000000",
  ];
  // Per-request logging would measure the terminal, not the server.
  if (help.includes("--log-level")) args.push("--log-level", "silent");
  args.push(...extraArgs);
  return startServerProcess(process.execPath, args, { what: "reference server" });
}
