// npm run generate -w @seqstore/client: writes src/generated/* from the assembled Smithy model.
//   --raw-model     read the model JSON without validating it (stand-in models)
//   --model <file>  use another assembled model (JSON AST)
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { GENERATED_MODEL_PATH, loadGeneratedModel, pickService } from "@seqstore/smithy";
import { renderModules } from "./render.js";
import { SpecBuilder } from "./specs.js";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.resolve(packageRoot, "../..");

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { model: { type: "string" }, service: { type: "string" }, "raw-model": { type: "boolean" } },
  });
  const modelPath = path.resolve(values.model ?? path.join(repoRoot, GENERATED_MODEL_PATH));
  const model = loadGeneratedModel(modelPath, { raw: values["raw-model"] === true });
  const serviceId = pickService(model, values.service);
  const specs = new SpecBuilder(model, serviceId);
  const serviceName = specs.name(serviceId);

  const outDir = path.join(packageRoot, "src/generated");
  mkdirSync(outDir, { recursive: true });
  const files = renderModules(specs, serviceName, serviceId);
  rmSync(path.join(outDir, "shape-table.ts"), { force: true });
  for (const [file, source] of Object.entries(files)) writeFileSync(path.join(outDir, file), source);
  console.log(`wrote ${path.relative(repoRoot, outDir)}/{${Object.keys(files).join(",")}} for ${serviceId}`);
}

main().catch((error: unknown) => {
  console.error(`generate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
