#!/usr/bin/env node
// `npm run dev`: the spec-change loop. Watches the Smithy model and regenerates on save (printing
// diagnostics as file:line:col without stopping), and runs the reference server, rebuilding and
// restarting it when the generated stub or the app code changes. A broken model or a failed build
// keeps the last good server running. Ctrl-C stops the children and exits.
import { existsSync, realpathSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { smithyDiagnostics, turboFailureLines } from "./lib/dev/diagnostics.mjs";
import { fingerprintDirs } from "./lib/dev/fingerprint.mjs";
import { DEV_HELP, DevUsageError, parseDevArgs } from "./lib/dev/options.mjs";
import { runToEnd, startChild, stopChild } from "./lib/dev/run-command.mjs";
import { watchTree } from "./lib/dev/watch-tree.mjs";
import {
  SERVER_BIN,
  SERVER_ENTRY,
  SERVER_PACKAGE,
  SMITHY_BIN,
  SMITHY_ENTRY,
  serverSourceDirs,
} from "./lib/dev/workspace.mjs";

/** @typedef {import("./lib/dev/run-command.mjs").Child} Child */

const root = fileURLToPath(new URL("..", import.meta.url));
const cwd = process.cwd();
const turbo = join(root, "node_modules", ".bin", "turbo");

/** @param {string} prefix @param {string} text */
const say = (prefix, text) => {
  for (const line of text.split("\n")) process.stdout.write(`${prefix} ${line}\n`);
};
/** @param {string} text */
const model = (text) => say("[model]", text);
/** @param {string} text */
const server = (text) => say("[server]", text);
/** @param {string} text */
const dev = (text) => say("[dev]", text);

/** @returns {import("./lib/dev/options.mjs").DevOptions} */
function readOptions() {
  try {
    return parseDevArgs(process.argv.slice(2), { cwd, defaultModelDir: join(root, "model") });
  } catch (error) {
    if (!(error instanceof DevUsageError)) throw error;
    process.stderr.write(`dev: ${error.message}\n\n${DEV_HELP}`);
    process.exit(2);
  }
}
const options = readOptions();
if (options.help) {
  process.stdout.write(DEV_HELP);
  process.exit(0);
}

const modelDir = options.modelDir;
const config = join(modelDir, "smithy-build.json");
// The workspace model feeds the whole codegen chain (`npm run generate`'s turbo task); any other folder is
// only built.
const workspaceModel = relative(join(root, "model"), modelDir) === "";
const shown = (/** @type {string} */ path) => relative(cwd, path) || ".";
// The reference server is built from the workspace model only.
const runServer = options.server && workspaceModel;

if (!existsSync(config)) {
  process.stderr.write(`dev: ${shown(config)} does not exist (--model-dir must hold a smithy-build.json)\n`);
  process.exit(2);
}

/** The command running right now (smithy or turbo), stopped on Ctrl-C. */
/** @type {Child | undefined} */
let currentCommand;
/** @type {Child | undefined} */
let serverChild;
/** Fingerprint of the sources the running server was built from. */
/** @type {string | undefined} */
let serverBuiltFrom;
let modelOk = false;
let serverEverStarted = false;
let stopping = false;

/**
 * @param {string} command
 * @param {readonly string[]} args
 */
const run = (command, args) =>
  runToEnd(command, args, {
    cwd,
    env: { ...process.env, FORCE_COLOR: "0", TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1" },
    track: (child) => {
      currentCommand = child;
    },
  });

const smithy = (/** @type {string[]} */ args) => run(process.execPath, [join(root, SMITHY_BIN), ...args]);

/** Folder of a workspace package (`@seqstore/server` → `packages/server`), as shown to the user. */
const packageDir = (/** @type {string} */ name) => {
  const linked = join(root, "node_modules", name);
  return existsSync(linked) ? shown(realpathSync(linked)) : undefined;
};

/** Output of a failed `turbo run`, trimmed to the errors, with file:line:col locations. */
const turboFailure = (/** @type {string[]} */ lines) => turboFailureLines(lines, packageDir);

const serverNote = () =>
  !runServer
    ? ""
    : serverChild
      ? "; the server keeps running the last good build"
      : "; no server is running yet";

/** Validates the model and regenerates from it. Returns whether generation succeeded. */
async function regenerate() {
  const started = Date.now();
  const validation = await smithy(["validate", "--config", config]);
  if (stopping) return false;
  if (validation.code !== 0) {
    for (const line of smithyDiagnostics(validation.lines)) model(line);
    model(`the model has errors: not regenerated${serverNote()}`);
    modelOk = false;
    return false;
  }
  // Warnings still matter while editing; the success line is implied by what follows.
  for (const line of smithyDiagnostics(validation.lines.filter((l) => !l.startsWith("Validation passed")))) {
    model(line);
  }
  const generation = workspaceModel
    ? await run(turbo, ["run", "generate:all", "--output-logs=errors-only", "--no-color"])
    : await smithy(["build", "--config", config]);
  if (stopping) return false;
  if (generation.code !== 0) {
    for (const line of workspaceModel ? turboFailure(generation.lines) : generation.lines) model(line);
    model(`generation failed: not regenerated${serverNote()}`);
    modelOk = false;
    return false;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const what = workspaceModel ? "the model, types, client and server stub" : `from ${shown(config)}`;
  model(`regenerated ${what} in ${seconds}s`);
  modelOk = true;
  return true;
}

/** A broken model at start: serve the last good build, if there is one, until the model is fixed. */
function startLastGoodServer() {
  if (!runServer || stopping || !existsSync(join(root, SERVER_ENTRY))) return;
  server("serving the last good build until the model is fixed");
  startServer();
}

function startServer() {
  serverEverStarted = true;
  server(`starting: node ${SERVER_BIN} ${options.serverArgs.join(" ")}`.trimEnd());
  const child = startChild(process.execPath, [join(root, SERVER_BIN), ...options.serverArgs], {
    cwd,
    onLine: (line) => server(line),
  });
  serverChild = child;
  child.exited.then((code) => {
    if (serverChild !== child) return; // stopped on purpose
    serverChild = undefined;
    serverBuiltFrom = undefined;
    if (stopping) return;
    // The server exits with 2 for a command line it does not understand (printed just above).
    const hint = code === 2 ? " (check the server options after `--`)" : "";
    server(`exited with code ${code}${hint}; it starts again after the next change`);
  });
}

async function stopServer() {
  const child = serverChild;
  if (!child) return;
  serverChild = undefined;
  await stopChild(child);
}

/** Rebuilds the server when its sources changed, and restarts it on success. */
async function refreshServer() {
  if (!runServer) return;
  if (!modelOk) {
    server("not rebuilt while the model has errors");
    return;
  }
  const fingerprint = fingerprintDirs(serverSourceDirs(root));
  if (serverChild && fingerprint === serverBuiltFrom) return;
  const build = await run(turbo, [
    "run",
    "build",
    `--filter=${SERVER_PACKAGE}...`,
    "--output-logs=errors-only",
    "--no-color",
  ]);
  if (stopping) return;
  if (build.code !== 0) {
    for (const line of turboFailure(build.lines)) server(line);
    server(
      serverChild ? "build failed: the last good server keeps running" : "build failed: no server is running",
    );
    return;
  }
  if (serverChild) {
    server("sources changed: restarting");
    await stopServer();
  }
  serverBuiltFrom = fingerprint;
  startServer();
}

// One job at a time: turbo runs must not overlap, and a model change may also change the server.
const pending = { model: false, server: false };
let busy = false;

/** @param {"model" | "server"} job */
function schedule(job) {
  pending[job] = true;
  void pump();
}

async function pump() {
  if (busy) return;
  busy = true;
  try {
    while (!stopping && (pending.model || pending.server)) {
      if (pending.model) {
        pending.model = false;
        if (await regenerate()) pending.server = true;
        else if (!serverEverStarted) startLastGoodServer();
      } else {
        pending.server = false;
        await refreshServer();
      }
    }
  } catch (error) {
    dev(`internal error: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    busy = false;
  }
}

/** @type {{ close: () => void }[]} */
const watchers = [];

function startWatching() {
  watchers.push(
    watchTree(modelDir, {
      // Model files only: the build output under generated/ changes on every regeneration.
      accept: (path) =>
        path === "smithy-build.json" ||
        (path.endsWith(".smithy") && !/(^|\/)(generated|node_modules)\//.test(path)),
      onChange: (paths) => {
        model(`changed: ${paths.map((p) => shown(join(modelDir, p))).join(", ")}`);
        schedule("model");
      },
      onError: (error) => dev(`cannot watch ${shown(modelDir)}: ${error.message}`),
      skipDir: (name) => name === "generated" || name === "node_modules" || name.startsWith("."),
    }),
  );
  if (!runServer) return;
  for (const dir of serverSourceDirs(root)) {
    watchers.push(
      watchTree(dir, {
        accept: () => true,
        onChange: () => schedule("server"),
        onError: (error) => dev(`cannot watch ${shown(dir)}: ${error.message}`),
      }),
    );
  }
}

/** @param {NodeJS.Signals} signal */
async function shutdown(signal) {
  if (stopping) {
    // A second Ctrl-C: do not wait for graceful stops.
    currentCommand?.signal("SIGKILL");
    serverChild?.signal("SIGKILL");
    process.exit(130);
  }
  stopping = true;
  dev(`${signal}: stopping`);
  for (const watcher of watchers) watcher.close();
  const command = currentCommand;
  await Promise.all([command ? stopChild(command) : undefined, stopServer()]);
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

if (!workspaceModel && !existsSync(join(root, SMITHY_ENTRY))) {
  process.stderr.write(
    "dev: build the Smithy toolchain first: npx turbo run build --filter=@seqstore/smithy\n",
  );
  process.exit(2);
}
if (options.server && !workspaceModel)
  dev("the reference server runs only with the workspace model (model/)");
dev(`watching ${shown(modelDir)}${runServer ? " and the server sources" : ""} (Ctrl-C stops)`);
if (workspaceModel) {
  // The toolchain validates the model before anything else runs; turbo's cache makes this cheap.
  const toolchain = await run(turbo, [
    "run",
    "build",
    "--filter=@seqstore/smithy",
    "--output-logs=errors-only",
    "--no-color",
  ]);
  if (toolchain.code !== 0) {
    for (const line of turboFailure(toolchain.lines)) dev(line);
    dev("the Smithy toolchain does not build; fix packages/smithy and restart `npm run dev`");
  }
}
startWatching();
schedule("model");
