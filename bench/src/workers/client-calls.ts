// In-process calls/s of the generated client vs raw fetch sending the same request (checked at start: the
// same method, URL, headers and body) to the same local server.
// Sequential calls (one in flight), keep-alive (both go through Node's global fetch). Within each round the
// sides take turns in short slices, so a machine that slows down or speeds up weighs on every side alike.
//   node --import tsx src/workers/client-calls.ts <baseUrl> <rounds> <roundMs>
import { performance } from "node:perf_hooks";
import { createOmicsClient } from "@seqstore/client";
import { CREATE_PATH, CREATE_REQUEST, CREATE_RESPONSE_WIRE } from "../servers/fixture.js";

const [baseUrl = "", roundsText = "3", roundMsText = "3000"] = process.argv.slice(2);
const rounds = Number(roundsText);
const roundMs = Number(roundMsText);

// A local server: the model's host prefix (control-storage-) stays off, as with the AWS SDK. In Node the
// client sends with node:http; the second one is given the global fetch, the baseline's engine.
const client = createOmicsClient({ baseUrl, disableHostPrefix: true });
const clientOverFetch = createOmicsClient({ baseUrl, disableHostPrefix: true, fetch });

/** The request as the client puts it on the wire, caught by a fetch that answers without sending it. */
interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

async function capture(send: (fetch: typeof globalThis.fetch) => Promise<unknown>): Promise<SentRequest> {
  let sent: SentRequest | undefined;
  await send(async (input, init) => {
    const request = new Request(input, init);
    sent = {
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    };
    return new Response(CREATE_RESPONSE_WIRE, { headers: { "content-type": "application/json" } });
  });
  if (!sent) throw new Error("nothing was sent");
  return sent;
}

// The baseline sends what the client sends: its body and every header, the three AWS SDKs send
// (amz-sdk-invocation-id, a fresh UUID per call; amz-sdk-request; x-amz-user-agent) included.
const clientRequest = await capture((fetch) =>
  createOmicsClient({ baseUrl, disableHostPrefix: true, fetch }).createSequenceStore(CREATE_REQUEST),
);
const body = clientRequest.body;
const { "amz-sdk-invocation-id": _perCall, ...fixedHeaders } = clientRequest.headers;

async function viaClient(): Promise<void> {
  const output = await client.createSequenceStore(CREATE_REQUEST);
  if (output.id === undefined) throw new Error("client call returned no id");
}

// Not the figure's side, a note beside it: the client's own work on fetch's engine.
async function viaClientOverFetch(): Promise<void> {
  const output = await clientOverFetch.createSequenceStore(CREATE_REQUEST);
  if (output.id === undefined) throw new Error("client call returned no id");
}

function sameRequestInit(): RequestInit {
  return {
    method: "POST",
    headers: { ...fixedHeaders, "amz-sdk-invocation-id": crypto.randomUUID() },
    body,
  };
}

async function viaFetch(): Promise<void> {
  const response = await fetch(baseUrl + CREATE_PATH, sameRequestInit());
  const output = (await response.json()) as { id?: string };
  if (!response.ok || output.id === undefined) throw new Error(`fetch got ${response.status}`);
}

// Not the figure's baseline, a note beside it: the shortest fetch a hand-written caller might send,
// without the three SDK headers.
async function viaMinimalFetch(): Promise<void> {
  const response = await fetch(baseUrl + CREATE_PATH, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const output = (await response.json()) as { id?: string };
  if (!response.ok || output.id === undefined) throw new Error(`fetch got ${response.status}`);
}

// Both sides must put the same request on the wire (the invocation ID aside, fresh on both).
const baselineRequest = await capture((fetch) => fetch(baseUrl + CREATE_PATH, sameRequestInit()));
const comparable = ({ headers: { "amz-sdk-invocation-id": id, ...headers }, ...rest }: SentRequest) => ({
  ...rest,
  headers,
  invocationIdIsUuid: /^[0-9a-f-]{36}$/.test(id ?? ""),
});
if (JSON.stringify(comparable(baselineRequest)) !== JSON.stringify(comparable(clientRequest))) {
  throw new Error(
    `the baseline does not send the client's request:\n${JSON.stringify(baselineRequest)}\n${JSON.stringify(clientRequest)}`,
  );
}

/** How long one side calls before the next takes its turn. */
const SLICE_MS = 50;

/** What a round measured of each side: calls per second of its own time, and CPU time per call. */
interface TurnsResult {
  rates: number[];
  /** This process's CPU time (all threads, user and system) per call, in µs. */
  cpuMicrosPerCall: number[];
}

/**
 * Calls/s of each side over `ms` of calling apiece, the sides taking turns in SLICE_MS slices (in the
 * order given). Each side's rate is its calls over its own time.
 */
async function takingTurns(sides: readonly (() => Promise<void>)[], ms: number): Promise<TurnsResult> {
  const calls = sides.map(() => 0);
  const spent = sides.map(() => 0);
  const cpu = sides.map(() => 0);
  while (spent.some((time) => time < ms)) {
    for (const [index, call] of sides.entries()) {
      if ((spent[index] ?? 0) >= ms) continue;
      const cpuBefore = process.cpuUsage();
      const start = performance.now();
      const end = start + SLICE_MS;
      let count = 0;
      while (performance.now() < end) {
        await call();
        count++;
      }
      const used = process.cpuUsage(cpuBefore);
      calls[index] = (calls[index] ?? 0) + count;
      spent[index] = (spent[index] ?? 0) + (performance.now() - start);
      cpu[index] = (cpu[index] ?? 0) + used.user + used.system;
    }
  }
  return {
    rates: calls.map((count, index) => count / ((spent[index] ?? 1) / 1000)),
    cpuMicrosPerCall: calls.map((count, index) => (cpu[index] ?? 0) / count),
  };
}

// Warm-up: JIT and the connection pool.
await takingTurns([viaFetch, viaClient, viaMinimalFetch, viaClientOverFetch], Math.min(1000, roundMs));
const sides = [viaClient, viaFetch, viaMinimalFetch, viaClientOverFetch];
const rates: number[][] = sides.map(() => []);
const cpuPerCall: number[][] = sides.map(() => []);
for (let round = 0; round < rounds; round++) {
  // Who goes first alternates between rounds.
  const order = round % 2 === 0 ? [0, 1, 2, 3] : [1, 2, 3, 0];
  const measured = await takingTurns(
    order.map((side) => sides[side] as () => Promise<void>),
    roundMs,
  );
  for (const [turn, side] of order.entries()) {
    rates[side]?.push(measured.rates[turn] ?? 0);
    cpuPerCall[side]?.push(measured.cpuMicrosPerCall[turn] ?? 0);
  }
}
const [viaClientRates, sameRequest, minimal, overFetch] = rates;
const [clientCpu, fetchCpu, minimalFetchCpu, overFetchCpu] = cpuPerCall;
process.stdout.write(
  `${JSON.stringify({
    client: viaClientRates,
    fetch: sameRequest,
    minimalFetch: minimal,
    clientOverFetch: overFetch,
    cpuMicrosPerCall: {
      client: clientCpu,
      fetch: fetchCpu,
      minimalFetch: minimalFetchCpu,
      clientOverFetch: overFetchCpu,
    },
    request: clientRequest,
  })}\n`,
);
