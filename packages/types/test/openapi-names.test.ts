// The OpenAPI side (openapi.ts) and the Smithy side (shapes.ts) come from one model: their names must line up.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  type AstModel,
  convertToOpenApi,
  expectShape,
  findServices,
  formatEvent,
  isFailure,
  loadModel,
  operationErrors,
  serviceClosure,
  serviceOperations,
  shapeName,
  structureHttpBindings,
} from "@seqstore/smithy";
import type { OpenAPI3 } from "openapi-typescript";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { renderTypesFiles } from "../codegen/generate.js";

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

/**
 * Where a model and the openapi.ts made from it disagree on names, one line each (empty when they line
 * up). Smithy's OpenAPI converter puts the document body members of an input, output or error into a
 * synthesized `<Operation>RequestContent`, `<Operation>ResponseContent` or `<Error>ResponseContent`
 * schema; an @httpPayload travels as its target's own schema (a structure or union) or, for a blob
 * or string, as a synthesized `<Operation>InputPayload`, `<Operation>OutputPayload` or
 * `<Error>ErrorPayload`.
 */
export function nameMismatches(model: AstModel, serviceId: string, openapiSource: string): string[] {
  const schemas = memberNames(openapiSource, "components", "schemas");
  const operations = memberNames(openapiSource, "operations");
  const problems: string[] = [];
  const expectSchema = (name: string, why: string) => {
    if (!schemas.has(name)) problems.push(`${why}: no schema ${name}`);
  };
  const hasDocumentBody = (structureId: string | undefined, direction: "request" | "response") =>
    structureHttpBindings(model, structureId, direction).body.length > 0;
  // Synthesized for blob and string payloads, named after the operation or error that carries them.
  const synthesized = new Set<string>();
  const payloadSchema = (
    structureId: string | undefined,
    direction: "request" | "response",
    synthesizedName: string,
  ) => {
    const payload = structureHttpBindings(model, structureId, direction).payload;
    if (!payload || structureId === undefined) return undefined;
    const target = expectShape(model, payload.target);
    if (["structure", "union"].includes(target.type)) return shapeName(payload.target);
    if (target.type !== "blob" && target.type !== "string") return undefined;
    synthesized.add(synthesizedName);
    return synthesizedName;
  };
  const check = (
    structureId: string | undefined,
    direction: "request" | "response",
    name: string,
    why: string,
    role: "Input" | "Output" | "Error",
  ) => {
    if (hasDocumentBody(structureId, direction)) {
      expectSchema(`${name}${direction === "request" ? "Request" : "Response"}Content`, why);
    }
    const payload = payloadSchema(structureId, direction, `${name}${role}Payload`);
    if (payload) expectSchema(payload, `${why} payload`);
  };

  const operationIds = serviceOperations(model, serviceId);
  for (const id of operationIds) {
    const name = shapeName(id);
    const operation = expectShape(model, id);
    if (!operations.has(name)) problems.push(`operation ${name}: not in operations`);
    check(operation.input?.target, "request", name, `operation ${name} input`, "Input");
    check(operation.output?.target, "response", name, `operation ${name} output`, "Output");
  }
  for (const id of new Set(operationIds.flatMap((op) => operationErrors(model, serviceId, op)))) {
    check(id, "response", shapeName(id), `error ${shapeName(id)}`, "Error");
  }
  const closure = serviceClosure(model, serviceId);
  for (const id of closure) {
    const shape = expectShape(model, id);
    const isOperationStructure =
      shape.traits?.["smithy.api#input"] !== undefined || shape.traits?.["smithy.api#output"] !== undefined;
    const isError = shape.traits?.["smithy.api#error"] !== undefined;
    if (["structure", "union", "enum", "intEnum"].includes(shape.type) && !isOperationStructure && !isError) {
      expectSchema(shapeName(id), `shape ${shapeName(id)}`);
    }
  }
  const known = new Set(closure.map(shapeName));
  for (const name of schemas) {
    if (!known.has(name) && !synthesized.has(name) && !/(RequestContent|ResponseContent)$/.test(name)) {
      problems.push(`schema ${name}: the model does not explain it`);
    }
  }
  if (schemas.size === 0) problems.push("openapi.ts has no schemas");
  return problems;
}

describe("openapi.ts lines up with the Smithy model", () => {
  it("for our model", () => {
    expect(nameMismatches(model, serviceId, openapiSource)).toEqual([]);
  });

  // Payload outputs and inputs of every kind, beside a document body, as any user's model may have them.
  const PAYLOADS = `$version: "2.0"
namespace example.payloads

use aws.protocols#restJson1

@restJson1
service Payloads { version: "1", operations: [GetStruct, PutBlob, GetUnion, GetText, Mixed] }

@readonly @http(method: "GET", uri: "/struct")
operation GetStruct { output := { @httpPayload config: Config, @httpHeader("x-tag") tag: String } }

@http(method: "PUT", uri: "/blob")
operation PutBlob { input := { @httpPayload data: Blob } output := { @httpPayload data: Blob } }

@readonly @http(method: "GET", uri: "/union")
operation GetUnion { output := { @httpPayload choice: Choice } }

@readonly @http(method: "GET", uri: "/text")
operation GetText { output := { @httpPayload text: String } }

@http(method: "POST", uri: "/mixed")
operation Mixed { input := { @httpPayload config: Config } output := { a: String, b: Config } errors: [Oops] }

@error("client") @httpError(400)
structure Oops { @httpPayload detail: Config }

structure Config { size: Integer }
union Choice { one: String, two: Config }
`;

  it("for a model with @httpPayload inputs, outputs and errors of every kind", async () => {
    const loaded = loadModel({ sources: [{ filename: "payloads.smithy", text: PAYLOADS }] });
    expect(loaded.events.filter(isFailure).map(formatEvent)).toEqual([]);
    const id = "example.payloads#Payloads";
    const { document, events } = convertToOpenApi(loaded.model, {
      service: id,
      protocol: "aws.protocols#restJson1",
      version: "3.1.0",
    });
    expect(events.filter(isFailure).map(formatEvent)).toEqual([]);
    const files = await renderTypesFiles({
      model: loaded.model,
      serviceId: id,
      document: document as unknown as OpenAPI3,
    });
    const source = files["src/generated/openapi.ts"] as string;
    expect(nameMismatches(loaded.model, id, source)).toEqual([]);
    // The check is not vacuous: a synthesized schema the converter does not write is missed.
    expect(nameMismatches(loaded.model, id, source.replace(/\bConfig\b/g, "Renamed"))).not.toEqual([]);
  }, 60_000);
});
