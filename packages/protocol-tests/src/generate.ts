// Generates the types, client and server stub of any service through exactly the generators
// `npm run generate` runs (their built dist-codegen, with the model's own OpenAPI settings), into a
// cache directory keyed by a hash of the model and of the generators. The generated files import
// the real runtimes: the client's by a relative path, the server's through links to
// packages/server/src, so nothing of the runtime is copied or mocked.
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type AstModel, contextualName, convertToOpenApi, type NodeValue } from "@seqstore/smithy";
import { repoRoot } from "./paths.js";

export interface GeneratedService {
  dir: string;
  serviceId: string;
  /** The service's short name (`RestJson`), as the generators name it. */
  name: string;
  /** client/index.ts: the generated client modules. */
  clientEntry: string;
  /** server/src/generated/: the server stub's tables, handlers and errors (undefined when OpenAPI failed). */
  serverDir?: string;
  /** Why there is no server stub or types: the OpenAPI conversion's errors. */
  openApiError?: string;
}

const GENERATOR_DIRS = [
  "packages/smithy/dist",
  "packages/types/dist-codegen",
  "packages/client/dist-codegen",
  "packages/server/dist-codegen",
];

const CLIENT_RUNTIME = "packages/client/src/runtime";
const SERVER_SOURCE = "packages/server/src";
const TYPES_SOURCE = "packages/types/src";

function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  if (!existsSync(dir)) {
    throw new Error(
      `${path.relative(repoRoot, dir)} is missing: build the generators first (npx turbo run build build:codegen)`,
    );
  }
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, file);
    else if (entry.name.endsWith(".js")) hash.update(entry.name).update(readFileSync(file));
  }
}

/**
 * The model's own OpenAPI plugin settings (model/smithy-build.json) for another service. Prefix
 * headers, which OpenAPI cannot describe, only warn: the server core binds and checks them itself.
 */
function openApiConfig(serviceId: string): Record<string, NodeValue> {
  const build = JSON.parse(readFileSync(path.join(repoRoot, "model/smithy-build.json"), "utf8")) as {
    plugins?: { openapi?: Record<string, NodeValue> };
  };
  return { onHttpPrefixHeaders: "WARN", ...(build.plugins?.openapi ?? {}), service: serviceId };
}

async function load<T>(relative: string): Promise<T> {
  return (await import(pathToFileURL(path.join(repoRoot, relative)).href)) as T;
}

interface ClientCodegen {
  renderModules(
    specs: unknown,
    serviceName: string,
    serviceId: string,
    runtimeDir?: string,
  ): Record<string, string>;
}
interface SpecsCodegen {
  SpecBuilder: new (model: AstModel, serviceId: string) => unknown;
}
interface TypesCodegen {
  renderTypesFiles(input: {
    model: AstModel;
    serviceId: string;
    document: unknown;
  }): Promise<Record<string, string>>;
}
interface ServerCodegen {
  generateFiles(input: {
    model: AstModel;
    serviceId: string;
    openApi: { document: unknown; source: string };
  }): Promise<Record<string, string>>;
}

/** Links every entry of `source` but `except` into `target` (the generated files sit beside them). */
function linkEntries(source: string, target: string, except: string[]): void {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source)) {
    if (except.includes(entry)) continue;
    symlinkSync(path.join(source, entry), path.join(target, entry));
  }
}

function copyEntries(source: string, target: string, except: string[]): void {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source)) {
    if (!except.includes(entry))
      cpSync(path.join(source, entry), path.join(target, entry), { recursive: true });
  }
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/** The cache directory for these inputs, generating into it first when it does not exist yet. */
export async function generateService(
  model: AstModel,
  serviceId: string,
  cacheRoot?: string,
): Promise<GeneratedService> {
  const hash = createHash("sha256");
  const config = openApiConfig(serviceId);
  hash.update(JSON.stringify(model)).update(JSON.stringify(config));
  // This file decides the layout: a change to it is a change of output.
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const dir of GENERATOR_DIRS) hashTree(hash, path.join(repoRoot, dir));
  const root = cacheRoot ?? path.join(repoRoot, "node_modules/.cache/seqstore-protocol-tests");
  const dir = path.join(root, hash.digest("hex").slice(0, 16));
  const name = contextualName(model, serviceId, serviceId);
  const result: GeneratedService = { dir, serviceId, name, clientEntry: path.join(dir, "client/index.ts") };
  const metaFile = path.join(dir, "generated.json");
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, "utf8")) as { openApiError?: string; repoRoot?: string };
    // An entry links to (and its tsconfig names) the checkout that made it: one made by another checkout
    // (a node_modules copied across worktrees) would run that checkout's runtime, so it is made again.
    if (meta.repoRoot === repoRoot) {
      // Marks it used, for pruneCache.
      const now = new Date();
      utimesSync(dir, now, now);
      return withServer(result, meta.openApiError);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  pruneCache(root);

  // Built beside the final directory and renamed into place, so a half-written one is never used.
  const building = `${dir}.${process.pid}.tmp`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });

  const [{ renderModules }, { SpecBuilder }] = await Promise.all([
    load<ClientCodegen>("packages/client/dist-codegen/render.js"),
    load<SpecsCodegen>("packages/client/dist-codegen/specs.js"),
  ]);
  const clientDir = path.join(building, "client");
  const runtimeDir = path.relative(path.join(dir, "client"), path.join(repoRoot, CLIENT_RUNTIME));
  writeFiles(clientDir, renderModules(new SpecBuilder(model, serviceId), name, serviceId, runtimeDir));
  writeFiles(clientDir, {
    "index.ts":
      'export * from "./client.js";\nexport * from "./errors.js";\nexport * from "./operations.js";\n',
  });

  const converted = convertToOpenApi(model, config);
  const errors = converted.events.filter(
    (event) => event.severity === "ERROR" || event.severity === "DANGER",
  );
  let openApiError: string | undefined;
  if (!converted.document || errors.length > 0) {
    openApiError = `OpenAPI conversion failed: ${errors.map((event) => event.message).join("; ")}`;
  } else {
    const document = converted.document;
    writeFileSync(path.join(building, "openapi.json"), `${JSON.stringify(document, null, 2)}\n`);
    const [types, server] = await Promise.all([
      load<TypesCodegen>("packages/types/dist-codegen/generate.js"),
      load<ServerCodegen>("packages/server/dist-codegen/codegen/generate.js"),
    ]);
    const [typeFiles, serverFiles] = await Promise.all([
      types.renderTypesFiles({ model, serviceId, document }),
      server.generateFiles({ model, serviceId, openApi: { document, source: `${name}.openapi.json` } }),
    ]);
    writeFiles(path.join(building, "types"), typeFiles);
    // Copied, not linked: the types' index re-exports ./generated, which must be these.
    copyEntries(path.join(repoRoot, TYPES_SOURCE), path.join(building, "types/src"), ["generated"]);
    writeFiles(path.join(building, "server"), serverFiles);
    linkEntries(path.join(repoRoot, SERVER_SOURCE), path.join(building, "server/src"), [
      "generated",
      "index.ts",
    ]);
    writeFiles(building, { "tsconfig.json": typecheckConfig() });
  }
  writeFileSync(
    path.join(building, "generated.json"),
    `${JSON.stringify({ serviceId, openApiError, repoRoot }, null, 2)}\n`,
  );
  try {
    renameSync(building, dir);
  } catch (error) {
    // Another process generated the same inputs first: theirs is as good.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(metaFile) || !statSync(dir).isDirectory()) throw error;
  }
  return withServer(result, openApiError);
}

/** How many generated services the cache keeps (the least recently used go first). */
const CACHE_ENTRIES = 8;

/** Drops all but the most recently used entries (finished ones; a build in progress ends in .tmp). */
function pruneCache(root: string): void {
  if (!existsSync(root)) return;
  const entries = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^[0-9a-f]{16}$/.test(entry.name))
    .map((entry) => ({
      dir: path.join(root, entry.name),
      used: statSync(path.join(root, entry.name)).mtimeMs,
    }))
    .sort((a, b) => b.used - a.used);
  for (const { dir } of entries.slice(CACHE_ENTRIES - 1)) rmSync(dir, { recursive: true, force: true });
}

function withServer(result: GeneratedService, openApiError: string | undefined): GeneratedService {
  if (openApiError !== undefined) return { ...result, openApiError };
  return { ...result, serverDir: path.join(result.dir, "server/src/generated") };
}

/** A strict tsconfig that typechecks the generated client against the generated types. */
function typecheckConfig(): string {
  const base = path.join(repoRoot, "tsconfig.base.json");
  return `${JSON.stringify(
    {
      extends: base,
      compilerOptions: {
        noEmit: true,
        rootDir: repoRoot,
        baseUrl: ".",
        paths: { "@seqstore/types": ["./types/src/index.ts"] },
      },
      include: ["client", "types/src"],
    },
    null,
    2,
  )}\n`;
}
