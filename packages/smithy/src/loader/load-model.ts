// The public entry points: load model files (IDL or JSON AST) together with the prelude and the
// bundled trait models, assemble them, validate, and report everything as events.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstModel } from "../ast.js";
import { isFailure, type SourceLocation, type ValidationEvent } from "../events.js";
import { parseIdl } from "../idl/parser.js";
import { validateModel } from "../validate/validate-model.js";
import { assemble } from "./assemble.js";
import type { DraftFile } from "./draft.js";
import { readJsonModel } from "./json-reader.js";

export interface ModelSource {
  filename: string;
  text: string;
}

export interface LoadOptions {
  sources: ModelSource[];
  /** Include the bundled aws.* / smithy.rules / smithy.waiters trait models (default true). */
  bundledTraits?: boolean;
}

export interface LoadResult {
  model: AstModel;
  events: ValidationEvent[];
  /** No ERROR or DANGER event. */
  ok: boolean;
  /** Where each shape and member (`ns#Shape$member`) was defined. */
  locations: Map<string, SourceLocation>;
}

/** The folder of model files shipped with the package (`prelude/`), next to `src/` and `dist/`. */
const PRELUDE_DIR = fileURLToPath(new URL("../../prelude/", import.meta.url));
const PRELUDE_FILE = "smithy.api.smithy";

let preludeCache: DraftFile[] | undefined;
let bundledCache: DraftFile[] | undefined;

function readDraft(source: ModelSource): DraftFile {
  return source.filename.endsWith(".json")
    ? readJsonModel(source.filename, source.text)
    : parseIdl(source.filename, source.text);
}

function builtInFiles(bundledTraits: boolean): DraftFile[] {
  if (preludeCache === undefined) {
    const filename = join(PRELUDE_DIR, PRELUDE_FILE);
    preludeCache = [readDraft({ filename, text: readFileSync(filename, "utf8") })];
  }
  if (!bundledTraits) return preludeCache;
  if (bundledCache === undefined) {
    bundledCache = listModelFiles(PRELUDE_DIR)
      .filter((file) => !file.endsWith(PRELUDE_FILE))
      .map((filename) => readDraft({ filename, text: readFileSync(filename, "utf8") }));
  }
  return [...preludeCache, ...bundledCache];
}

export function loadModel(options: LoadOptions): LoadResult {
  try {
    const builtIn = builtInFiles(options.bundledTraits ?? true);
    const files = [...builtIn, ...options.sources.map(readDraft)];
    const assembled = assemble(files);
    const events = validateModel(assembled.model, assembled.locations, assembled.events);
    return { model: assembled.model, events, ok: !events.some(isFailure), locations: assembled.locations };
  } catch (error) {
    // A bug in the loader must still come out as an event, never as an exception.
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const events: ValidationEvent[] = [
      { id: "Model", severity: "ERROR", message: `Internal loader error: ${message}` },
    ];
    return { model: { smithy: "2.0", shapes: {} }, events, ok: false, locations: new Map() };
  }
}

/** Loads files and directories (recursively: every `*.smithy` and `*.json`). */
export function loadModelFromPaths(paths: string[], options: { bundledTraits?: boolean } = {}): LoadResult {
  const sources: ModelSource[] = [];
  const events: ValidationEvent[] = [];
  for (const path of paths) {
    try {
      const files = statSync(path).isDirectory() ? listModelFiles(path) : [path];
      for (const filename of files) sources.push({ filename, text: readFileSync(filename, "utf8") });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      events.push({
        id: "Model",
        severity: "ERROR",
        message: `Unable to read model file ${path}: ${reason}`,
      });
    }
  }
  const loadOptions: LoadOptions = { sources };
  if (options.bundledTraits !== undefined) loadOptions.bundledTraits = options.bundledTraits;
  const result = loadModel(loadOptions);
  if (events.length === 0) return result;
  return { ...result, events: [...events, ...result.events], ok: false };
}

function listModelFiles(dir: string): string[] {
  const result: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) result.push(...listModelFiles(full));
    else if (entry.name.endsWith(".smithy") || entry.name.endsWith(".json")) result.push(full);
  }
  return result;
}

let builtInIds: Set<string> | undefined;

/** IDs of the shapes defined by the prelude and the bundled trait models. */
export function builtInShapeIds(): Set<string> {
  if (builtInIds === undefined) {
    builtInIds = new Set(builtInFiles(true).flatMap((file) => file.shapes.map((shape) => shape.id)));
  }
  return builtInIds;
}
