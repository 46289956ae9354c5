// What the load process of the HTTP figures does (src/workers/http-load.ts runs it): autocannon loading
// two servers that take turns in short slices. These machines speed up and slow down by a third within a
// minute; slices of a second, in ABBA order, put both servers through the same spells, so their ratio
// holds where whole rounds of several seconds each did not.
import { createRequire } from "node:module";
import { median } from "../stats.js";
import { type AutocannonJson, type LoadRound, toLoadRound } from "./autocannon.js";
import { type AutocannonRequest, type CreateTraffic, createTraffic } from "./create-requests.js";
import { ownCpuNanos, processCpuNanos } from "./process-cpu.js";

export interface AlternatingLoadConfig {
  /** The two servers' base URLs; results come back in the same order. */
  urls: [string, string];
  traffic: CreateTraffic;
  connections: number;
  warmUpSeconds: number;
  rounds: number;
  /** Slices per side in each round. */
  slicesPerRound: number;
  sliceSeconds: number;
  /** The two servers' process IDs (same order as `urls`), to measure their CPU time per request. */
  pids?: [number, number];
}

export interface AlternatingLoadResult {
  /** Per server, one entry per round: that round's slices added up. */
  rounds: [LoadRound[], LoadRound[]];
}

type Autocannon = (
  options: Record<string, unknown>,
  done: (error: unknown, result: AutocannonJson) => void,
) => unknown;

// autocannon is CommonJS without type declarations: load it through require and describe what is used.
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/** One slice of load, with what it cost the server (when `pid` is given and /proc can tell) and this process. */
async function slice(
  url: string,
  request: AutocannonRequest,
  connections: number,
  seconds: number,
  pid: number | undefined,
): Promise<LoadRound> {
  const serverBefore = pid === undefined ? undefined : processCpuNanos(pid);
  const loadBefore = ownCpuNanos();
  const round = await autocannonSlice(url, request, connections, seconds);
  const serverAfter = pid === undefined ? undefined : processCpuNanos(pid);
  const perRequest = (nanos: number) => nanos / 1000 / round.requests;
  round.loadCpuMicrosPerRequest = perRequest(ownCpuNanos() - loadBefore);
  if (serverBefore !== undefined && serverAfter !== undefined) {
    round.serverCpuMicrosPerRequest = perRequest(serverAfter - serverBefore);
  }
  return round;
}

function autocannonSlice(
  url: string,
  request: AutocannonRequest,
  connections: number,
  seconds: number,
): Promise<LoadRound> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: new URL(url).origin,
        connections,
        duration: seconds,
        // autocannon stops at its first sample after the duration: sample often, so a slice ends on time.
        sampleInt: 100,
        requests: [request],
      },
      (error, result) => {
        if (error) reject(error);
        else {
          try {
            resolve(toLoadRound(result, url));
          } catch (refused) {
            reject(refused);
          }
        }
      },
    );
  });
}

/** A round's slices as one round: requests over the time they took; latencies as their slices' median. */
export function addUp(slices: readonly LoadRound[]): LoadRound {
  const requests = slices.reduce((sum, s) => sum + s.requests, 0);
  const seconds = slices.reduce((sum, s) => sum + s.requests / s.requestsPerSecond, 0);
  const round: LoadRound = {
    requestsPerSecond: requests / seconds,
    p50Ms: median(slices.map((s) => s.p50Ms)),
    p99Ms: median(slices.map((s) => s.p99Ms)),
    requests,
    errors: slices.reduce((sum, s) => sum + s.errors, 0),
    non2xx: slices.reduce((sum, s) => sum + s.non2xx, 0),
  };
  const serverCpu = cpuPerRequest(slices, "serverCpuMicrosPerRequest", requests);
  if (serverCpu !== undefined) round.serverCpuMicrosPerRequest = serverCpu;
  const loadCpu = cpuPerRequest(slices, "loadCpuMicrosPerRequest", requests);
  if (loadCpu !== undefined) round.loadCpuMicrosPerRequest = loadCpu;
  return round;
}

/** The slices' CPU time over their requests; undefined unless every slice measured it. */
function cpuPerRequest(
  slices: readonly LoadRound[],
  field: "serverCpuMicrosPerRequest" | "loadCpuMicrosPerRequest",
  requests: number,
): number | undefined {
  let micros = 0;
  for (const s of slices) {
    const perRequest = s[field];
    if (perRequest === undefined) return undefined;
    micros += perRequest * s.requests;
  }
  return micros / requests;
}

export async function alternatingLoad(config: AlternatingLoadConfig): Promise<AlternatingLoadResult> {
  const requests = config.urls.map((url) => createTraffic(config.traffic, url));
  const run = (side: 0 | 1, seconds: number) =>
    slice(config.urls[side], requests[side]!, config.connections, seconds, config.pids?.[side]);
  // Warm-up: JIT, connection handling, SQLite's page cache. Not recorded.
  await run(0, config.warmUpSeconds);
  await run(1, config.warmUpSeconds);
  const result: AlternatingLoadResult = { rounds: [[], []] };
  let turn = 0;
  for (let round = 0; round < config.rounds; round++) {
    const inRound: [LoadRound[], LoadRound[]] = [[], []];
    for (let pair = 0; pair < config.slicesPerRound; pair++) {
      // ABBA…: neither server always goes first.
      const order: Array<0 | 1> = turn++ % 2 === 0 ? [0, 1] : [1, 0];
      for (const side of order) inRound[side].push(await run(side, config.sliceSeconds));
    }
    for (const side of [0, 1] as const) result.rounds[side].push(addUp(inRound[side]));
  }
  return result;
}
