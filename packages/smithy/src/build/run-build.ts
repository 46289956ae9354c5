// `smithy build`: load the sources, then for each projection run its plugins and write their
// files. Nothing is written for a projection whose model has errors.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { isFailure } from "../events.js";
import type { ValidationEvent } from "../events.js";
import type { LoadResult } from "../loader/load-model.js";
import { loadModelFromPaths } from "../loader/load-model.js";
import type { PluginSettings, SmithyBuildConfig } from "./build-config.js";
import { BUILT_IN_PLUGINS } from "./plugins.js";

export interface BuildOptions {
  /** Overrides the config's outputDirectory (absolute or relative to the working directory). */
  outputDirectory?: string;
  /** Build only this projection. */
  projection?: string;
  /**
   * Extra checks of each projection's loaded model (e.g. what the code generators support); an ERROR
   * from them stops that projection before its plugins run, as a validation error does.
   */
  check?: (loaded: LoadResult) => ValidationEvent[];
}

export interface ProjectionResult {
  name: string;
  ok: boolean;
  /** Absolute paths of the files written. */
  files: string[];
}

export interface BuildResult {
  ok: boolean;
  events: ValidationEvent[];
  projections: ProjectionResult[];
}

interface PlannedProjection {
  name: string;
  imports: string[];
  plugins: Record<string, PluginSettings>;
}

function plan(config: SmithyBuildConfig, only: string | undefined): PlannedProjection[] {
  const planned: PlannedProjection[] = [{ name: "source", imports: [], plugins: config.plugins }];
  for (const [name, p] of Object.entries(config.projections).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (p.abstract) continue;
    planned.push({ name, imports: p.imports, plugins: { ...config.plugins, ...p.plugins } });
  }
  return only === undefined ? planned : planned.filter((p) => p.name === only);
}

function configError(message: string): ValidationEvent {
  return { id: "SmithyBuild", severity: "ERROR", message };
}

/** Run a build described by a parsed smithy-build.json. Never throws for bad models or settings. */
export function runBuild(config: SmithyBuildConfig, options: BuildOptions = {}): BuildResult {
  const events: ValidationEvent[] = [];
  const projections: ProjectionResult[] = [];
  const outputRoot = options.outputDirectory ?? config.outputDirectory;

  // Refuse the whole build up front for settings we cannot honour.
  for (const [name, p] of Object.entries(config.projections)) {
    if (p.transforms.length > 0) {
      events.push(
        configError(`Projection \`${name}\` uses \`transforms\`, which this Smithy build does not support`),
      );
    }
  }
  const selected = plan(config, options.projection);
  if (options.projection !== undefined && selected.length === 0) {
    events.push(configError(`Unknown projection \`${options.projection}\``));
  }
  for (const projection of selected) {
    for (const plugin of Object.keys(projection.plugins)) {
      if (BUILT_IN_PLUGINS[plugin]) continue;
      const message = `Unable to find a plugin named \`${plugin}\` (available: ${Object.keys(BUILT_IN_PLUGINS).join(", ")})`;
      if (config.ignoreMissingPlugins) events.push({ id: "SmithyBuild", severity: "WARNING", message });
      else events.push(configError(message));
    }
  }
  if (events.some(isFailure)) return { ok: false, events: dedupe(events), projections };

  for (const projection of selected) {
    const loaded = loadModelFromPaths([...config.sources, ...config.imports, ...projection.imports]);
    events.push(...loaded.events);
    const checked = loaded.ok && options.check ? options.check(loaded) : [];
    events.push(...checked);
    if (!loaded.ok || checked.some(isFailure)) {
      projections.push({ name: projection.name, ok: false, files: [] });
      continue;
    }
    const outputs: { path: string; content: string }[] = [];
    let ok = true;
    for (const [pluginName, settings] of Object.entries(projection.plugins).sort(([a], [b]) =>
      a < b ? -1 : 1,
    )) {
      const plugin = BUILT_IN_PLUGINS[pluginName];
      if (!plugin) continue;
      const result = plugin(loaded.model, settings);
      events.push(...result.events);
      if (result.events.some(isFailure)) ok = false;
      for (const file of result.files)
        outputs.push({
          path: join(outputRoot, projection.name, pluginName, file.path),
          content: file.content,
        });
    }
    if (!ok) {
      projections.push({ name: projection.name, ok: false, files: [] });
      continue;
    }
    // Replace the projection's previous output so stale files do not linger.
    rmSync(join(outputRoot, projection.name), { recursive: true, force: true });
    for (const file of outputs) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.content);
    }
    projections.push({ name: projection.name, ok: true, files: outputs.map((f) => f.path) });
  }
  return { ok: !events.some(isFailure) && projections.every((p) => p.ok), events, projections };
}

function dedupe(events: ValidationEvent[]): ValidationEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    const key = `${e.severity}|${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Paths of written files relative to `base`, for messages. */
export function describeFiles(result: BuildResult, base: string): string[] {
  return result.projections.flatMap((p) => p.files.map((f) => relative(base, f)));
}
