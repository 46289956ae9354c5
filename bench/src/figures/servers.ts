// Launchers for the bench's own servers (src/servers/*.ts), each in its own process.
import { benchFile } from "../paths.js";
import { tsxArgs } from "../process/child.js";
import { type ServerProcess, startServerProcess } from "../process/server-process.js";

export type BenchServer =
  | "express-bare"
  | "express-eov"
  | "express-stub"
  | "node-bare"
  | "node-stub"
  | "json-echo"
  | "durable-floor"
  | "file-pipe";

/** `args` go to the server's command line (durable-floor and file-pipe take the directory their files go in). */
export function startBenchServer(name: BenchServer, args: readonly string[] = []): Promise<ServerProcess> {
  return startServerProcess(process.execPath, tsxArgs(benchFile(`src/servers/${name}.ts`), args), {
    what: `${name} server`,
  });
}
