// npm run generate -w @seqstore/types: writes src/generated/{openapi,shapes}.ts from the model's build output.
//   --openapi <file>  use another OpenAPI document (development before the converter exists)
//   --raw-model     read the model JSON without validating it (stand-in models)
//   --model <file>    use another assembled model (JSON AST)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { GENERATED_MODEL_PATH, loadGeneratedModel, pickService } from "@seqstore/smithy";
import type { OpenAPI3 } from "openapi-typescript";
import { renderOpenApiTypes } from "./openapi-types.js";
import { renderShapes } from "./shapes.js";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.resolve(packageRoot, "../..");
const buildOutput = path.join(repoRoot, "model/generated/source");

function readRequired(file: string, what: string): string {
  if (!existsSync(file))
    throw new Error(`${what} not found at ${file}; run \`npm run generate -w @seqstore/model\` first`);
  return readFileSync(file, "utf8");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      openapi: { type: "string" },
      model: { type: "string" },
      service: { type: "string" },
      "raw-model": { type: "boolean" },
    },
  });
  const openapiPath = path.resolve(values.openapi ?? path.join(buildOutput, "openapi/Omics.openapi.json"));
  const modelPath = path.resolve(values.model ?? path.join(repoRoot, GENERATED_MODEL_PATH));

  const document = JSON.parse(readRequired(openapiPath, "OpenAPI document")) as OpenAPI3;
  const model = loadGeneratedModel(modelPath, { raw: values["raw-model"] === true });
  const serviceId = pickService(model, values.service);

  const outDir = path.join(packageRoot, "src/generated");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, "openapi.ts"), await renderOpenApiTypes(document));
  writeFileSync(path.join(outDir, "shapes.ts"), renderShapes(model, serviceId));
  console.log(`wrote ${path.relative(repoRoot, outDir)}/{openapi,shapes}.ts for ${serviceId}`);
}

main().catch((error: unknown) => {
  console.error(`generate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
