// In-process cost of one SigV4 verification (what the reference server adds per request once auth is on):
// signs a batch of distinct CreateSequenceStore requests, then verifies them in a loop. Prints µs per verify.
//   node --import tsx src/workers/sigv4-verify.ts <milliseconds>
import { performance } from "node:perf_hooks";
import { signRequest } from "@seqstore/sigv4";
import { verifyRequest } from "@seqstore/sigv4/verify";
import { BENCH_CREDENTIALS, BENCH_REGION } from "../load/credentials.js";
import { median } from "../stats.js";

const budgetMs = Number(process.argv[2] ?? 2000);
const url = new URL("http://127.0.0.1:8080/sequencestore");
const requests = await Promise.all(
  Array.from({ length: 256 }, async (_, n) => {
    const body = JSON.stringify({ name: `bench-${n}`, clientToken: `bench-token-${n}` });
    const headers = await signRequest(
      { method: "POST", url, headers: { "content-type": "application/json", host: url.host }, body },
      { ...BENCH_CREDENTIALS, region: BENCH_REGION, service: "omics" },
    );
    return { method: "POST", path: url.pathname, query: "", headers, body: Buffer.from(body) };
  }),
);
const options = {
  service: "omics",
  regions: [BENCH_REGION],
  lookupSecret: (accessKeyId: string) =>
    accessKeyId === BENCH_CREDENTIALS.accessKeyId
      ? { secretAccessKey: BENCH_CREDENTIALS.secretAccessKey, accountId: "123456789012" }
      : undefined,
};

function batch(): number {
  const start = performance.now();
  for (const request of requests) {
    const result = verifyRequest(request, options);
    if (!result.ok) throw new Error(`verification failed: ${result.code}`);
  }
  return ((performance.now() - start) * 1000) / requests.length;
}

for (let i = 0; i < 20; i++) batch();
const perVerifyMicros: number[] = [];
const deadline = performance.now() + budgetMs;
while (performance.now() < deadline) perVerifyMicros.push(batch());
process.stdout.write(
  `${JSON.stringify({ microsPerVerify: median(perVerifyMicros), batches: perVerifyMicros.length })}\n`,
);
