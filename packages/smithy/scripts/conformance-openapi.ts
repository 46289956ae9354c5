// Runs Smithy's OpenAPI conformance corpus (/work/shared/conformance/smithy/openapi, described by
// openapi-cases.json) against our loader + converter and reports pass counts per expectation kind.
// Usage: npx tsx scripts/conformance-openapi.ts [sharedDir]
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { NodeValue } from "../src/ast.js";
import { isFailure } from "../src/events.js";
import { BUILT_IN_PLUGINS } from "../src/build/plugins.js";
import { loadModel } from "../src/loader/load-model.js";
import { convertToOpenApi, restJson1ProtocolHeaders } from "../src/openapi/index.js";
import type { Json, JsonObject } from "../src/openapi/index.js";

export type CaseKind = "openapi" | "error" | "success" | "assert" | "pointer-values" | "protocol-headers";

export interface CaseResult {
  id: string;
  kind: CaseKind;
  /** undefined: not checkable by us (Java-only hook). */
  passed: boolean | undefined;
  reason?: string;
}

interface CaseSpec {
  id: string;
  models: string[];
  config: Record<string, NodeValue>;
  expect: {
    kind: CaseKind;
    file?: string;
    messageContains?: string | null;
    values?: PointerValue[];
    operations?: Record<string, { request: string[]; response: string[] }>;
  };
}

interface PointerValue {
  path: string;
  exampleId: string;
  data: Json;
}

/** Where the corpus lives: `<repo>/../shared/conformance/smithy`. */
export function defaultCorpusDir(): string {
  const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
  return resolve(repoRoot, "../shared/conformance/smithy");
}

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Deep equality: object key order ignored, array order significant. First difference or undefined. */
export function firstDifference(actual: unknown, expected: unknown, path = ""): string | undefined {
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return `${path || "/"}: type differs`;
    if (expected.length !== actual.length)
      return `${path || "/"}: array length ${actual.length}, expected ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(actual[i], expected[i], `${path}/${i}`);
      if (d) return d;
    }
    return undefined;
  }
  if (isObject(expected) || isObject(actual)) {
    if (!isObject(expected) || !isObject(actual)) return `${path || "/"}: type differs`;
    for (const key of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
      if (!(key in actual)) return `${path}/${key}: missing`;
      if (!(key in expected)) return `${path}/${key}: unexpected`;
      const d = firstDifference(actual[key], expected[key], `${path}/${key}`);
      if (d) return d;
    }
    return undefined;
  }
  return actual === expected
    ? undefined
    : `${path || "/"}: ${JSON.stringify(actual)?.slice(0, 80)} != ${JSON.stringify(expected)?.slice(0, 80)}`;
}

function at(doc: Json | undefined, ...keys: string[]): Json | undefined {
  let current = doc;
  for (const k of keys) current = isObject(current) ? current[k] : undefined;
  return current;
}

/** Targeted checks of the `assert` cases, written from each entry's description. */
const ASSERTS: Record<string, (doc: JsonObject, events: string[]) => boolean | undefined> = {
  "test-service-schema-document-extensions": (doc) => doc.foo === "baz",
  "missing-http-bindings": (doc) =>
    Object.values(isObject(doc.paths) ? doc.paths : {}).every(
      (item) =>
        !isObject(item) ||
        !["get", "head", "delete", "patch", "post", "put", "trace", "options"].some((m) => m in item),
    ),
  "adds-empty-response": (doc) => {
    const responses = at(doc, "paths", "/", "get", "responses");
    return isObject(responses) && Object.keys(responses).length > 0;
  },
  "consolidates-security-service": () => undefined,
  "error-code-collision-via-default-settings": (doc) => JSON.stringify(doc).includes('"oneOf"'),
  // Checked separately in runCase (it needs the model, not the document).
  "plugin-test-service": () => true,
  "protocols/custom-json-content-type": (doc) => JSON.stringify(doc).includes("application/x-amz-json-1.0"),
  "mappers/remove-unused-components": (doc) => {
    const schemas = at(doc, "components", "schemas");
    return (
      isObject(schemas) &&
      "SmallOperationRequestContent" in schemas &&
      "StringMap" in schemas &&
      !("SmallOperationExceptionResponseContent" in schemas)
    );
  },
  "mappers/keep-unused-components": (doc) => {
    const schemas = at(doc, "components", "schemas");
    return isObject(schemas) && Object.keys(schemas).length > 0;
  },
  "mappers/substitutions": (doc) => at(doc, "info", "description") === "hello",
  "mappers/json-add": (doc) =>
    at(doc, "info", "description") === "hello" &&
    at(doc, "info", "foo") === "bar" &&
    at(doc, "info", "nested", "abc") === "nested" &&
    at(doc, "info", "title") === "custom",
  "mappers/json-add-schemas": (doc, events) =>
    isObject(at(doc, "components", "schemas", "Merged")) &&
    events.some((e) => e.includes("Adding schemas to the generated OpenAPI model directly")),
};

function loadCase(corpus: string, spec: CaseSpec, alwaysLoad: string[]) {
  const files = [
    ...alwaysLoad.map((f) => join(corpus, f)),
    ...spec.models.map((m) => join(corpus, "openapi", m)),
  ];
  const sources = files.map((filename) => ({ filename, text: readFileSync(filename, "utf8") }));
  return loadModel({ sources, bundledTraits: false });
}

function runCase(corpus: string, spec: CaseSpec, alwaysLoad: string[]): CaseResult {
  const kind = spec.expect.kind;
  const result = (passed: boolean | undefined, reason?: string): CaseResult =>
    reason === undefined ? { id: spec.id, kind, passed } : { id: spec.id, kind, passed, reason };
  const loaded = loadCase(corpus, spec, alwaysLoad);
  const loadErrors = loaded.events.filter(isFailure);
  if (loadErrors.length > 0) {
    return result(false, `load: ${loadErrors[0]?.message.split("\n")[0]?.slice(0, 160)}`);
  }
  if (kind === "protocol-headers") {
    // Sets compared without regard to order or case (Java keeps them case-insensitively).
    const norm = (list: string[]) => [...new Set(list.map((h) => h.toLowerCase()))].sort();
    const namespace = String(spec.config.service).split("#")[0];
    for (const [op, want] of Object.entries(spec.expect.operations ?? {})) {
      const got = restJson1ProtocolHeaders(loaded.model, `${namespace}#${op}`);
      for (const side of ["request", "response"] as const) {
        const diff = firstDifference(norm(got[side]), norm(want[side]));
        if (diff) return result(false, `${op} ${side}: ${diff}`);
      }
    }
    return result(true);
  }
  const converted = convertToOpenApi(loaded.model, spec.config);
  const errors = converted.events.filter((e) => e.severity === "ERROR").map((e) => e.message);
  const messages = converted.events.map((e) => e.message);
  const doc = converted.document;
  switch (kind) {
    case "error": {
      if (doc) return result(false, "conversion succeeded");
      const wanted = spec.expect.messageContains;
      if (wanted && !errors.some((m) => m.includes(wanted)))
        return result(false, `message lacks "${wanted}": ${errors[0]}`);
      return result(true);
    }
    case "success":
      return doc ? result(true) : result(false, errors[0]);
    case "openapi": {
      if (!doc) return result(false, errors[0]);
      const expected = JSON.parse(
        readFileSync(join(corpus, "openapi", spec.expect.file ?? ""), "utf8"),
      ) as JsonObject;
      // Some Java tests print the document before RemoveEmptyComponents runs; an empty
      // `components` object carries no information, so it is not required.
      if (isObject(expected.components) && Object.keys(expected.components).length === 0)
        delete expected.components;
      const diff = firstDifference(doc, expected);
      return diff ? result(false, diff) : result(true);
    }
    case "assert": {
      if (spec.id === "plugin-test-service") {
        const files = BUILT_IN_PLUGINS.openapi?.(loaded.model, spec.config).files.map((f) => f.path) ?? [];
        return files.includes("RestService.openapi.json")
          ? result(true)
          : result(false, `plugin wrote ${files.join(", ")}`);
      }
      const check = ASSERTS[spec.id];
      if (!check) return result(undefined, "no check written");
      if (!doc) return result(false, errors[0]);
      const ok = check(doc, messages);
      return ok === undefined
        ? result(undefined, "Java-only hook")
        : result(ok, ok ? undefined : "assertion failed");
    }
    case "pointer-values": {
      if (!doc) return result(false, errors[0]);
      for (const v of spec.expect.values ?? []) {
        const value = at(
          doc,
          "paths",
          v.path,
          "get",
          "responses",
          "200",
          "content",
          "application/json",
          "examples",
          v.exampleId,
          "value",
          "data",
        );
        const diff = firstDifference(value, v.data);
        if (diff) return result(false, `${v.path}: ${diff}`);
      }
      return result(true);
    }
    default:
      return result(undefined, `unknown kind ${kind}`);
  }
}

export interface ConformanceSummary {
  results: CaseResult[];
  counts: Record<CaseKind, { passed: number; total: number }>;
}

export function runOpenApiConformance(corpus = defaultCorpusDir()): ConformanceSummary {
  const index = JSON.parse(readFileSync(join(corpus, "openapi-cases.json"), "utf8")) as {
    alwaysLoad: string[];
    cases: CaseSpec[];
  };
  // Our loader brings its own prelude; the corpus copy would define smithy.api twice.
  const alwaysLoad = index.alwaysLoad.filter((f) => !f.endsWith("prelude.smithy"));
  const results = index.cases.map((spec) => {
    try {
      return runCase(corpus, spec, alwaysLoad);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { id: spec.id, kind: spec.expect.kind, passed: false, reason: `threw: ${message}` };
    }
  });
  const counts = {} as ConformanceSummary["counts"];
  for (const r of results) {
    const c = counts[r.kind] ?? { passed: 0, total: 0 };
    counts[r.kind] = c;
    c.total++;
    if (r.passed) c.passed++;
  }
  return { results, counts };
}

export function formatSummary(summary: ConformanceSummary): string {
  const c = (k: CaseKind) => summary.counts[k] ?? { passed: 0, total: 0 };
  const lines = [
    `openapi ${c("openapi").passed}/${c("openapi").total} expected-file cases, ` +
      `${c("error").passed}/${c("error").total} expected errors, ` +
      `${c("success").passed}/${c("success").total} expected successes, ` +
      `${c("assert").passed}/${c("assert").total} asserts, ` +
      `${c("pointer-values").passed}/${c("pointer-values").total} pointer checks, ` +
      `${c("protocol-headers").passed}/${c("protocol-headers").total} protocol-header checks`,
  ];
  for (const r of summary.results) {
    if (r.passed === false) lines.push(`  FAIL ${r.id} (${r.kind}): ${r.reason ?? ""}`);
    else if (r.passed === undefined) lines.push(`  SKIP ${r.id} (${r.kind}): ${r.reason ?? ""}`);
  }
  return lines.join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const corpus = process.argv[2] ? resolve(process.argv[2]) : defaultCorpusDir();
  if (!existsSync(join(corpus, "openapi-cases.json"))) {
    console.error(`conformance corpus not found at ${corpus}`);
    process.exit(2);
  }
  console.log(formatSummary(runOpenApiConformance(corpus)));
}
