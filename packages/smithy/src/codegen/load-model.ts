// Loads the assembled model that `smithy build` writes (the JSON AST of the model projection) for a
// code generator, and picks the service to generate for.
import { existsSync, readFileSync } from "node:fs";
import type { AstModel } from "../ast.js";
import { formatEvent, isFailure } from "../events.js";
import { loadModelFromPaths } from "../loader/load-model.js";
import { findServices } from "../model/service.js";

/** Where `smithy build` puts the assembled model, relative to the repository root. */
export const GENERATED_MODEL_PATH = "model/generated/source/model/model.json";

export interface LoadGeneratedModelOptions {
  /**
   * Read the JSON AST as written, without the toolchain's assembly and validation — only for
   * models the loader cannot take (e.g. stand-ins using AWS-internal traits).
   */
  raw?: boolean;
}

/**
 * The assembled model at `modelJsonPath`, loaded and validated through the toolchain (which adds
 * the prelude and bundled traits). Throws a readable error when the file is missing or the model
 * has ERROR/DANGER events.
 */
export function loadGeneratedModel(modelJsonPath: string, options: LoadGeneratedModelOptions = {}): AstModel {
  if (!existsSync(modelJsonPath)) {
    throw new Error(
      `Assembled model not found at ${modelJsonPath}; run \`npm run generate -w @seqstore/model\` first`,
    );
  }
  if (options.raw) return JSON.parse(readFileSync(modelJsonPath, "utf8")) as AstModel;
  const result = loadModelFromPaths([modelJsonPath]);
  const failures = result.events.filter(isFailure);
  if (failures.length > 0) {
    throw new Error(
      `The model has errors (generators' --raw-model skips validation):\n${failures.map(formatEvent).join("\n")}`,
    );
  }
  return result.model;
}

/** The service to generate for: the one named (which must exist), else the model's only service. */
export function pickService(model: AstModel, serviceId?: string): string {
  const services = findServices(model);
  if (serviceId !== undefined) {
    if (!services.includes(serviceId)) throw new Error(`Service ${serviceId} is not in the model`);
    return serviceId;
  }
  if (services.length !== 1) {
    throw new Error(
      `Expected exactly one service in the model, found ${services.length}: ${services.join(", ") || "none"}`,
    );
  }
  return services[0] as string;
}
