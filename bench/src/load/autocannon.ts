// HTTP load from autocannon, always as a separate process (its own CPU time never counts against the server).
import { benchFile } from "../paths.js";
import { runForJson, tsxArgs } from "../process/child.js";
import type { AlternatingLoadConfig, AlternatingLoadResult } from "./alternating-load.js";

export interface LoadRound {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** CPU time per request of the server, all its threads (absent where /proc cannot tell). */
  serverCpuMicrosPerRequest?: number;
  /** CPU time per request of the load process itself (autocannon, and the signing of figure 3's requests). */
  loadCpuMicrosPerRequest?: number;
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

/** Runs the alternating load of two servers in its own process (src/workers/http-load.ts). */
export async function runAlternatingLoad(config: AlternatingLoadConfig): Promise<AlternatingLoadResult> {
  const seconds =
    2 * config.warmUpSeconds + 2 * config.rounds * config.slicesPerRound * (config.sliceSeconds + 0.2);
  return (await runForJson(
    process.execPath,
    tsxArgs(benchFile("src/workers/http-load.ts"), [JSON.stringify(config)]),
    {
      what: "load process",
      timeoutMs: (seconds + 60) * 1000,
    },
  )) as AlternatingLoadResult;
}
