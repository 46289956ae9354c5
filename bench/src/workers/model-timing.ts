// In-process time to load (parse + assemble + validate) AWS's Omics model and convert it to OpenAPI.
//   node --import tsx src/workers/model-timing.ts <aws-omics.smithy.json> <warmups> <iterations>
import { performance } from "node:perf_hooks";
import { convertToOpenApi, loadModelFromPaths } from "@seqstore/smithy";

const [modelPath = "", warmupsText = "2", iterationsText = "10"] = process.argv.slice(2);

function once(): { ms: number; operations: number; paths: number } {
  const start = performance.now();
  const { model } = loadModelFromPaths([modelPath]);
  const { document, events } = convertToOpenApi(model, {
    service: "com.amazonaws.omics#Omics",
    protocol: "aws.protocols#restJson1",
    version: "3.1.0",
    ignoreUnsupportedTraits: true,
  });
  const ms = performance.now() - start;
  if (!document) throw new Error(events.map((e) => e.message).join("; "));
  const operations = Object.values(model.shapes).filter((shape) => shape.type === "operation").length;
  const paths = Object.keys((document as { paths?: object }).paths ?? {}).length;
  return { ms, operations, paths };
}

for (let i = 0; i < Number(warmupsText); i++) once();
const runs = Array.from({ length: Number(iterationsText) }, once);
process.stdout.write(
  `${JSON.stringify({
    ms: runs.map((r) => r.ms),
    operations: runs[0]?.operations ?? 0,
    openApiPaths: runs[0]?.paths ?? 0,
  })}\n`,
);
