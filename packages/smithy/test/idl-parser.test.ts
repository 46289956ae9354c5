// The IDL parser and assembly: what IDL text becomes in the assembled JSON AST, and where
// syntax errors are reported.
import { describe, expect, it } from "vitest";
import type { AstShape } from "../src/ast.js";
import { loadModel } from "../src/index.js";

function load(text: string) {
  return loadModel({ sources: [{ filename: "t.smithy", text }], bundledTraits: false });
}

function shape(text: string, id: string): AstShape | undefined {
  const result = load(text);
  expect(result.events.filter((event) => event.severity === "ERROR" || event.severity === "DANGER")).toEqual(
    [],
  );
  return result.model.shapes[id];
}

const V2 = '$version: "2"\nnamespace ex\n';

describe("IDL parser", () => {
  it.each<[string, string, string, AstShape]>([
    ["a simple shape", `${V2}string Name`, "ex#Name", { type: "string" }],
    [
      "doc comments and traits",
      `${V2}/// Docs\n/// more\n@length(min: 1)\n@sensitive\nstring S`,
      "ex#S",
      {
        type: "string",
        traits: {
          "smithy.api#documentation": "Docs\nmore",
          "smithy.api#length": { min: 1 },
          "smithy.api#sensitive": {},
        },
      },
    ],
    [
      "members with defaults and annotation traits",
      `${V2}structure S {\n  @required\n  a: String\n  b: Integer = 5\n}`,
      "ex#S",
      {
        type: "structure",
        members: {
          a: { target: "smithy.api#String", traits: { "smithy.api#required": {} } },
          b: { target: "smithy.api#Integer", traits: { "smithy.api#default": 5 } },
        },
      },
    ],
    [
      "enum values",
      `${V2}enum E {\n  A\n  B = "b"\n}`,
      "ex#E",
      {
        type: "enum",
        members: {
          A: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "A" } },
          B: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "b" } },
        },
      },
    ],
    [
      "inline input with a custom suffix",
      `$version: "2"\n$operationInputSuffix: "Request"\nnamespace ex\noperation Op {\n  input := {\n    a: String\n  }\n}`,
      "ex#OpRequest",
      {
        type: "structure",
        members: { a: { target: "smithy.api#String" } },
        traits: { "smithy.api#input": {} },
      },
    ],
    [
      "a forward reference resolved to the namespace",
      `${V2}structure S {\n  a: Later\n}\nstring Later`,
      "ex#S",
      { type: "structure", members: { a: { target: "ex#Later" } } },
    ],
    [
      "apply blocks",
      `${V2}string S\napply S {\n  @sensitive\n  @documentation("d")\n}`,
      "ex#S",
      { type: "string", traits: { "smithy.api#sensitive": {}, "smithy.api#documentation": "d" } },
    ],
    [
      "mixins with elided members, inherited first",
      `${V2}@mixin\nstructure M {\n  id: String\n}\nstructure S with [M] {\n  x: Integer\n  @required\n  $id\n}`,
      "ex#S",
      {
        type: "structure",
        mixins: [{ target: "ex#M" }],
        members: {
          id: { target: "smithy.api#String", traits: { "smithy.api#required": {} } },
          x: { target: "smithy.api#Integer" },
        },
      },
    ],
    [
      "IDL 1.0 sets upgraded to lists",
      "namespace ex\nset S {\n  member: String\n}",
      "ex#S",
      { type: "list", member: { target: "smithy.api#String" }, traits: { "smithy.api#uniqueItems": {} } },
    ],
  ])("reads %s", (_name, text, id, expected) => {
    expect(shape(text, id)).toEqual(expected);
  });

  it.each([
    ["string\n", "Syntax error at line 3, column 7: Expected SPACE(' ') but found NEWLINE('\\n')"],
    [
      "structure S {\n  a String\n}",
      "Syntax error at line 4, column 5: Expected COLON(':') but found IDENTIFIER('String')",
    ],
    ["strin S", "Syntax error at line 3, column 1: Unknown shape type: strin"],
    [
      "string S string T",
      "Syntax error at line 3, column 10: Expected a line break, but found IDENTIFIER('string')",
    ],
    [
      "@length(min: 1\nstring S",
      "Syntax error at line 4, column 8: Expected COLON(':') but found IDENTIFIER('S')",
    ],
    ['@documentation("""x""")\nstring S', "Syntax error at line 3, column 16: Error parsing text block"],
  ])("reports a syntax error for %j", (body, message) => {
    const result = load(V2 + body);
    expect(result.ok).toBe(false);
    expect(result.events.map((event) => event.message).join("\n")).toContain(message);
  });

  it("gives syntax errors a source location", () => {
    const result = load(`${V2}string`);
    expect(result.events[0]?.sourceLocation).toEqual({ filename: "t.smithy", line: 3, column: 7 });
    expect(result.events[0]?.id).toBe("Model");
  });

  it("reports semantic problems together", () => {
    const result = load(`${V2}structure A {\n  a: Missing\n}\nlist L {}\n`);
    const ids = result.events.filter((event) => event.severity === "ERROR").map((event) => event.shapeId);
    expect(ids).toEqual(expect.arrayContaining(["ex#A$a", "ex#L"]));
  });
});
