// Build plugins: each turns the projected model into files under <out>/<projection>/<plugin>/.
import type { AstModel } from "../ast.js";
import type { ValidationEvent } from "../events.js";
import { serializeModel } from "../loader/serialize.js";
import { shapeName } from "../model/shapes.js";
import { convertToOpenApi } from "../openapi/convert.js";
import type { PluginSettings } from "./build-config.js";

export interface PluginFile {
  /** Path relative to the plugin's output folder. */
  path: string;
  content: string;
}

export interface PluginResult {
  files: PluginFile[];
  events: ValidationEvent[];
}

export type BuildPlugin = (model: AstModel, settings: PluginSettings) => PluginResult;

/** Pretty JSON with a trailing newline: the form every JSON build output is written in. */
export function toJsonFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** `model`: the projected model as a JSON AST (prelude and bundled trait models left out). */
const modelPlugin: BuildPlugin = (model) => ({
  files: [{ path: "model.json", content: toJsonFile(serializeModel(model)) }],
  events: [],
});

/** `openapi`: the configured service as `<ServiceName>.openapi.json`. */
const openApiPlugin: BuildPlugin = (model, settings) => {
  const { document, events } = convertToOpenApi(model, settings);
  if (!document) return { files: [], events };
  const service = typeof settings.service === "string" ? settings.service : "";
  return { files: [{ path: `${shapeName(service)}.openapi.json`, content: toJsonFile(document) }], events };
};

export const BUILT_IN_PLUGINS: Record<string, BuildPlugin> = {
  model: modelPlugin,
  openapi: openApiPlugin,
};
