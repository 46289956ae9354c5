// Generates src/generated/* from the Smithy model. The whole `npm run generate` calls `generateServer`
// in-process (scripts/generate.mjs); alone, it runs as `npm run generate -w @seqstore/server`.
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AstModel } from "@seqstore/smithy";
import { biomeBinary } from "./biome-binary.js";
import { buildOperationTable } from "./build-operation-table.js";
import { emitErrors } from "./emit-errors.js";
import { emitHandlers } from "./emit-handlers.js";
import { emitOpenApiDocument, emitOperations, emitService } from "./emit-literals.js";
import { DEFAULT_IMPORTS, type ImportSpecifiers } from "./imports.js";
import { loadAssembledModel, loadOpenApi, packageRoot, repoRoot, theService } from "./model-input.js";

const biome = biomeBinary(repoRoot);

/**
 * Format with the repo's Biome settings (stdin, so the generated/ ignore rule does not skip it). Async,
 * so the files are formatted by parallel Biome processes rather than one after another.
 */
function format(file: string, source: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      biome,
      ["format", `--stdin-file-path=${file}`],
      { cwd: repoRoot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
    child.stdin?.end(source);
  });
}

/** What the generator reads; the one-process `npm run generate` passes what it already loaded. */
export interface ServerInput {
  model: AstModel;
  serviceId: string;
  /** The OpenAPI document and the repository-relative file it came from. */
  openApi: { document: unknown; source: string };
  /** Where the generated files import the types and the runtime from (default: inside this package). */
  imports?: Partial<ImportSpecifiers>;
}

async function readInput(): Promise<ServerInput> {
  const model = await loadAssembledModel();
  return { model, serviceId: theService(model), openApi: loadOpenApi() };
}

/** The generated files, by path relative to the package (pure apart from reading the inputs). */
export async function generateFiles(input?: ServerInput): Promise<Record<string, string>> {
  const { model, serviceId, openApi, imports } = input ?? (await readInput());
  const specifiers: ImportSpecifiers = { ...DEFAULT_IMPORTS, ...imports };
  const table = buildOperationTable(model, serviceId);
  return {
    "src/generated/handlers.ts": emitHandlers(model, serviceId, table, specifiers),
    "src/generated/errors.ts": emitErrors(model, serviceId, table, specifiers),
    "src/generated/operations.ts": emitOperations(table, specifiers),
    "src/generated/openapi-document.ts": emitOpenApiDocument(
      table.service,
      openApi.document,
      openApi.source,
      specifiers,
    ),
    "src/generated/service.ts": emitService(table, specifiers),
  };
}

/** The generated files formatted as they are written to disk. */
export async function renderFiles(input?: ServerInput): Promise<Record<string, string>> {
  const files = await generateFiles(input);
  return Object.fromEntries(
    await Promise.all(
      Object.entries(files).map(
        async ([relative, source]) =>
          [relative, await format(path.join(packageRoot, relative), source)] as const,
      ),
    ),
  );
}

/** Renders and writes src/generated/*; returns the absolute paths written. */
export async function generateServer(input?: ServerInput): Promise<string[]> {
  const files = await renderFiles(input);
  return Object.entries(files).map(([relative, source]) => {
    const file = path.join(packageRoot, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, source);
    return file;
  });
}

async function main(): Promise<void> {
  const input = await readInput();
  const written = await generateServer(input);
  for (const file of written) console.log(`wrote ${path.relative(repoRoot, file)}`);
  if (input.openApi.source.includes("test/fixtures/")) {
    console.warn(
      "warning: model/generated/source/openapi/Omics.openapi.json is missing; embedded the test fixture",
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
