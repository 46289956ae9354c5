// @examples → OpenAPI `examples` maps on parameters and media types (as smithy-openapi emits them).
import type { AstModel, AstShape, NodeValue } from "../ast.js";
import { getShape } from "../model/shapes.js";
import type { HttpMessageBindings } from "../model/http.js";
import type { ConversionContext } from "./context.js";
import type { Json, JsonObject } from "./schema-types.js";

interface Example {
  title: string;
  documentation?: string;
  input?: Record<string, NodeValue>;
  output?: Record<string, NodeValue>;
  error?: { shapeId: string; content: Record<string, NodeValue> };
}

function asObject(v: unknown): Record<string, NodeValue> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v)
    ? (v as Record<string, NodeValue>)
    : undefined;
}

function examplesOf(model: AstModel, operationId: string): Example[] {
  const raw = getShape(model, operationId)?.traits?.["smithy.api#examples"];
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((e) => {
    const o = asObject(e);
    if (!o) return [];
    const error = asObject(o.error);
    const example: Example = { title: typeof o.title === "string" ? o.title : "" };
    if (typeof o.documentation === "string") example.documentation = o.documentation;
    const input = asObject(o.input);
    const output = asObject(o.output);
    if (input) example.input = input;
    if (output) example.output = output;
    if (error && typeof error.shapeId === "string") {
      example.error = { shapeId: error.shapeId, content: asObject(error.content) ?? {} };
    }
    return [example];
  });
}

/** Rewrite a Smithy value into its restJson1 form (member names → @jsonName), guided by the shape. */
function toProtocolValue(context: ConversionContext, shapeId: string | undefined, value: NodeValue): Json {
  const shape: AstShape | undefined = shapeId ? getShape(context.model, shapeId) : undefined;
  if (!shape || shape.type === "document") return value as Json;
  if (Array.isArray(value)) {
    const item = shape.member?.target;
    return value.map((v) => toProtocolValue(context, item, v));
  }
  const obj = asObject(value);
  if (!obj) return value as Json;
  const result: JsonObject = {};
  if (shape.type === "map") {
    for (const [k, v] of Object.entries(obj)) result[k] = toProtocolValue(context, shape.value?.target, v);
    return result;
  }
  for (const [k, v] of Object.entries(obj)) {
    const member = shape.members?.[k];
    if (!member) {
      result[k] = v as Json;
      continue;
    }
    const jsonName = member.traits?.["smithy.api#jsonName"];
    const key = context.config.useJsonName && typeof jsonName === "string" ? jsonName : k;
    result[key] = toProtocolValue(context, member.target, v);
  }
  return result;
}

function exampleObject(example: Example, value: Json): JsonObject {
  return { summary: example.title, description: example.documentation ?? "", value };
}

function sorted(entries: [string, Json][]): JsonObject | undefined {
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function memberTarget(
  context: ConversionContext,
  structureId: string | undefined,
  member: string,
): string | undefined {
  return structureId ? getShape(context.model, structureId)?.members?.[member]?.target : undefined;
}

/**
 * Examples for one member bound to a path/query/header/payload. `kind` says which part of each
 * example to read: input (request), output (response) or the error content (error, matching
 * `errorId`).
 */
export function memberExamples(
  context: ConversionContext,
  operationId: string,
  memberName: string,
  kind: "request" | "response" | "error",
  errorId?: string,
): JsonObject | undefined {
  const operation = getShape(context.model, operationId);
  const opName = operationId.slice(operationId.indexOf("#") + 1);
  const entries: [string, Json][] = [];
  examplesOf(context.model, operationId).forEach((example, i) => {
    const name = `${opName}_example${i + 1}`;
    let values: Record<string, NodeValue> | undefined;
    let structureId: string | undefined;
    if (kind === "error") {
      if (!example.error || example.error.shapeId !== errorId) return;
      values = example.error.content;
      structureId = errorId;
    } else if (kind === "request") {
      values = example.input ?? {};
      structureId = operation?.input?.target;
    } else {
      if (example.error) return;
      values = example.output ?? {};
      structureId = operation?.output?.target;
    }
    const value = values[memberName];
    if (value === undefined) return;
    entries.push([
      name,
      exampleObject(example, toProtocolValue(context, memberTarget(context, structureId, memberName), value)),
    ]);
  });
  return sorted(entries);
}

/** Error shapes an error response stands for (a synthesized deconflicting error covers several). */
function matchingErrorIds(context: ConversionContext, errorId: string): Set<string> {
  const unionMember = getShape(context.model, errorId)?.members?.errorUnion;
  const union = unionMember ? getShape(context.model, unionMember.target) : undefined;
  if (union?.type === "union") return new Set(Object.values(union.members ?? {}).map((m) => m.target));
  return new Set([errorId]);
}

/** Examples for a JSON body: the example's body members (or, for errors, the whole error content). */
export function bodyExamples(
  context: ConversionContext,
  operationId: string,
  bindings: HttpMessageBindings,
  kind: "request" | "response" | "error",
): JsonObject | undefined {
  const opName = operationId.slice(operationId.indexOf("#") + 1);
  const structureId = bindings.structureId;
  const bodyNames = new Set(bindings.body.map((b) => b.memberName));
  const errorIds =
    kind === "error" && structureId ? matchingErrorIds(context, structureId) : new Set<string>();
  const entries: [string, Json][] = [];
  examplesOf(context.model, operationId).forEach((example, i) => {
    const name = `${opName}_example${i + 1}`;
    if (kind === "error") {
      if (!example.error || !errorIds.has(example.error.shapeId)) return;
      entries.push([
        name,
        exampleObject(example, toProtocolValue(context, structureId, example.error.content)),
      ]);
      return;
    }
    if (kind === "response" && example.error) return;
    const source = (kind === "request" ? example.input : example.output) ?? {};
    const values = Object.fromEntries(Object.entries(source).filter(([k]) => bodyNames.has(k)));
    entries.push([name, exampleObject(example, toProtocolValue(context, structureId, values))]);
  });
  return sorted(entries);
}
