// The shared shape of the HTTP figures: two servers in their own processes, loaded in turn by one load
// process (src/load/alternating-load.ts): in each round the servers take turns in slices of a second.
import { CONNECTIONS, type LoadRound, runAlternatingLoad } from "../load/autocannon.js";
import type { CreateTraffic } from "../load/create-requests.js";
import type { ServerProcess } from "../process/server-process.js";
import { CREATE_PATH, CREATE_REQUEST_BODY } from "../servers/fixture.js";
import type { Check, SeriesInput } from "../types.js";
import type { FigureContext } from "./figure.js";

export interface HttpSide {
  label: string;
  start(): Promise<ServerProcess>;
}

export interface HttpComparison {
  ours: SeriesInput;
  baseline: SeriesInput;
  urls: { ours: string; baseline: string };
}

/** How long one server is loaded before the other takes its turn. */
export const SLICE_SECONDS = 1;

/** The details that hold CPU time per request (µs, all threads) of the server and of the load process. */
export const SERVER_CPU = "serverCpuUsPerRequest";
export const LOAD_CPU = "loadCpuUsPerRequest";

/** How the HTTP figures load their servers, for their notes. */
export const ALTERNATION_NOTE = `Load: autocannon (${CONNECTIONS} connections) in its own process; in each round the two servers take turns in ${SLICE_SECONDS} s slices (ABBA order) for the round's duration each, so both are measured through the same spells of this machine's speed; a round's rate is its slices' requests over their time, its latencies the median of its slices'; ${SERVER_CPU} is the server process's CPU time per request (all its threads, from Linux's /proc), ${LOAD_CPU} the load process's own.`;

function series(label: string, rounds: LoadRound[]): SeriesInput {
  const details: Record<string, number[]> = {
    p50Ms: rounds.map((r) => r.p50Ms),
    p99Ms: rounds.map((r) => r.p99Ms),
    requests: rounds.map((r) => r.requests),
  };
  // CPU per request, where every round measured it (Linux): the server's, and the load process's own.
  const server = rounds.map((r) => r.serverCpuMicrosPerRequest);
  if (server.every((value) => value !== undefined)) details[SERVER_CPU] = server;
  const load = rounds.map((r) => r.loadCpuMicrosPerRequest);
  if (load.every((value) => value !== undefined)) details[LOAD_CPU] = load;
  return { label, rounds: rounds.map((r) => r.requestsPerSecond), details };
}

export async function compareHttp(
  context: FigureContext,
  sides: { ours: HttpSide; baseline: HttpSide },
  traffic: CreateTraffic,
  beforeLoad?: (urls: { ours: string; baseline: string }) => Promise<void>,
): Promise<HttpComparison> {
  const { rounds, durationSeconds, quick } = context.options;
  const started: ServerProcess[] = [];
  try {
    const baseline = await sides.baseline.start();
    started.push(baseline);
    const ours = await sides.ours.start();
    started.push(ours);
    const urls = { ours: ours.url, baseline: baseline.url };
    await beforeLoad?.(urls);
    const sliceSeconds = Math.min(SLICE_SECONDS, durationSeconds);
    context.log(`warm-up, then ${rounds} round(s) of ${sliceSeconds} s turns, ${durationSeconds} s a side`);
    const measured = await runAlternatingLoad({
      urls: [ours.url, baseline.url],
      pids: [ours.pid, baseline.pid],
      peers: [[...(ours.peers ?? [])], [...(baseline.peers ?? [])]],
      traffic,
      connections: CONNECTIONS,
      warmUpSeconds: quick ? 1 : 2,
      rounds,
      slicesPerRound: Math.max(1, Math.round(durationSeconds / sliceSeconds)),
      sliceSeconds,
    });
    measured.rounds[0].forEach((round, index) => {
      context.log(
        `round ${index + 1} ${sides.ours.label}: ${round.requestsPerSecond.toFixed(0)} req/s; ${sides.baseline.label}: ${measured.rounds[1][index]?.requestsPerSecond.toFixed(0)} req/s`,
      );
    });
    return {
      ours: series(sides.ours.label, measured.rounds[0]),
      baseline: series(sides.baseline.label, measured.rounds[1]),
      urls,
    };
  } finally {
    await Promise.all(started.map((server) => server.stop()));
  }
}

export interface SameAnswer {
  same: boolean;
  ours: string;
  baseline: string;
}

/** POSTs the request to both servers and tells whether they answer the same JSON (the comparison is fair). */
export async function sameJsonAnswer(
  urls: { ours: string; baseline: string },
  path: string,
  body: string,
): Promise<SameAnswer> {
  const post = async (url: string) => {
    const response = await fetch(url + path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    return `${response.status} ${JSON.stringify(await response.json())}`;
  };
  const [ours, baseline] = [await post(urls.ours), await post(urls.baseline)];
  return { same: ours === baseline, ours, baseline };
}

/**
 * The server-stub figures: CreateSequenceStore load against two servers that must give the same answer,
 * with that sameness reported as a check (a faster server that answers differently proves nothing).
 */
export async function compareCreateLoad(
  context: FigureContext,
  sides: { ours: HttpSide; baseline: HttpSide },
): Promise<HttpComparison & { answers: SameAnswer | undefined; sameBody: Check }> {
  let answers: SameAnswer | undefined;
  const result = await compareHttp(context, sides, "create", async (urls) => {
    answers = await sameJsonAnswer(urls, CREATE_PATH, CREATE_REQUEST_BODY);
  });
  const sameBody: Check = {
    name: "same response body",
    value: answers?.same ? "yes" : "no",
    limit: "yes",
    pass: answers?.same === true,
  };
  return { ...result, answers, sameBody };
}
