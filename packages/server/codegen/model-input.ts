// Where the generator's inputs come from: the assembled Smithy model and the OpenAPI document
// that `smithy build` writes under model/generated.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as smithy from "@seqstore/smithy";
import type { AstModel } from "@seqstore/smithy";

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = path.resolve(packageRoot, "../..");
export const modelJsonPath = path.join(repoRoot, "model/generated/source/model/model.json");
export const openApiPath = path.join(repoRoot, "model/generated/source/openapi/Omics.openapi.json");
/** Stand-in used only while the OpenAPI converter does not write `openApiPath` yet. */
export const fixtureOpenApiPath = path.join(packageRoot, "test/fixtures/omics.openapi.json");

type Loader = (paths: string[]) => unknown;

/** The assembled model: through the toolchain's loader when it exports one, else the JSON AST as written. */
export async function loadAssembledModel(file = modelJsonPath): Promise<AstModel> {
  const loader = (smithy as Record<string, unknown>).loadModelFromPaths;
  if (typeof loader !== "function") return JSON.parse(readFileSync(file, "utf8")) as AstModel;
  const result = (await (loader as Loader)([file])) as { model: AstModel; events?: smithy.ValidationEvent[] };
  const errors = (result.events ?? []).filter((e) => smithy.isFailure(e));
  if (errors.length > 0)
    throw new Error(`The model has errors:\n${errors.map(smithy.formatEvent).join("\n")}`);
  return result.model;
}

/** The OpenAPI document and the file it came from. */
export function loadOpenApi(): { document: unknown; source: string } {
  const file = existsSync(openApiPath) ? openApiPath : fixtureOpenApiPath;
  return { document: JSON.parse(readFileSync(file, "utf8")), source: path.relative(repoRoot, file) };
}

/** The one service of the model. */
export function theService(model: AstModel): string {
  const services = smithy.findServices(model);
  if (services.length !== 1 || !services[0]) {
    throw new Error(`Expected exactly one service in the model, found: ${services.join(", ") || "none"}`);
  }
  return services[0];
}
