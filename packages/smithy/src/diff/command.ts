// `smithy diff --old <version> --new <version>`: load both model versions, classify every change,
// print a table / JSON / Markdown, and exit 1 when any change breaks existing clients or servers.
import { isAbsolute, relative } from "node:path";
import { formatEvent, isFailure } from "../events.js";
import type { ValidationEvent } from "../events.js";
import { diffModels } from "./diff-models.js";
import { formatDiffJson, formatDiffTable } from "./format.js";
import {
  type LoadedModelVersion,
  loadModelVersion,
  ModelVersionError,
  type ModelVersionSpec,
  parseModelVersionSpec,
} from "./load-version.js";
import { DIFF_RULES } from "./rules/index.js";
import { summarizeApiChanges } from "./summary.js";
import { type DiffSeverity, isDiffSeverity, severityRank } from "./types.js";

export const DIFF_HELP = `Usage: smithy diff --old <version> [--new <version>] [--format table|json|markdown] [--severity NOTE|WARNING|ERROR]

Compares two versions of a model and classifies every change as ERROR (breaks existing
clients or servers), WARNING (risky) or NOTE (compatible). Exits 1 when there is an ERROR.

A <version> is one of:
  model/ or a,b          files and directories (a smithy-build.json, or a directory holding one,
                         stands for its sources)
  origin/main:model/     paths at a git revision
  origin/main            the --new paths at a git revision
--list-rules prints every rule with its severities. --new defaults to ./smithy-build.json. --severity hides events below it (the exit code still
counts every ERROR).
`;

export interface DiffCommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

class DiffUsageError extends Error {}

interface DiffArgs {
  old?: string;
  new?: string;
  format: "table" | "json" | "markdown";
  severity: DiffSeverity;
  help: boolean;
  listRules: boolean;
}

const VALUE_FLAGS = new Set(["--old", "--new", "--format", "--severity"]);

function parseDiffArgs(argv: readonly string[]): DiffArgs {
  const args: DiffArgs = { format: "table", severity: "NOTE", help: false, listRules: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") {
      args.help = true;
      continue;
    }
    if (arg === "--list-rules") {
      args.listRules = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUE_FLAGS.has(name)) {
      throw new DiffUsageError(
        arg.startsWith("-")
          ? `Unknown option ${arg} for \`diff\``
          : `Unexpected argument ${arg} for \`diff\``,
      );
    }
    const value = eq > 0 && name !== arg ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "") throw new DiffUsageError(`Missing value for ${name}`);
    if (name === "--old") args.old = value;
    else if (name === "--new") args.new = value;
    else if (name === "--format") {
      if (value !== "table" && value !== "json" && value !== "markdown") {
        throw new DiffUsageError(`--format must be table, json or markdown, not \`${value}\``);
      }
      args.format = value;
    } else {
      const severity = value.toUpperCase();
      if (!isDiffSeverity(severity))
        throw new DiffUsageError(`--severity must be NOTE, WARNING or ERROR, not \`${value}\``);
      args.severity = severity;
    }
  }
  return args;
}

/** Loader diagnostics as `file:line:col: ERROR message (EventId)`, file names relative to cwd. */
function loadFailures(version: LoadedModelVersion, cwd: string): string[] {
  return version.events.filter(isFailure).map((event: ValidationEvent) => {
    const location = event.sourceLocation;
    const shown =
      location && isAbsolute(location.filename)
        ? { ...event, sourceLocation: { ...location, filename: relative(cwd, location.filename) } }
        : event;
    return formatEvent(shown).split("\n")[0] ?? "";
  });
}

function load(
  which: "old" | "new",
  spec: ModelVersionSpec,
  io: DiffCommandIo,
): LoadedModelVersion | undefined {
  const version = loadModelVersion(spec, io.cwd);
  if (version.ok) return version;
  const failures = loadFailures(version, io.cwd);
  for (const line of failures) io.stderr(`${line}\n`);
  io.stderr(`ERROR cannot load the ${which} model (${version.label}): ${failures.length} error(s)\n`);
  return undefined;
}

/** The rule table as documentation: `RuleId  description`, aligned. */
export function formatRuleList(): string {
  const width = Math.max(...DIFF_RULES.map((rule) => rule.id.length));
  return `${DIFF_RULES.map((rule) => `${rule.id.padEnd(width)}  ${rule.description}`).join("\n")}\n`;
}

const processIo = (): DiffCommandIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});

/** `argv` are the arguments after `diff`; returns the exit code. Never throws. */
export async function runDiffCommand(
  argv: readonly string[],
  io: DiffCommandIo = processIo(),
): Promise<number> {
  try {
    const args = parseDiffArgs(argv);
    if (args.help) {
      io.stdout(DIFF_HELP);
      return 0;
    }
    if (args.listRules) {
      io.stdout(formatRuleList());
      return 0;
    }
    if (args.old === undefined)
      throw new DiffUsageError("Missing --old <version> (try `smithy diff --help`)");
    const newSpec = parseModelVersionSpec(args.new ?? "smithy-build.json", [], io.cwd);
    const oldSpec = parseModelVersionSpec(args.old, newSpec.paths, io.cwd);
    const oldVersion = load("old", oldSpec, io);
    const newVersion = load("new", newSpec, io);
    if (oldVersion === undefined || newVersion === undefined) return 1;

    const events = diffModels(oldVersion.model, newVersion.model);
    const shown = events.filter((e) => severityRank(e.severity) >= severityRank(args.severity));
    if (args.format === "json") io.stdout(formatDiffJson(shown));
    else if (args.format === "markdown") io.stdout(summarizeApiChanges(shown));
    else io.stdout(formatDiffTable(shown));
    return events.some((e) => e.severity === "ERROR") ? 1 : 0;
  } catch (error) {
    if (error instanceof DiffUsageError || error instanceof ModelVersionError) {
      io.stderr(`ERROR ${error.message}\n`);
      return 1;
    }
    // Anything else is our bug: still one line, no stack trace.
    io.stderr(
      `ERROR internal error in smithy diff: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}
