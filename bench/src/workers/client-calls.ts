// In-process calls/s of the generated client vs raw fetch sending the same request to the same local server.
// Sequential calls (one in flight), keep-alive (both go through Node's global fetch). Within each round the
// sides take turns in short slices, so a machine that slows down or speeds up weighs on every side alike.
//   node --import tsx src/workers/client-calls.ts <baseUrl> <rounds> <roundMs>
import { performance } from "node:perf_hooks";
import { createOmicsClient } from "@seqstore/client";
import { CREATE_PATH, CREATE_REQUEST } from "../servers/fixture.js";

const [baseUrl = "", roundsText = "3", roundMsText = "3000"] = process.argv.slice(2);
const rounds = Number(roundsText);
const roundMs = Number(roundMsText);

const client = createOmicsClient({ baseUrl });
const body = JSON.stringify(CREATE_REQUEST);

async function viaClient(): Promise<void> {
  const output = await client.createSequenceStore(CREATE_REQUEST);
  if (output.id === undefined) throw new Error("client call returned no id");
}

async function viaFetch(): Promise<void> {
  const response = await fetch(baseUrl + CREATE_PATH, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const output = (await response.json()) as { id?: string };
  if (!response.ok || output.id === undefined) throw new Error(`fetch got ${response.status}`);
}

// Not the figure's baseline, an honest note beside it: the client also sends the three headers
// AWS SDKs send (amz-sdk-invocation-id, amz-sdk-request, x-amz-user-agent), which the baseline does
// not; this fetch sends the same request the client puts on the wire, to show what they cost.
async function viaFetchWithSdkHeaders(): Promise<void> {
  const response = await fetch(baseUrl + CREATE_PATH, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "amz-sdk-invocation-id": crypto.randomUUID(),
      "amz-sdk-request": "attempt=1; max=3",
      "x-amz-user-agent": "seqstore-client",
    },
    body,
  });
  const output = (await response.json()) as { id?: string };
  if (!response.ok || output.id === undefined) throw new Error(`fetch got ${response.status}`);
}

/** How long one side calls before the next takes its turn. */
const SLICE_MS = 50;

/**
 * Calls/s of each side over `ms` of calling apiece, the sides taking turns in SLICE_MS slices (in the
 * order given). Each side's rate is its calls over its own time.
 */
async function takingTurns(sides: readonly (() => Promise<void>)[], ms: number): Promise<number[]> {
  const calls = sides.map(() => 0);
  const spent = sides.map(() => 0);
  while (spent.some((time) => time < ms)) {
    for (const [index, call] of sides.entries()) {
      if ((spent[index] ?? 0) >= ms) continue;
      const start = performance.now();
      const end = start + SLICE_MS;
      let count = 0;
      while (performance.now() < end) {
        await call();
        count++;
      }
      calls[index] = (calls[index] ?? 0) + count;
      spent[index] = (spent[index] ?? 0) + (performance.now() - start);
    }
  }
  return calls.map((count, index) => count / ((spent[index] ?? 1) / 1000));
}

// Warm-up: JIT and the connection pool.
await takingTurns([viaFetch, viaClient, viaFetchWithSdkHeaders], Math.min(1000, roundMs));
const sides = [viaClient, viaFetch, viaFetchWithSdkHeaders];
const rates: number[][] = sides.map(() => []);
for (let round = 0; round < rounds; round++) {
  // Who goes first alternates between rounds.
  const order = round % 2 === 0 ? [0, 1, 2] : [1, 2, 0];
  const measured = await takingTurns(
    order.map((side) => sides[side] as () => Promise<void>),
    roundMs,
  );
  for (const [turn, side] of order.entries()) rates[side]?.push(measured[turn] ?? 0);
}
const [viaClientRates, plain, sameHeaders] = rates;
process.stdout.write(
  `${JSON.stringify({ client: viaClientRates, fetch: plain, fetchWithSdkHeaders: sameHeaders })}\n`,
);
