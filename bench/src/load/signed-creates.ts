// Figure 3's load process: autocannon (programmatic, in this separate process) sending unique
// CreateSequenceStore requests — a new name and client token each, so every one is a real insert — each
// signed with SigV4 at send time (fresh however long the run). Ours and the baseline get identical traffic.
//   node --import tsx src/load/signed-creates.ts <url> <durationSeconds> <connections>
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { BENCH_CREDENTIALS, BENCH_REGION } from "./credentials.js";
import { createSyncSigner } from "./sign-sync.js";

interface AutocannonRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  requests: Array<AutocannonRequest & { setupRequest(request: AutocannonRequest): AutocannonRequest }>;
}

type Autocannon = (options: AutocannonOptions, done: (error: unknown, result: unknown) => void) => unknown;

// autocannon is CommonJS without type declarations: load it through require and describe what is used.
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const [url = "", durationText = "5", connectionsText = "10"] = process.argv.slice(2);
const target = new URL(url);
const signer = createSyncSigner({ ...BENCH_CREDENTIALS, region: BENCH_REGION, service: "omics" });
const runId = randomBytes(4).toString("hex");
let sequence = 0;

function setupRequest(request: AutocannonRequest): AutocannonRequest {
  const n = sequence++;
  const body = JSON.stringify({ name: `bench-${runId}-${n}`, clientToken: `bench-${runId}-${n}` });
  const headers = signer.sign(
    "POST",
    target.pathname,
    { "content-type": "application/json", host: target.host },
    body,
  );
  return { ...request, headers, body };
}

const result = await new Promise<unknown>((resolve, reject) => {
  autocannon(
    {
      url: target.origin,
      connections: Number(connectionsText),
      duration: Number(durationText),
      requests: [{ method: "POST", path: target.pathname, setupRequest }],
    },
    (error, value) => (error ? reject(error) : resolve(value)),
  );
});
process.stdout.write(`${JSON.stringify(result)}\n`);
