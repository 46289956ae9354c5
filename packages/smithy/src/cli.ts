// The `smithy` command line: build, validate, ast. Bad input always ends as one-line
// diagnostics (`file:line:col: ERROR message (EventId)`) and exit code 1, never a stack trace.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { BuildConfigError, describeFiles, readBuildConfig, runBuild } from "./build/index.js";
import type { BuildOptions } from "./build/index.js";
import { runDiffCommand } from "./diff/command.js";
import { formatEvent, isFailure } from "./events.js";
import type { ValidationEvent } from "./events.js";
import { loadModelFromPaths } from "./loader/load-model.js";
import { serializeModel } from "./loader/serialize.js";
import { writeIdl } from "./idl/writer.js";
import { sliceModel } from "./model/slice.js";

const HELP = `Usage: smithy <command> [options]

Commands:
  build     Build the projections and plugins of smithy-build.json
            [--config smithy-build.json] [--output dir] [--projection name]
  validate  Load and validate a model           [--config file] [files...]
  ast       Print the model as a JSON AST       [--config file] [files...]
  idl       Write the model as Smithy IDL 2.0, one file per namespace (e.g. from a JSON AST)
            [--output dir] [--shapes id,id...] [--config file] [files...]
            --shapes: only these shapes and what they need; one namespace without --output: stdout
  diff      Find breaking changes between two model versions
            --old <dir|files|git-ref[:path]> [--new <version>] [--format table|json|markdown]
            [--severity NOTE|WARNING|ERROR]

Options:
  --help, -h     Show this help
  --version, -v  Show the version
`;

class UsageError extends Error {}

interface ParsedArgs {
  command: string | undefined;
  options: Map<string, string>;
  flags: Set<string>;
  positional: string[];
}

const VALUE_OPTIONS = new Set(["--config", "-c", "--output", "-o", "--projection", "--shapes"]);

function parseArgs(argv: string[]): ParsedArgs {
  const parsed: ParsedArgs = { command: undefined, options: new Map(), flags: new Set(), positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_OPTIONS.has(name)) {
      const value = eq > 0 && name !== arg ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === "") throw new UsageError(`Missing value for ${name}`);
      parsed.options.set(name.replace(/^-c$/, "--config").replace(/^-o$/, "--output"), value);
    } else if (arg.startsWith("-") && arg !== "-") {
      parsed.flags.add(arg);
    } else if (parsed.command === undefined) {
      parsed.command = arg;
    } else {
      parsed.positional.push(arg);
    }
  }
  return parsed;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version?: string;
  };
  return pkg.version ?? "0.0.0";
}

/** Events as the user sees them: relative file names, failures and warnings only. */
function printEvents(events: ValidationEvent[]): void {
  const cwd = process.cwd();
  for (const event of events) {
    if (event.severity === "SUPPRESSED" || event.severity === "NOTE") continue;
    const shown =
      event.sourceLocation && isAbsolute(event.sourceLocation.filename)
        ? {
            ...event,
            sourceLocation: {
              ...event.sourceLocation,
              filename: relative(cwd, event.sourceLocation.filename),
            },
          }
        : event;
    // Multi-line messages (e.g. internal errors) are cut to their first line.
    const line = formatEvent(shown).split("\n")[0] ?? "";
    (isFailure(event) ? console.error : console.warn)(line);
  }
}

/** Model files: the positional arguments, else the config's sources and imports. */
function modelPaths(args: ParsedArgs): string[] {
  if (args.positional.length > 0) return args.positional.map((p) => resolve(p));
  const configPath = args.options.get("--config") ?? "smithy-build.json";
  const config = readBuildConfig(configPath);
  return [...config.sources, ...config.imports];
}

function unexpectedOptions(args: ParsedArgs, allowed: string[]): void {
  for (const key of args.options.keys()) {
    if (!allowed.includes(key)) throw new UsageError(`Unknown option ${key} for \`${args.command}\``);
  }
  for (const flag of args.flags) throw new UsageError(`Unknown option ${flag}`);
}

/** What a program embedding the CLI (the repository's generate pipeline) adds to its commands. */
export interface CliHooks {
  /** Passed to `runBuild` by `build`: extra checks of the loaded model. */
  check?: BuildOptions["check"];
}

function buildCommand(args: ParsedArgs, hooks: CliHooks): number {
  unexpectedOptions(args, ["--config", "--output", "--projection"]);
  if (args.positional.length > 0)
    throw new UsageError(`Unexpected argument ${args.positional[0]} for \`build\``);
  const config = readBuildConfig(args.options.get("--config") ?? "smithy-build.json");
  const options: BuildOptions = {};
  if (hooks.check) options.check = hooks.check;
  const output = args.options.get("--output");
  if (output !== undefined) options.outputDirectory = resolve(output);
  const projection = args.options.get("--projection");
  if (projection !== undefined) options.projection = projection;
  const result = runBuild(config, options);
  printEvents(result.events);
  if (!result.ok) {
    console.error("Smithy build failed: no files were written for projections with errors");
    return 1;
  }
  const files = describeFiles(result, process.cwd());
  console.log(`Smithy build complete: ${files.length} file(s) written`);
  for (const f of files) console.log(`  ${f}`);
  return 0;
}

function validateCommand(args: ParsedArgs): number {
  unexpectedOptions(args, ["--config"]);
  const loaded = loadModelFromPaths(modelPaths(args));
  printEvents(loaded.events);
  const failures = loaded.events.filter(isFailure).length;
  if (failures > 0) {
    console.error(`Validation failed: ${failures} error(s)`);
    return 1;
  }
  const shapes = Object.keys(serializeModel(loaded.model).shapes).length;
  console.log(`Validation passed: ${shapes} shape(s)`);
  return 0;
}

function astCommand(args: ParsedArgs): number {
  unexpectedOptions(args, ["--config"]);
  const loaded = loadModelFromPaths(modelPaths(args));
  printEvents(loaded.events);
  if (!loaded.ok) return 1;
  process.stdout.write(`${JSON.stringify(serializeModel(loaded.model), null, 2)}\n`);
  return 0;
}

function idlCommand(args: ParsedArgs): number {
  unexpectedOptions(args, ["--config", "--output", "--shapes"]);
  const loaded = loadModelFromPaths(modelPaths(args));
  printEvents(loaded.events);
  if (!loaded.ok) return 1;
  const roots = args.options
    .get("--shapes")
    ?.split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
  let model = loaded.model;
  if (roots !== undefined) {
    try {
      model = sliceModel(loaded.model, roots);
    } catch (error) {
      throw new UsageError(`--shapes: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const files = writeIdl(model);
  const output = args.options.get("--output");
  if (output === undefined) {
    if (files.length > 1) {
      const names = files.map((file) => file.namespace).join(", ");
      throw new UsageError(
        `The model has ${files.length} namespaces (${names}) and IDL holds one per file: pass --output <dir>`,
      );
    }
    process.stdout.write(files[0]?.text ?? "");
    return 0;
  }
  mkdirSync(resolve(output), { recursive: true });
  for (const file of files) {
    const path = join(resolve(output), `${file.namespace || "metadata"}.smithy`);
    writeFileSync(path, file.text);
    console.log(`  ${relative(process.cwd(), path)}`);
  }
  return 0;
}

/** Entry point used by bin/smithy.js; returns the process exit code. */
export async function main(argv: string[], hooks: CliHooks = {}): Promise<number> {
  try {
    // diff has its own flags, so it is dispatched before the shared parser rejects them.
    if (argv[0] === "diff") return await runDiffCommand(argv.slice(1));
    const args = parseArgs(argv);
    if (args.flags.has("--version") || args.flags.has("-v")) {
      console.log(version());
      return 0;
    }
    if (args.flags.has("--help") || args.flags.has("-h") || args.command === "help") {
      console.log(HELP);
      return 0;
    }
    switch (args.command) {
      case "build":
        return buildCommand(args, hooks);
      case "validate":
        return validateCommand(args);
      case "ast":
        return astCommand(args);
      case "idl":
        return idlCommand(args);
      case undefined:
        console.error(HELP);
        return 1;
      default:
        throw new UsageError(`Unknown command \`${args.command}\` (try --help)`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof BuildConfigError) {
      console.error(`ERROR ${error.message}`);
      return 1;
    }
    // Anything else is our bug: still one line, no stack trace.
    console.error(`ERROR internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
