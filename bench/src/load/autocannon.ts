// HTTP load from autocannon, always as a separate process (its own CPU time never counts against the server).
import { benchFile, repoFile } from "../paths.js";
import { runForJson, tsxArgs } from "../process/child.js";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadRound {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
}

export const CONNECTIONS = 10;

export interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}

/** Reads autocannon's result (its --json output) and refuses a run that got errors. */
export function toLoadRound(result: AutocannonJson, target: string): LoadRound {
  const round: LoadRound = {
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
  // A benchmark of error responses measures the wrong thing: refuse it.
  if (round.non2xx > 0 || round.errors > 0 || round.requests === 0) {
    throw new Error(
      `load on ${target} got ${round.non2xx} non-2xx answers and ${round.errors} errors in ${round.requests} requests`,
    );
  }
  return round;
}

export async function autocannon(
  url: string,
  request: LoadRequest,
  durationSeconds: number,
): Promise<LoadRound> {
  const args = [
    repoFile("node_modules/autocannon/autocannon.js"),
    "--json",
    "--no-progress",
    "-c",
    String(CONNECTIONS),
    "-d",
    String(durationSeconds),
    "-m",
    request.method,
  ];
  for (const [name, value] of Object.entries(request.headers ?? {})) args.push("-H", `${name}=${value}`);
  if (request.body !== undefined) args.push("-b", request.body);
  args.push(url + request.path);
  const result = (await runForJson(process.execPath, args, {
    what: "autocannon",
    timeoutMs: (durationSeconds + 30) * 1000,
  })) as AutocannonJson;
  return toLoadRound(result, url + request.path);
}

/** Figure 3's load: unique, SigV4-signed creates from autocannon in its own process (./signed-creates.ts). */
export async function signedCreates(url: string, durationSeconds: number): Promise<LoadRound> {
  const result = (await runForJson(
    process.execPath,
    tsxArgs(benchFile("src/load/signed-creates.ts"), [url, String(durationSeconds), String(CONNECTIONS)]),
    { what: "signed load", timeoutMs: (durationSeconds + 30) * 1000 },
  )) as AutocannonJson;
  return toLoadRound(result, url);
}
