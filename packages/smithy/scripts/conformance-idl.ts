// Runs our loader against Smithy's own IDL test corpus (../shared/conformance/smithy; see its
// README for how each category is judged) and prints pass counts and failing cases.
// Usage: npx tsx packages/smithy/scripts/conformance-idl.ts [--verbose]

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstModel, AstShape, NodeValue } from "../src/ast.js";
import type { ValidationEvent } from "../src/events.js";
import { type LoadResult, loadModel, type ModelSource } from "../src/index.js";

export const defaultCorpusDir = resolve(
  fileURLToPath(new URL("../../../..", import.meta.url)),
  "shared/conformance/smithy",
);

export interface CategoryResult {
  passed: number;
  total: number;
  failures: string[];
}

export interface IdlConformanceResult {
  valid: CategoryResult;
  invalid: CategoryResult & { sameLineColumn: number; syntaxTotal: number; exactMessage: number };
  errorfiles: CategoryResult;
  forwardrefs: CategoryResult;
  /** Cases where loadModel reported an internal error (an escaped exception). */
  crashes: string[];
}

function walk(dir: string): string[] {
  const result: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) result.push(...walk(full));
    else result.push(full);
  }
  return result;
}

function source(path: string): ModelSource {
  return { filename: path, text: readFileSync(path, "utf8") };
}

function load(paths: string[]): LoadResult {
  return loadModel({ sources: paths.map(source), bundledTraits: false });
}

function isCrash(result: LoadResult): boolean {
  return result.events.some((event) => event.message.startsWith("Internal loader error"));
}

function failures(result: LoadResult): ValidationEvent[] {
  return result.events.filter((event) => event.severity === "ERROR" || event.severity === "DANGER");
}

// ---- semantic model comparison (README §1) ----------------------------------------------------

function canonicalNode(value: NodeValue | undefined): unknown {
  if (Array.isArray(value)) return value.map(canonicalNode);
  if (value !== null && typeof value === "object") {
    return Object.keys(value)
      .sort()
      .map((key) => [key, canonicalNode(value[key])]);
  }
  return value;
}

function sortedTargets(list: { target: string }[] | undefined): string[] {
  return (list ?? []).map((item) => item.target).sort();
}

function canonicalShape(shape: AstShape): unknown {
  const members: unknown[] = [];
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    members.push([name, member.target, canonicalNode(member.traits ?? {})]);
  }
  for (const key of ["member", "key", "value"] as const) {
    const member = shape[key];
    if (member) members.push([key, member.target, canonicalNode(member.traits ?? {})]);
  }
  const mapOf = (map: Record<string, { target: string } | string> | undefined) =>
    Object.entries(map ?? {})
      .map(([key, value]) => [key, typeof value === "string" ? value : value.target])
      .sort();
  return {
    type: shape.type,
    traits: canonicalNode(shape.traits ?? {}),
    members,
    mixins: sortedTargets(shape.mixins),
    errors: sortedTargets(shape.errors),
    operations: sortedTargets(shape.operations),
    resources: sortedTargets(shape.resources),
    collectionOperations: sortedTargets(shape.collectionOperations),
    rename: mapOf(shape.rename),
    identifiers: mapOf(shape.identifiers),
    properties: mapOf(shape.properties),
    version: shape.version,
    single: ["input", "output", "create", "put", "read", "update", "delete", "list"].map(
      (key) => (shape[key as "input"] as { target: string } | undefined)?.target,
    ),
  };
}

/** The shapes that matter for a comparison: without the prelude and the given shared shapes. */
export function canonicalModel(model: AstModel, hidden: Set<string>): Map<string, string> {
  const result = new Map<string, string>();
  for (const [id, shape] of Object.entries(model.shapes)) {
    if (id.startsWith("smithy.api#") || hidden.has(id)) continue;
    result.set(id, JSON.stringify(canonicalShape(shape)));
  }
  return result;
}

/** Describes the first difference between two models, or returns undefined when they are equal. */
export function compareModels(a: AstModel, b: AstModel, hidden: Set<string>): string | undefined {
  const left = canonicalModel(a, hidden);
  const right = canonicalModel(b, hidden);
  for (const [id, shape] of left) {
    const other = right.get(id);
    if (other === undefined) return `shape ${id} only in the expected model`;
    if (other !== shape) return `shape ${id} differs:\n  expected ${shape}\n  actual   ${other}`;
  }
  for (const id of right.keys()) if (!left.has(id)) return `shape ${id} only in the actual model`;
  const metaLeft = JSON.stringify(canonicalNode(a.metadata ?? {}));
  const metaRight = JSON.stringify(canonicalNode(b.metadata ?? {}));
  return metaLeft === metaRight
    ? undefined
    : `metadata differs:\n  expected ${metaLeft}\n  actual   ${metaRight}`;
}

function sharedShapeIds(sharedPath: string): Set<string> {
  const parsed = JSON.parse(readFileSync(sharedPath, "utf8")) as { shapes?: Record<string, unknown> };
  return new Set(Object.keys(parsed.shapes ?? {}));
}

// ---- categories ---------------------------------------------------------------------------------

function runValid(corpus: string, result: IdlConformanceResult, verbose: boolean): void {
  const dir = join(corpus, "idl-valid");
  const shared = join(dir, "__shared.json");
  const hidden = sharedShapeIds(shared);
  for (const jsonPath of walk(dir).filter(
    (path) => path.endsWith(".json") && !path.endsWith("__shared.json"),
  )) {
    const name = relative(dir, jsonPath);
    result.valid.total++;
    const expected = load([jsonPath, shared]);
    const actual = load([jsonPath.replace(/\.json$/, ".smithy"), shared]);
    if (isCrash(expected) || isCrash(actual)) result.crashes.push(`idl-valid/${name}`);
    const problems = [...failures(expected), ...failures(actual)];
    const difference = problems.length > 0 ? undefined : compareModels(expected.model, actual.model, hidden);
    if (problems.length === 0 && difference === undefined) {
      result.valid.passed++;
      continue;
    }
    const why =
      problems.length > 0 ? problems.map((event) => `${formatForJava(event)}`).join("\n    ") : difference;
    result.valid.failures.push(verbose ? `${name}\n    ${why}` : name);
  }
}

/** `[SEVERITY] shapeId-or-dash: message | EventId file:line:col`, as in Java's exception text. */
function formatForJava(event: ValidationEvent): string {
  const where = event.sourceLocation
    ? ` ${event.sourceLocation.filename}:${event.sourceLocation.line}:${event.sourceLocation.column}`
    : "";
  return `[${event.severity}] ${event.shapeId ?? "-"}: ${event.message} | ${event.id}${where}`;
}

function runInvalid(corpus: string, result: IdlConformanceResult, verbose: boolean): void {
  const dir = join(corpus, "idl-invalid");
  for (const path of walk(dir).filter((file) => file.endsWith(".smithy"))) {
    const name = relative(dir, path);
    const text = readFileSync(path, "utf8");
    const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
    const expected = firstLine.slice(3).replace(/\[EOF\]/g, "");
    result.invalid.total++;
    const loaded = load([path]);
    if (isCrash(loaded)) result.crashes.push(`idl-invalid/${name}`);
    const problems = failures(loaded);
    const message = problems
      .map(formatForJava)
      .join("\n")
      .replace(/\r\n|\r|\n/g, "\\n")
      .replace(/\[EOF\]/g, "");
    const syntax = /^Syntax error at line (\d+), column (\d+)/.exec(expected);
    if (syntax) result.invalid.syntaxTotal++;
    if (problems.length === 0) {
      result.invalid.failures.push(`${name} (accepted)`);
      continue;
    }
    result.invalid.passed++;
    const sameLineColumn = syntax ? message.includes(syntax[0]) : false;
    if (sameLineColumn) result.invalid.sameLineColumn++;
    if (message.includes(expected)) {
      result.invalid.exactMessage++;
    } else if (verbose || (syntax && !sameLineColumn)) {
      result.invalid.failures.push(`${name} (message)\n    expected: ${expected}\n    actual:   ${message}`);
    }
  }
}

interface ExpectedEvent {
  severity: string;
  shapeId: string;
  message: string;
  eventId: string;
}

const ERRORS_LINE = /^\[(SUPPRESSED|NOTE|WARNING|DANGER|ERROR)] ([^ ]+): ?(.*) \| ([^)]+)/;

function eventMatches(expected: ExpectedEvent, actual: ValidationEvent): boolean {
  if (expected.severity !== actual.severity) return false;
  if ((actual.shapeId ?? "-") !== expected.shapeId) return false;
  const id = actual.id;
  if (!(id === expected.eventId || id.startsWith(`${expected.eventId}.`))) return false;
  const message = (
    actual.suppressionReason ? `${actual.message} (${actual.suppressionReason})` : actual.message
  ).replace(/\n/g, "\\n");
  return message.startsWith(expected.message);
}

const IGNORABLE = new Set(["ModelDeprecation", "DeprecatedTrait", "DeprecatedShape"]);

function runErrorfiles(corpus: string, result: IdlConformanceResult, verbose: boolean): void {
  const dir = join(corpus, "idl-errorfiles");
  for (const errorsPath of walk(dir).filter((file) => file.endsWith(".errors"))) {
    const base = errorsPath.replace(/\.errors$/, "");
    const modelPath = existsSync(`${base}.smithy`) ? `${base}.smithy` : `${base}.json`;
    const name = relative(dir, modelPath);
    result.errorfiles.total++;
    const expected: ExpectedEvent[] = [];
    for (const line of readFileSync(errorsPath, "utf8").split(/\r?\n/)) {
      const match = ERRORS_LINE.exec(line.trim());
      if (match) {
        expected.push({
          severity: match[1] as string,
          shapeId: match[2] as string,
          message: (match[3] as string).trim(),
          eventId: (match[4] as string).trim(),
        });
      }
    }
    const loaded = load([modelPath]);
    if (isCrash(loaded)) result.crashes.push(`idl-errorfiles/${name}`);
    const missing = expected.filter((want) => !loaded.events.some((event) => eventMatches(want, event)));
    const extra = loaded.events.filter(
      (event) =>
        event.severity !== "SUPPRESSED" &&
        !IGNORABLE.has(event.id) &&
        !expected.some((want) => eventMatches(want, event)),
    );
    if (missing.length === 0 && extra.length === 0) {
      result.errorfiles.passed++;
      continue;
    }
    const details = [
      ...missing.map(
        (want) => `missing: [${want.severity}] ${want.shapeId}: ${want.message} | ${want.eventId}`,
      ),
      ...extra.map((event) => `extra:   ${formatForJava(event)}`),
    ];
    result.errorfiles.failures.push(verbose ? `${name}\n    ${details.join("\n    ")}` : name);
  }
}

function runForwardrefs(corpus: string, result: IdlConformanceResult, verbose: boolean): void {
  const dir = join(corpus, "idl-forwardrefs");
  const shared = join(corpus, "idl-valid", "__shared.json");
  const hidden = sharedShapeIds(shared);
  const cases: [string, string[], string[], Set<string>][] = [
    ["use/use.smithy", [join(dir, "use/result.json"), shared], [join(dir, "use/use.smithy"), shared], hidden],
    [
      "use/no-use.smithy",
      [join(dir, "use/result.json"), shared],
      [join(dir, "use/no-use.smithy"), shared],
      hidden,
    ],
    [
      "resource",
      [join(dir, "resource/result.json")],
      [join(dir, "resource/operation.smithy"), join(dir, "resource/resource.smithy")],
      new Set(),
    ],
  ];
  for (const [name, expectedPaths, actualPaths, hiddenIds] of cases) {
    result.forwardrefs.total++;
    const expected = load(expectedPaths);
    const actual = load(actualPaths);
    const problems = [...failures(expected), ...failures(actual)];
    const difference =
      problems.length > 0 ? undefined : compareModels(expected.model, actual.model, hiddenIds);
    if (problems.length === 0 && difference === undefined) {
      result.forwardrefs.passed++;
    } else {
      const why = problems.length > 0 ? problems.map(formatForJava).join("\n    ") : difference;
      result.forwardrefs.failures.push(verbose ? `${name}\n    ${why}` : name);
    }
  }
}

export function runIdlConformance(corpus: string = defaultCorpusDir, verbose = false): IdlConformanceResult {
  const empty = (): CategoryResult => ({ passed: 0, total: 0, failures: [] });
  const result: IdlConformanceResult = {
    valid: empty(),
    invalid: { ...empty(), sameLineColumn: 0, syntaxTotal: 0, exactMessage: 0 },
    errorfiles: empty(),
    forwardrefs: empty(),
    crashes: [],
  };
  runValid(corpus, result, verbose);
  runInvalid(corpus, result, verbose);
  runErrorfiles(corpus, result, verbose);
  runForwardrefs(corpus, result, verbose);
  return result;
}

function main(): void {
  const verbose = process.argv.includes("--verbose");
  if (!existsSync(defaultCorpusDir)) {
    console.log(`Skipped: the Smithy corpus is not at ${defaultCorpusDir}`);
    return;
  }
  const result = runIdlConformance(defaultCorpusDir, verbose);
  const { valid, invalid, errorfiles, forwardrefs } = result;
  console.log(`idl-valid ${valid.passed}/${valid.total}`);
  console.log(
    `idl-invalid ${invalid.passed}/${invalid.total} (${invalid.sameLineColumn}/${invalid.syntaxTotal} at same line:col, ${invalid.exactMessage} exact message)`,
  );
  console.log(`errorfiles ${errorfiles.passed}/${errorfiles.total}`);
  console.log(`forwardrefs ${forwardrefs.passed}/${forwardrefs.total}`);
  if (result.crashes.length > 0) console.log(`crashes: ${result.crashes.join(", ")}`);
  for (const [label, category] of Object.entries({ valid, invalid, errorfiles, forwardrefs })) {
    for (const failure of category.failures) console.log(`  FAIL ${label}: ${failure}`);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
