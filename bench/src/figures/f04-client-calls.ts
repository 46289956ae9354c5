import { benchFile } from "../paths.js";
import { runForJson, tsxArgs } from "../process/child.js";
import { formatNumber } from "../report/format.js";
import { median } from "../stats.js";
import type { Figure } from "./figure.js";
import { startBenchServer } from "./servers.js";

/** What src/workers/client-calls.ts prints: per side, one number per round. */
interface ClientCallsOutput {
  client: number[];
  fetch: number[];
  minimalFetch: number[];
  clientOverFetch: number[];
  cpuMicrosPerCall: { client: number[]; fetch: number[]; minimalFetch: number[]; clientOverFetch: number[] };
  request: { headers: object };
}

/** The detail that holds the calls process's CPU time per call (µs, all threads). */
const CPU_PER_CALL = "cpuUsPerCall";

export const clientCallsFigure: Figure = {
  number: 4,
  id: "client-calls",
  title: "Generated client call vs raw fetch",
  measures:
    "calls/s of client.createSequenceStore() (serialize, send, parse, map errors, timestamps to Date) vs fetch() + response.json() sending the same request (same headers and body), sequential in one process with keep-alive, against the same raw node:http server in another process; no signing on either side. The client is used as a user gets it: in Node it sends with node:http, as the AWS SDK does. The sides take turns in 50 ms slices within each round, so drift of the machine's speed weighs on both alike.",
  unit: "calls/s",
  better: "higher",
  target: { kind: "ratio", op: ">=", value: 0.95, text: "≥ 0.95×" },
  async run(context) {
    const { rounds, durationSeconds } = context.options;
    const server = await startBenchServer("node-bare");
    try {
      const roundMs = Math.max(500, Math.round((durationSeconds * 1000) / 2));
      const result = (await runForJson(
        process.execPath,
        tsxArgs(benchFile("src/workers/client-calls.ts"), [server.url, String(rounds), String(roundMs)]),
        { what: "client calls worker", timeoutMs: rounds * roundMs * 3 + 60_000 },
      )) as ClientCallsOutput;
      const minimal = median(result.minimalFetch);
      const cpu = result.cpuMicrosPerCall;
      const [clientCpu, fetchCpu] = [median(cpu.client), median(cpu.fetch)];
      const callMicros = (rate: number) => 1_000_000 / rate;
      const notes = [
        `The baseline sends the request the client sends, checked before the first round: the same method, URL and body, and the same headers (${Object.keys(result.request.headers).join(", ")}; the invocation ID a fresh UUID per call on both sides).`,
        `CPU time of the calls process per call (medians, all its threads): client ${formatNumber(clientCpu)} µs, fetch() ${formatNumber(fetchCpu)} µs, against ${formatNumber(callMicros(median(result.client)))} and ${formatNumber(callMicros(median(result.fetch)))} µs of wall time per call: the calls process is busy for nearly all of each call, so its CPU time per call sets the calls/s (here the client's is ${formatNumber(Math.abs(clientCpu - fetchCpu))} µs, ${Math.abs((clientCpu / fetchCpu - 1) * 100).toFixed(1)}%, ${clientCpu > fetchCpu ? "more" : "less"} than fetch()'s).`,
        `Reference point, same run: the client given the global fetch as its \`fetch\` option (fetch's engine, the client's own work on top) reaches ${Math.round(median(result.clientOverFetch))} calls/s, ${(median(result.clientOverFetch) / median(result.fetch)).toFixed(2)}× of fetch(), at ${formatNumber(median(cpu.clientOverFetch))} µs of CPU per call. Without that option the client sends with node:http, which skips what undici's fetch does per request (a web stream for each body, a copy of each request kept for redirects) and the headers it adds (sec-fetch-mode, user-agent, accept, accept-language, accept-encoding); redirects are then answers, not followed, as with the AWS SDK.`,
        `Reference point, same run: fetch() without the three headers AWS SDKs send (content-type only) reaches ${Math.round(minimal)} calls/s; the client is ${(median(result.client) / minimal).toFixed(2)}× of that, and fetch() sending the client's request ${(median(result.fetch) / minimal).toFixed(2)}× (what undici and the server spend on three more headers).`,
      ];
      return {
        status: "measured",
        ours: {
          label: "@seqstore/client createSequenceStore()",
          rounds: result.client,
          details: { [CPU_PER_CALL]: cpu.client },
        },
        baseline: {
          label: "fetch() + response.json(), same request",
          rounds: result.fetch,
          details: { [CPU_PER_CALL]: cpu.fetch },
        },
        notes,
        extra: {
          roundMs,
          minimalFetch: result.minimalFetch,
          minimalFetchCpuMicrosPerCall: cpu.minimalFetch,
          clientOverFetch: result.clientOverFetch,
          clientOverFetchCpuMicrosPerCall: cpu.clientOverFetch,
          request: result.request,
        },
      };
    } finally {
      await server.stop();
    }
  },
};
