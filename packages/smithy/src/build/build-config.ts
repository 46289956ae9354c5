// smithy-build.json: reading and checking the build configuration. Paths in it are relative to
// the file itself.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { NodeValue } from "../ast.js";

export type PluginSettings = Record<string, NodeValue>;

export interface ProjectionConfig {
  abstract: boolean;
  imports: string[];
  transforms: NodeValue[];
  plugins: Record<string, PluginSettings>;
}

export interface SmithyBuildConfig {
  /** Absolute path of the config file (undefined when built in memory). */
  configPath?: string;
  version: string;
  /** Absolute paths. */
  sources: string[];
  imports: string[];
  /** Absolute path; default `<config dir>/build/smithy`. */
  outputDirectory: string;
  plugins: Record<string, PluginSettings>;
  projections: Record<string, ProjectionConfig>;
  ignoreMissingPlugins: boolean;
}

/** Bad configuration: the message is meant for the user as-is. */
export class BuildConfigError extends Error {
  override name = "BuildConfigError";
}

function isObject(v: unknown): v is Record<string, NodeValue> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function stringList(value: NodeValue | undefined, what: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new BuildConfigError(`\`${what}\` must be a list of strings`);
  }
  return value as string[];
}

function pluginMap(value: NodeValue | undefined, what: string): Record<string, PluginSettings> {
  if (value === undefined) return {};
  if (!isObject(value)) throw new BuildConfigError(`\`${what}\` must be an object of plugin settings`);
  const result: Record<string, PluginSettings> = {};
  for (const [name, settings] of Object.entries(value)) {
    if (!isObject(settings))
      throw new BuildConfigError(`settings of plugin \`${name}\` in \`${what}\` must be an object`);
    result[name] = settings;
  }
  return result;
}

const TOP_LEVEL_KEYS = new Set([
  "version",
  "sources",
  "imports",
  "outputDirectory",
  "plugins",
  "projections",
  "ignoreMissingPlugins",
]);
const PROJECTION_KEYS = new Set(["abstract", "imports", "transforms", "plugins"]);

/** Validate a parsed smithy-build.json; relative paths resolve against `baseDir`. */
export function parseBuildConfig(raw: unknown, baseDir: string, configPath?: string): SmithyBuildConfig {
  if (!isObject(raw)) throw new BuildConfigError("smithy-build.json must contain a JSON object");
  for (const key of Object.keys(raw)) {
    if (key === "maven")
      throw new BuildConfigError("`maven` dependencies are not supported by this Smithy build");
    if (!TOP_LEVEL_KEYS.has(key)) throw new BuildConfigError(`Unknown smithy-build.json property \`${key}\``);
  }
  const version = raw.version;
  if (version !== "1.0" && version !== "1") {
    throw new BuildConfigError(
      `Unsupported smithy-build.json version ${JSON.stringify(version)} (expected "1.0")`,
    );
  }
  const output = raw.outputDirectory;
  if (output !== undefined && typeof output !== "string")
    throw new BuildConfigError("`outputDirectory` must be a string");
  const ignore = raw.ignoreMissingPlugins;
  if (ignore !== undefined && typeof ignore !== "boolean")
    throw new BuildConfigError("`ignoreMissingPlugins` must be a boolean");

  const projections: Record<string, ProjectionConfig> = {};
  const rawProjections = raw.projections ?? {};
  if (!isObject(rawProjections)) throw new BuildConfigError("`projections` must be an object");
  for (const [name, p] of Object.entries(rawProjections)) {
    if (!isObject(p)) throw new BuildConfigError(`projection \`${name}\` must be an object`);
    if (name === "source")
      throw new BuildConfigError("A projection cannot be named `source` (it is implicit)");
    if (!/^[A-Za-z0-9\-_.]+$/.test(name)) throw new BuildConfigError(`Invalid projection name \`${name}\``);
    for (const key of Object.keys(p)) {
      if (!PROJECTION_KEYS.has(key))
        throw new BuildConfigError(`Unknown property \`${key}\` in projection \`${name}\``);
    }
    const transforms = p.transforms ?? [];
    if (!Array.isArray(transforms))
      throw new BuildConfigError(`\`transforms\` of projection \`${name}\` must be a list`);
    projections[name] = {
      abstract: p.abstract === true,
      imports: stringList(p.imports, `projections.${name}.imports`).map((f) => resolve(baseDir, f)),
      transforms,
      plugins: pluginMap(p.plugins, `projections.${name}.plugins`),
    };
  }

  const config: SmithyBuildConfig = {
    version: "1.0",
    sources: stringList(raw.sources, "sources").map((f) => resolve(baseDir, f)),
    imports: stringList(raw.imports, "imports").map((f) => resolve(baseDir, f)),
    outputDirectory: resolve(baseDir, output ?? "build/smithy"),
    plugins: pluginMap(raw.plugins, "plugins"),
    projections,
    ignoreMissingPlugins: ignore === true,
  };
  if (configPath !== undefined) config.configPath = configPath;
  return config;
}

/** Read and validate a smithy-build.json file. */
export function readBuildConfig(path: string): SmithyBuildConfig {
  const absolute = resolve(path);
  let text: string;
  try {
    text = readFileSync(absolute, "utf8");
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw new BuildConfigError(`Unable to read ${path}: ${reason}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BuildConfigError(
      `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return parseBuildConfig(raw, dirname(absolute), absolute);
  } catch (error) {
    if (error instanceof BuildConfigError) throw new BuildConfigError(`${path}: ${error.message}`);
    throw error;
  }
}
