// In-process calls/s of the generated client vs raw fetch sending the same request to the same local server.
// Sequential calls (one in flight), keep-alive (both go through Node's global fetch), interleaved rounds.
//   node --import tsx src/workers/client-calls.ts <baseUrl> <rounds> <roundMs>
import { performance } from "node:perf_hooks";
import { createOmicsClient } from "@seqstore/client";
import { interleaved } from "../figures/figure.js";
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

async function callsPerSecond(call: () => Promise<void>, ms: number): Promise<number> {
  let calls = 0;
  const start = performance.now();
  const deadline = start + ms;
  while (performance.now() < deadline) {
    await call();
    calls++;
  }
  return calls / ((performance.now() - start) / 1000);
}

// Warm-up: JIT and the connection pool.
await callsPerSecond(viaFetch, Math.min(1000, roundMs));
await callsPerSecond(viaClient, Math.min(1000, roundMs));
await callsPerSecond(viaFetchWithSdkHeaders, Math.min(1000, roundMs));
const sameHeaders: number[] = [];
const result = await interleaved(
  rounds,
  () => callsPerSecond(viaClient, roundMs),
  async () => {
    sameHeaders.push(await callsPerSecond(viaFetchWithSdkHeaders, roundMs));
    return callsPerSecond(viaFetch, roundMs);
  },
);
process.stdout.write(
  `${JSON.stringify({ client: result.ours, fetch: result.baseline, fetchWithSdkHeaders: sameHeaders })}\n`,
);
