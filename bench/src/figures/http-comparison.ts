// The shared shape of the HTTP figures: two servers in their own processes, a warm-up each, then interleaved
// load rounds from a separate load process.
import { autocannon, type LoadRound } from "../load/autocannon.js";
import type { ServerProcess } from "../process/server-process.js";
import { CREATE_PATH, CREATE_REQUEST_BODY } from "../servers/fixture.js";
import type { Check, SeriesInput } from "../types.js";
import { type FigureContext, interleaved } from "./figure.js";

export interface HttpSide {
  label: string;
  start(): Promise<ServerProcess>;
}

export interface HttpComparison {
  ours: SeriesInput;
  baseline: SeriesInput;
  urls: { ours: string; baseline: string };
}

function series(label: string, rounds: LoadRound[]): SeriesInput {
  return {
    label,
    rounds: rounds.map((r) => r.requestsPerSecond),
    details: {
      p50Ms: rounds.map((r) => r.p50Ms),
      p99Ms: rounds.map((r) => r.p99Ms),
      requests: rounds.map((r) => r.requests),
    },
  };
}

export async function compareHttp(
  context: FigureContext,
  sides: { ours: HttpSide; baseline: HttpSide },
  load: (url: string, durationSeconds: number) => Promise<LoadRound>,
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
    // Warm-up: JIT, connection pools, SQLite page cache. Not recorded.
    const warmUpSeconds = quick ? 1 : 2;
    context.log(`warm-up ${warmUpSeconds}s each`);
    await load(baseline.url, warmUpSeconds);
    await load(ours.url, warmUpSeconds);
    const measured = await interleaved(
      rounds,
      async (round) => {
        const result = await load(ours.url, durationSeconds);
        context.log(`round ${round + 1} ${sides.ours.label}: ${result.requestsPerSecond.toFixed(0)} req/s`);
        return result;
      },
      async (round) => {
        const result = await load(baseline.url, durationSeconds);
        context.log(
          `round ${round + 1} ${sides.baseline.label}: ${result.requestsPerSecond.toFixed(0)} req/s`,
        );
        return result;
      },
    );
    return {
      ours: series(sides.ours.label, measured.ours),
      baseline: series(sides.baseline.label, measured.baseline),
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

const CREATE_LOAD = {
  method: "POST" as const,
  path: CREATE_PATH,
  body: CREATE_REQUEST_BODY,
  headers: { "content-type": "application/json" },
};

/**
 * The server-stub figures: CreateSequenceStore load against two servers that must give the same answer,
 * with that sameness reported as a check (a faster server that answers differently proves nothing).
 */
export async function compareCreateLoad(
  context: FigureContext,
  sides: { ours: HttpSide; baseline: HttpSide },
): Promise<HttpComparison & { answers: SameAnswer | undefined; sameBody: Check }> {
  let answers: SameAnswer | undefined;
  const result = await compareHttp(
    context,
    sides,
    (url, seconds) => autocannon(url, CREATE_LOAD, seconds),
    async (urls) => {
      answers = await sameJsonAnswer(urls, CREATE_PATH, CREATE_REQUEST_BODY);
    },
  );
  const sameBody: Check = {
    name: "same response body",
    value: answers?.same ? "yes" : "no",
    limit: "yes",
    pass: answers?.same === true,
  };
  return { ...result, answers, sameBody };
}
