// The client generator: src/generated/* from the assembled Smithy model. The whole `npm run generate`
// calls `generateClient` in-process (scripts/generate.mjs); alone, it runs as
// `npm run generate -w @seqstore/client`:
//   --raw-model     read the model JSON without validating it (stand-in models)
//   --model <file>  use another assembled model (JSON AST)
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type AstModel, GENERATED_MODEL_PATH, loadGeneratedModel, pickService } from "@seqstore/smithy";
import { renderModules } from "./render.js";
import { SpecBuilder } from "./specs.js";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.resolve(packageRoot, "../..");
const outDir = path.join(packageRoot, "src/generated");

/** The generated modules by file name, in memory (for generating other models without writing here). */
export function renderClientFiles(input: { model: AstModel; serviceId: string }): Record<string, string> {
  const specs = new SpecBuilder(input.model, input.serviceId);
  return renderModules(specs, specs.name(input.serviceId), input.serviceId);
}

/** Renders and writes src/generated/*; returns the absolute paths written. */
export function generateClient(input: { model: AstModel; serviceId: string }): string[] {
  const files = renderClientFiles(input);
  mkdirSync(outDir, { recursive: true });
  rmSync(path.join(outDir, "shape-table.ts"), { force: true });
  return Object.entries(files).map(([file, source]) => {
    const written = path.join(outDir, file);
    writeFileSync(written, source);
    return written;
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { model: { type: "string" }, service: { type: "string" }, "raw-model": { type: "boolean" } },
  });
  const modelPath = path.resolve(values.model ?? path.join(repoRoot, GENERATED_MODEL_PATH));
  const model = loadGeneratedModel(modelPath, { raw: values["raw-model"] === true });
  const serviceId = pickService(model, values.service);
  const written = generateClient({ model, serviceId });
  const names = written.map((file) => path.basename(file));
  console.log(`wrote ${path.relative(repoRoot, outDir)}/{${names.join(",")}} for ${serviceId}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`generate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
