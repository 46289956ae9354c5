// Loads the assembled Smithy model that `smithy build` writes (the JSON AST of the model plugin).
// Same helper as packages/types/codegen (the generators share no package yet).
import { readFileSync } from "node:fs";
import { type AstModel, findServices, formatEvent, isFailure, loadModelFromPaths } from "@seqstore/smithy";

/**
 * Loads and validates the model through the toolchain (which adds the prelude and bundled traits).
 * `raw` skips validation and reads the JSON AST as written — only for models the loader cannot
 * take yet (the stand-in model.json uses AWS-internal traits).
 */
export function loadAssembledModel(modelJsonPath: string, options: { raw?: boolean } = {}): AstModel {
  if (options.raw) return JSON.parse(readFileSync(modelJsonPath, "utf8")) as AstModel;
  const result = loadModelFromPaths([modelJsonPath]);
  const failures = result.events.filter(isFailure);
  if (failures.length > 0) {
    throw new Error(
      `The model has errors (use --raw-model to generate without validation):\n${failures.map(formatEvent).join("\n")}`,
    );
  }
  return result.model;
}

/** The service to generate for: the only service in the model, or the one named. */
export function pickService(model: AstModel, serviceId?: string): string {
  const services = findServices(model);
  if (serviceId) {
    if (!services.includes(serviceId)) throw new Error(`Service ${serviceId} is not in the model`);
    return serviceId;
  }
  if (services.length !== 1) {
    throw new Error(
      `Expected exactly one service in the model, found ${services.length}: ${services.join(", ")}`,
    );
  }
  return services[0] as string;
}
