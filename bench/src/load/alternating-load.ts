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
  /**
   * Per side, further instances that share its load: autocannon spreads its connections over the side's
   * URLs, and the side's CPU time is that of all its processes.
   */
  peers?: [Peer[], Peer[]];
}

export interface Peer {
  url: string;
  pid: number;
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

/** CPU time of all the processes, or undefined when /proc cannot tell for one of them. */
function groupCpuNanos(pids: readonly number[]): number | undefined {
  let total = 0;
  for (const pid of pids) {
    const nanos = processCpuNanos(pid);
    if (nanos === undefined) return undefined;
    total += nanos;
  }
  return total;
}

/**
 * One slice of load on a side's URLs, with what it cost the side's servers (when `pids` are given and /proc
 * can tell) and this process.
 */
async function slice(
  urls: readonly string[],
  request: AutocannonRequest,
  connections: number,
  seconds: number,
  pids: readonly number[] | undefined,
): Promise<LoadRound> {
  const serverBefore = pids === undefined ? undefined : groupCpuNanos(pids);
  const loadBefore = ownCpuNanos();
  const round = await autocannonSlice(urls, request, connections, seconds);
  const serverAfter = pids === undefined ? undefined : groupCpuNanos(pids);
  const perRequest = (nanos: number) => nanos / 1000 / round.requests;
  round.loadCpuMicrosPerRequest = perRequest(ownCpuNanos() - loadBefore);
  if (serverBefore !== undefined && serverAfter !== undefined) {
    round.serverCpuMicrosPerRequest = perRequest(serverAfter - serverBefore);
  }
  return round;
}

function autocannonSlice(
  urls: readonly string[],
  request: AutocannonRequest,
  connections: number,
  seconds: number,
): Promise<LoadRound> {
  const origins = urls.map((url) => new URL(url).origin);
  return new Promise((resolve, reject) => {
    autocannon(
      {
        // Several URLs: autocannon gives them the connections in turn. A signed request names the first
        // one's host in its signed Host header, which autocannon sends as it is to every URL.
        url: origins.length === 1 ? origins[0] : origins,
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
            resolve(toLoadRound(result, origins.join(" + ")));
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
  const peers = config.peers ?? [[], []];
  const urlsOf = (side: 0 | 1) => [config.urls[side], ...peers[side].map((peer) => peer.url)];
  const pidsOf = (side: 0 | 1) => {
    const pid = config.pids?.[side];
    return pid === undefined ? undefined : [pid, ...peers[side].map((peer) => peer.pid)];
  };
  const run = (side: 0 | 1, seconds: number) =>
    slice(urlsOf(side), requests[side]!, config.connections, seconds, pidsOf(side));
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
