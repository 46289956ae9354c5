// `smithy idl`: the IDL written from a model, and the round trip JSON AST → IDL → parse → JSON AST on
// Smithy's corpus and on AWS's HealthOmics model.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultCorpusDir } from "../scripts/conformance-idl.js";
import { loadModel, type ModelSource, serviceOperations, sliceModel, writeIdl } from "../src/index.js";
import { roundTrip } from "./idl-roundtrip.js";

const source = (filename: string): ModelSource => ({ filename, text: readFileSync(filename, "utf8") });

function idlOf(text: string): string[] {
  const loaded = loadModel({ sources: [{ filename: "m.json", text }] });
  expect(loaded.events.filter((e) => e.severity === "ERROR")).toEqual([]);
  return writeIdl(loaded.model).map((file) => file.text);
}

describe("writeIdl", () => {
  it("writes shapes, traits, members, defaults and enums as IDL 2.0", () => {
    const model = {
      smithy: "2.0",
      metadata: { "a.b": [1, "x"] },
      shapes: {
        "ex#Name": {
          type: "string",
          traits: { "smithy.api#length": { min: 1 }, "smithy.api#sensitive": {} },
        },
        "ex#Color": {
          type: "enum",
          members: {
            RED: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "red" } },
            BLUE: {
              target: "smithy.api#Unit",
              traits: { "smithy.api#enumValue": "blue", "smithy.api#documentation": 'Blue "sky"\nline' },
            },
          },
        },
        "ex#Thing": {
          type: "structure",
          members: {
            name: { target: "ex#Name", traits: { "smithy.api#required": {} } },
            size: { target: "smithy.api#Integer", traits: { "smithy.api#default": 0 } },
            tags: { target: "other#Tags" },
          },
        },
        "other#Tags": { type: "list", member: { target: "smithy.api#String" } },
      },
    };
    expect(idlOf(JSON.stringify(model))).toEqual([
      [
        '$version: "2"',
        "",
        'metadata "a.b" = [',
        "    1",
        '    "x"',
        "]",
        "",
        "namespace ex",
        "",
        "enum Color {",
        '    RED = "red"',
        '    @documentation("Blue \\"sky\\"\\nline")',
        '    BLUE = "blue"',
        "}",
        "",
        "@length(min: 1)",
        "@sensitive",
        "string Name",
        "",
        "structure Thing {",
        "    @required",
        "    name: Name",
        "    @default(0)",
        "    size: Integer",
        "    tags: other#Tags",
        "}",
        "",
      ].join("\n"),
      ['$version: "2"', "", "namespace other", "", "list Tags {", "    member: String", "}", ""].join("\n"),
    ]);
  });

  it("writes a mixin user's own members and traits, and traits it adds to inherited members as apply", () => {
    const text = `$version: "2"\nnamespace ex\n@mixin\n@documentation("base")\nstructure Base { @required id: String }\n@documentation("mine")\nstructure Thing with [Base] { name: String }\napply Thing$id @sensitive\n`;
    const loaded = loadModel({ sources: [{ filename: "m.smithy", text }] });
    const [idl] = writeIdl(loaded.model).map((file) => file.text);
    expect(idl).toContain('@documentation("mine")\nstructure Thing with [Base] {\n    name: String\n}');
    expect(idl).toContain("apply Thing$id @sensitive");
    expect(idl).not.toMatch(/Thing with \[Base\] \{[^}]*id: String/);
  });

  it("writes absolute IDs where a short name would resolve elsewhere", () => {
    const text = `$version: "2"\nnamespace ex\nstring String\nstructure S { a: smithy.api#String, b: String }\n`;
    const [idl] = writeIdl(loadModel({ sources: [{ filename: "m.smithy", text }] }).model).map((f) => f.text);
    expect(idl).toContain("    a: smithy.api#String\n    b: String\n");
  });
});

const CORPUS = defaultCorpusDir;
const hasCorpus = existsSync(CORPUS);

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
}

/** Every Smithy model of the corpus that loads without errors, with the files it needs. */
function corpusCases(): [string, ModelSource[]][] {
  if (!hasCorpus) return [];
  const shared = source(join(CORPUS, "idl-valid/__shared.json"));
  const traits = ["smithy.openapi.smithy", "smithy.protocols.rpcv2.smithy"].map((f) =>
    source(join(CORPUS, "trait-models", f)),
  );
  const extensions = source(
    join(CORPUS, "openapi/mappers/specificationextensions/specification-extension-traits.smithy"),
  );
  const isModel = (f: string) =>
    (f.endsWith(".smithy") || f.endsWith(".json")) && !f.endsWith(".openapi.json");
  const valid = walk(join(CORPUS, "idl-valid"))
    .filter((f) => isModel(f) && !f.endsWith("__shared.json"))
    .map((f): [string, ModelSource[]] => [f, [shared, source(f)]]);
  const openapi = walk(join(CORPUS, "openapi"))
    .filter(isModel)
    .map((f): [string, ModelSource[]] => [
      f,
      f.includes("specificationextensions") ? [...traits, extensions, source(f)] : [...traits, source(f)],
    ]);
  return [...valid, ...openapi].map(([f, sources]) => [f.slice(CORPUS.length + 1), sources]);
}

describe.skipIf(!hasCorpus)(`IDL round trip on Smithy's corpus (skipped when ${CORPUS} is absent)`, () => {
  const cases = corpusCases();

  it("covers the corpus's models", () => {
    expect(cases.length).toBeGreaterThanOrEqual(190);
  });

  it.each(cases)("%s", (_name, sources) => {
    const result = roundTrip(sources);
    // A corpus model that does not load is a failure here, not a skip.
    expect(result, "the corpus model loads").toBeDefined();
    expect(result?.problems).toEqual([]);
    expect(result?.after).toBe(result?.before);
  });
});

const AWS_MODEL = resolve(CORPUS, "../../reference/aws-omics.smithy.json");

describe.skipIf(!existsSync(AWS_MODEL))(
  `IDL round trip on AWS's HealthOmics model (skipped when ${AWS_MODEL} is absent)`,
  () => {
    it("gives the same 107-operation model back", () => {
      const result = roundTrip([source(AWS_MODEL)]);
      expect(result?.problems).toEqual([]);
      expect(result?.after).toBe(result?.before);
      expect(result?.idl).toContain("service Omics {");
      expect(result?.before.match(/"type": "operation"/g)).toHaveLength(107);
    });
  },
);

describe("sliceModel", () => {
  const text = `$version: "2"
namespace ex
@trait
structure audit {}
service Svc { operations: [Get, Put] }
@readonly
@http(method: "GET", uri: "/x")
operation Get { input := { @required @httpQuery("id") id: Id }, output := { item: Item }, errors: [Oops] }
@http(method: "PUT", uri: "/x")
operation Put { input := { item: Item } }
string Id
@mixin
structure Stamped { at: Timestamp }
@audit
structure Item with [Stamped] { parts: Parts }
list Parts { member: Part }
structure Part {}
@error("client")
structure Oops {}
`;
  const model = loadModel({ sources: [{ filename: "m.smithy", text }] }).model;
  const own = (m: { shapes: Record<string, unknown> }) =>
    Object.keys(m.shapes).filter((id) => id.startsWith("ex#"));

  it("keeps the roots and what they need: IO, errors, targets, mixins and custom traits", () => {
    expect(own(sliceModel(model, ["ex#Get"])).sort()).toEqual(
      [
        "ex#Get",
        "ex#GetInput",
        "ex#GetOutput",
        "ex#Id",
        "ex#Item",
        "ex#Oops",
        "ex#Part",
        "ex#Parts",
        "ex#Stamped",
        "ex#audit",
      ].sort(),
    );
  });

  it("leaves out what no root reaches, and writes IDL that loads on its own", () => {
    const slice = sliceModel(model, ["ex#Put"]);
    expect(own(slice)).not.toContain("ex#Get");
    expect(own(slice)).not.toContain("ex#Svc");
    const files = writeIdl(slice).map((f) => ({ filename: `${f.namespace}.smithy`, text: f.text }));
    const again = loadModel({ sources: files });
    expect(again.events.filter((e) => e.severity === "ERROR")).toEqual([]);
    expect(Object.keys(again.model.shapes)).toContain("ex#PutInput");
  });

  it("refuses an unknown root", () => {
    expect(() => sliceModel(model, ["ex#Get", "ex#Nope"])).toThrow("No shape ex#Nope in the model");
  });

  it.skipIf(!existsSync(AWS_MODEL))("takes two of AWS's read-set operations out of the whole model", () => {
    const aws = loadModel({ sources: [source(AWS_MODEL)] }).model;
    const slice = sliceModel(aws, ["com.amazonaws.omics#GetReadSet", "com.amazonaws.omics#ListReadSets"]);
    const files = writeIdl(slice).map((f) => ({ filename: `${f.namespace}.smithy`, text: f.text }));
    const again = loadModel({ sources: files });
    expect(again.events.filter((e) => e.severity === "ERROR")).toEqual([]);
    const operations = Object.entries(again.model.shapes).filter(([, s]) => s.type === "operation");
    expect(operations.map(([id]) => id).sort()).toEqual([
      "com.amazonaws.omics#GetReadSet",
      "com.amazonaws.omics#ListReadSets",
    ]);
    expect(serviceOperations(again.model, "com.amazonaws.omics#Omics")).toEqual([]);
  });
});
