// The types generator: src/generated/{openapi,shapes}.ts from the model's build output. The whole
// `npm run generate` calls `generateTypes` in-process (scripts/generate.mjs); alone, it runs as
// `npm run generate -w @seqstore/types`:
//   --openapi <file>  use another OpenAPI document (development before the converter exists)
//   --raw-model     read the model JSON without validating it (stand-in models)
//   --model <file>    use another assembled model (JSON AST)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type AstModel, GENERATED_MODEL_PATH, loadGeneratedModel, pickService } from "@seqstore/smithy";
import type { OpenAPI3 } from "openapi-typescript";
import { withPlainDescriptions } from "./openapi-types.js";
import { renderPlainDocument } from "./render-openapi.js";
import { renderShapes } from "./shapes.js";

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.resolve(packageRoot, "../..");
const buildOutput = path.join(repoRoot, "model/generated/source");

export interface TypesInput {
  model: AstModel;
  serviceId: string;
  document: OpenAPI3;
  /** Where openapi-typescript runs: in this thread unless given (the pipeline's worker thread). */
  renderOpenApi?: (plainDocument: OpenAPI3) => Promise<string>;
}

/** The generated files, by path relative to the package; openapi.ts renders while shapes.ts is built. */
export async function renderTypesFiles(input: TypesInput): Promise<Record<string, string>> {
  const render = input.renderOpenApi ?? renderPlainDocument;
  const openapi = render(withPlainDescriptions(input.document) as OpenAPI3);
  // Awaited below; until then a failure must not count as unhandled (renderShapes may throw first).
  openapi.catch(() => {});
  const shapes = renderShapes(input.model, input.serviceId);
  return { "src/generated/openapi.ts": await openapi, "src/generated/shapes.ts": shapes };
}

/** Renders and writes the files; returns their absolute paths. */
export async function generateTypes(input: TypesInput): Promise<string[]> {
  const files = await renderTypesFiles(input);
  mkdirSync(path.join(packageRoot, "src/generated"), { recursive: true });
  return Object.entries(files).map(([relative, source]) => {
    const file = path.join(packageRoot, relative);
    writeFileSync(file, source);
    return file;
  });
}

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
  await generateTypes({ model, serviceId, document });
  console.log(`wrote packages/types/src/generated/{openapi,shapes}.ts for ${serviceId}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`generate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
