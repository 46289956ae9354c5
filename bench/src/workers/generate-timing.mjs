// In-process time to generate types, client and server for a model: load (parse + assemble + validate),
// convert to OpenAPI and run the three generators in memory (scripts/lib/generate/render-service.mjs),
// writing nothing. One model per process, so the two models of figure 10 do not share warm caches.
//   node src/workers/generate-timing.mjs <model file> <service id> <warmups> <iterations>
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { loadModelFromPaths, serviceOperations } from "@seqstore/smithy";
import { renderService } from "../../../scripts/lib/generate/render-service.mjs";

const [modelPath = "", serviceId = "", warmupsText = "1", iterationsText = "3"] = process.argv.slice(2);
const root = fileURLToPath(new URL("../../..", import.meta.url));

async function once() {
  const start = performance.now();
  const loaded = loadModelFromPaths([modelPath]);
  if (!loaded.ok) throw new Error(`${modelPath} does not load: ${loaded.events[0]?.message ?? ""}`);
  const files = await renderService({ root, model: loaded.model, serviceId });
  const ms = performance.now() - start;
  const bytes = Object.values(files)
    .flatMap((pkg) => Object.values(pkg))
    .reduce((sum, source) => sum + Buffer.byteLength(source), 0);
  return { ms, bytes, operations: serviceOperations(loaded.model, serviceId).length };
}

for (let i = 0; i < Number(warmupsText); i++) await once();
const runs = [];
for (let i = 0; i < Number(iterationsText); i++) runs.push(await once());
process.stdout.write(
  `${JSON.stringify({
    ms: runs.map((r) => r.ms),
    operations: runs[0]?.operations ?? 0,
    generatedBytes: runs[0]?.bytes ?? 0,
  })}\n`,
);
