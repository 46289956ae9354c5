// Where the generator's inputs come from: the assembled Smithy model and the OpenAPI document
// that `smithy build` writes under model/generated.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type AstModel, GENERATED_MODEL_PATH, loadGeneratedModel, pickService } from "@seqstore/smithy";

/** The nearest folder with a package.json: the same from codegen/ (tsx, tests) and dist-codegen/codegen/ (node). */
function findPackageRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const packageRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
export const repoRoot = path.resolve(packageRoot, "../..");
export const modelJsonPath = path.join(repoRoot, GENERATED_MODEL_PATH);
export const openApiPath = path.join(repoRoot, "model/generated/source/openapi/Omics.openapi.json");
/** Stand-in used only while the OpenAPI converter does not write `openApiPath` yet. */
export const fixtureOpenApiPath = path.join(packageRoot, "test/fixtures/omics.openapi.json");

/** The assembled model, loaded and validated through the toolchain. */
export async function loadAssembledModel(file = modelJsonPath): Promise<AstModel> {
  return loadGeneratedModel(file);
}

/** The OpenAPI document and the file it came from. */
export function loadOpenApi(): { document: unknown; source: string } {
  const file = existsSync(openApiPath) ? openApiPath : fixtureOpenApiPath;
  return { document: JSON.parse(readFileSync(file, "utf8")), source: path.relative(repoRoot, file) };
}

/** The one service of the model. */
export function theService(model: AstModel): string {
  return pickService(model);
}
