// The OpenAPI side (openapi.ts) and the Smithy side (shapes.ts) come from one model: their names must line up.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  type AstModel,
  expectShape,
  findServices,
  operationErrors,
  serviceClosure,
  serviceOperations,
  shapeName,
  structureHttpBindings,
} from "@seqstore/smithy";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.resolve(packageRoot, "../..");
const model = JSON.parse(
  readFileSync(path.join(repoRoot, "model/generated/source/model/model.json"), "utf8"),
) as AstModel;
const serviceId = findServices(model)[0] as string;
const openapiSource = readFileSync(path.join(packageRoot, "src/generated/openapi.ts"), "utf8");

/** Property names of `interface <name> { <member>: { … } }` in the generated module (nested one level). */
function memberNames(source: string, interfaceName: string, member?: string): Set<string> {
  const file = ts.createSourceFile("openapi.ts", source, ts.ScriptTarget.Latest);
  const names = new Set<string>();
  for (const statement of file.statements) {
    if (!ts.isInterfaceDeclaration(statement) || statement.name.text !== interfaceName) continue;
    let elements: ts.NodeArray<ts.TypeElement> = statement.members;
    if (member) {
      const inner = elements.find((m) => m.name && ts.isIdentifier(m.name) && m.name.text === member);
      if (!inner || !ts.isPropertySignature(inner) || !inner.type || !ts.isTypeLiteralNode(inner.type))
        return names;
      elements = inner.type.members;
    }
    for (const element of elements) {
      if (element.name && (ts.isIdentifier(element.name) || ts.isStringLiteral(element.name))) {
        names.add(element.name.text);
      }
    }
  }
  return names;
}

const schemas = memberNames(openapiSource, "components", "schemas");
const operations = memberNames(openapiSource, "operations");

/**
 * Smithy's OpenAPI converter puts the body members of an input, output or error into a synthesized
 * `<Operation>RequestContent`, `<Operation>ResponseContent` or `<Error>ResponseContent` schema.
 */
function hasBody(structureId: string | undefined, direction: "request" | "response"): boolean {
  const bindings = structureHttpBindings(model, structureId, direction);
  return bindings.body.length > 0 || bindings.payload !== undefined;
}

const operationCases = serviceOperations(model, serviceId).map((id) => ({ id, name: shapeName(id) }));
const errorCases = [
  ...new Set(serviceOperations(model, serviceId).flatMap((op) => operationErrors(model, serviceId, op))),
].map((id) => ({ id, name: shapeName(id) }));

describe("openapi.ts lines up with the Smithy model", () => {
  it("has schemas to compare", () => {
    expect(schemas.size).toBeGreaterThan(0);
  });

  it.each(operationCases)("operation $name has an OpenAPI operation and body schemas", ({ id, name }) => {
    const operation = expectShape(model, id);
    expect(operations).toContain(name);
    if (hasBody(operation.input?.target, "request")) expect(schemas).toContain(`${name}RequestContent`);
    if (hasBody(operation.output?.target, "response")) expect(schemas).toContain(`${name}ResponseContent`);
  });

  it.each(errorCases)("error $name has a response schema", ({ id, name }) => {
    if (hasBody(id, "response")) expect(schemas).toContain(`${name}ResponseContent`);
  });

  const namedShapes = serviceClosure(model, serviceId).filter((id) => {
    const shape = expectShape(model, id);
    const isOperationStructure =
      shape.traits?.["smithy.api#input"] !== undefined || shape.traits?.["smithy.api#output"] !== undefined;
    const isError = shape.traits?.["smithy.api#error"] !== undefined;
    return (
      ["structure", "union", "enum", "intEnum"].includes(shape.type) && !isOperationStructure && !isError
    );
  });

  it.each(namedShapes.map((id) => ({ id, name: shapeName(id) })))(
    "shape $name is a named schema",
    ({ name }) => {
      expect(schemas).toContain(name);
    },
  );

  it("has no schema the model does not explain", () => {
    const known = new Set(serviceClosure(model, serviceId).map(shapeName));
    const unexplained = [...schemas].filter(
      (name) => !known.has(name) && !/(RequestContent|ResponseContent)$/.test(name),
    );
    expect(unexplained).toEqual([]);
  });
});
