// aws.protocols#restJson1 → OpenAPI operations: HTTP bindings become parameters, bodies and
// responses (smithy-openapi's AbstractRestProtocol + AwsRestJson1Protocol behaviour).
import type { AstShape } from "../ast.js";
import { getShape } from "../model/shapes.js";
import { httpTrait, structureHttpBindings } from "../model/http.js";
import type { HttpMemberBinding, HttpMessageBindings } from "../model/http.js";
import { contextualShapeName, memoize, putSynthesizedSchema, refSafeName } from "./context.js";
import type { ConversionContext } from "./context.js";
import { memberExamples, bodyExamples } from "./examples.js";
import { cloneJson } from "./schema-types.js";
import type { Json, JsonObject, Schema } from "./schema-types.js";
import { memberTrait, viewMember, viewShape } from "./shape-view.js";
import type { ShapeView } from "./shape-view.js";

export interface ConvertedOperation {
  method: string;
  uri: string;
  operation: JsonObject;
}

function memberView(binding: HttpMemberBinding, container: string): ShapeView {
  return viewMember(container, binding.memberName, binding.member);
}

/** The parameter fields every bound member starts with (required + member-or-target docs). */
function parameterBase(context: ConversionContext, view: ShapeView): JsonObject {
  const param: JsonObject = {};
  const doc = memberTrait(context.model, view, "smithy.api#documentation");
  if (typeof doc === "string") param.description = doc;
  if (view.traits["smithy.api#required"] !== undefined) param.required = true;
  return param;
}

/** Turn a copied schema into a plain string schema (numeric/object keywords dropped). */
function toStringSchema(schema: Schema): Schema {
  const copy = cloneJson(schema);
  for (const k of [
    "maximum",
    "minimum",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "multipleOf",
    "items",
    "properties",
    "required",
    "propertyNames",
    "oneOf",
    "anyOf",
    "not",
    "$ref",
    "minProperties",
    "maxProperties",
    "minItems",
    "maxItems",
  ]) {
    delete copy[k];
  }
  copy.type = "string";
  return copy;
}

function targetOf(context: ConversionContext, view: ShapeView): AstShape | undefined {
  return getShape(context.model, view.target ?? "");
}

/**
 * Schemas for query strings and headers: lists are rewritten item by item; timestamps without an
 * explicit format become strings (date-time for query, http-date for headers); headers carrying
 * @mediaType strings are base64.
 */
function locationSchema(context: ConversionContext, view: ShapeView, where: "query" | "header"): Schema {
  const schemas = context.schemas;
  const base = schemas.inlineOrReference(view);
  const target = targetOf(context, view);
  if (!target) return base;
  if (target.type === "list" || target.type === "set") {
    const itemView = target.member ? viewMember(view.target ?? "", "member", target.member) : undefined;
    const copy = cloneJson(base);
    delete copy.$ref;
    copy.type = "array";
    if (itemView) copy.items = locationSchema(context, itemView, where);
    return copy;
  }
  if (target.type === "timestamp") {
    if (view.traits["smithy.api#timestampFormat"] !== undefined) return base;
    const copy = toStringSchema(schemas.convert(view));
    if (where === "query") copy.format = "date-time";
    else delete copy.format;
    return copy;
  }
  if (
    where === "header" &&
    (target.type === "string" || target.type === "enum") &&
    target.traits?.["smithy.api#mediaType"] !== undefined
  ) {
    const copy = cloneJson(base);
    delete copy.$ref;
    copy.type = "string";
    copy.format = "byte";
    return copy;
  }
  return base;
}

function pathParameters(
  context: ConversionContext,
  operationId: string,
  input: HttpMessageBindings,
  uri: string,
): Json[] {
  const result: Json[] = [];
  const greedy = new Set(
    [...uri.matchAll(/\{([^}]+)\+\}/g)].map((m) => m[1]).filter((x): x is string => x !== undefined),
  );
  for (const binding of input.labels) {
    const view = memberView(binding, input.structureId ?? "");
    let schema: Schema;
    const target = targetOf(context, view);
    if (
      target?.type === "timestamp" &&
      memberTrait(context.model, view, "smithy.api#timestampFormat") === undefined
    ) {
      schema = toStringSchema(context.schemas.convert(view));
      schema.format = "date-time";
    } else if (context.schemas.isInlined(view)) {
      schema = context.schemas.convert(view);
    } else {
      schema = { $ref: context.schemas.toPointer(view.target ?? "") };
    }
    const name =
      greedy.has(binding.memberName) && !context.config.removeGreedyParameterSuffix
        ? `${binding.memberName}+`
        : binding.memberName;
    const param: JsonObject = { name, in: "path", ...parameterBase(context, view), schema };
    const examples = memberExamples(context, operationId, binding.memberName, "request");
    if (examples) param.examples = examples;
    result.push(param);
  }
  return result;
}

function queryParameters(
  context: ConversionContext,
  operationId: string,
  input: HttpMessageBindings,
): Json[] {
  const result: Json[] = [];
  const bindings = [...input.query, ...(input.queryParams ? [input.queryParams] : [])];
  for (const binding of bindings) {
    const view = memberView(binding, input.structureId ?? "");
    const param: JsonObject = { name: binding.wireName, in: "query", ...parameterBase(context, view) };
    const target = targetOf(context, view);
    if (target?.type === "list" || target?.type === "set") {
      param.style = "form";
      param.explode = true;
    }
    if (binding.location === "queryParams") {
      param.style = "form";
      const valueType = target?.value ? getShape(context.model, target.value.target)?.type : undefined;
      if (valueType === "list" || valueType === "set") param.explode = true;
    }
    param.schema = locationSchema(context, view, "query");
    const examples = memberExamples(context, operationId, binding.memberName, "request");
    if (examples) param.examples = examples;
    result.push(param);
  }
  return result;
}

/** Header parameters keyed (and so sorted) by header name. */
function headerParameters(
  context: ConversionContext,
  bindings: HttpMessageBindings,
  kind: "request" | "response" | "error",
  operationId: string,
): [string, JsonObject][] {
  const result: [string, JsonObject][] = [];
  for (const binding of bindings.headers) {
    const view = memberView(binding, bindings.structureId ?? "");
    const param: JsonObject =
      kind === "request"
        ? { name: binding.wireName, in: "header", ...parameterBase(context, view) }
        : parameterBase(context, view);
    param.schema = locationSchema(context, view, "header");
    const examples = memberExamples(context, operationId, binding.memberName, kind, bindings.structureId);
    if (examples) param.examples = examples;
    result.push([binding.wireName, param]);
  }
  return result.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Content type of a message, as Smithy's HttpBindingIndex determines it. */
function contentType(context: ConversionContext, bindings: HttpMessageBindings): string | undefined {
  if (bindings.body.length > 0) return context.config.jsonContentType;
  const payload = bindings.payload;
  if (!payload) return undefined;
  const target = getShape(context.model, payload.target);
  if (!target) return undefined;
  if (target.traits?.["smithy.api#streaming"] !== undefined && target.type === "union") {
    return "application/vnd.amazon.eventstream";
  }
  if (["document", "structure", "union", "list", "set", "map"].includes(target.type))
    return context.config.jsonContentType;
  const mediaType = target.traits?.["smithy.api#mediaType"];
  if (typeof mediaType === "string") return mediaType;
  if (target.type === "blob") return "application/octet-stream";
  if (target.type === "string" || target.type === "enum") return "text/plain";
  return undefined;
}

/** The schema of just the body members of a structure (the structure's own traits still apply). */
function documentSchema(context: ConversionContext, bindings: HttpMessageBindings): Schema {
  const structureId = bindings.structureId ?? "";
  const shape = getShape(context.model, structureId);
  if (!shape || bindings.body.length === 0) return { type: "object" };
  const bodyNames = new Set(bindings.body.map((b) => b.memberName));
  const members = Object.fromEntries(
    Object.entries(shape.members ?? {}).filter(([name]) => bodyNames.has(name)),
  );
  const errorUnion = deconflictedUnion(context, structureId, shape, members);
  if (errorUnion) return errorUnion;
  const cleaned: AstShape = { ...shape, members };
  return context.schemas.convertView({ ...viewShape(context.model, structureId), node: cleaned });
}

/** A synthesized "<Op><Status>Error" structure hoists its union's members into a bare oneOf. */
function deconflictedUnion(
  context: ConversionContext,
  structureId: string,
  shape: AstShape,
  members: AstShape["members"] & object,
): Schema | undefined {
  if (context.config.onErrorStatusConflict !== "oneOf") return undefined;
  const status = shape.traits?.["smithy.api#httpError"];
  if (typeof status !== "number" || !structureId.endsWith(`${status}Error`)) return undefined;
  const unions = Object.values(members).filter((m) => getShape(context.model, m.target)?.type === "union");
  const first = Object.values(members)[0];
  if (unions.length !== 1 || !first) return undefined;
  const union = getShape(context.model, first.target);
  if (union?.type !== "union") return undefined;
  return {
    oneOf: Object.entries(union.members ?? {}).map(([, m]) => ({
      $ref: context.schemas.toPointer(m.target),
    })),
  };
}

/** A payload schema is referenced directly when it is a bare $ref, else synthesized under `name`. */
function payloadMediaType(context: ConversionContext, schema: Schema, name: string): JsonObject {
  if (schema.type === undefined && typeof schema.$ref === "string") return { schema: { $ref: schema.$ref } };
  return { schema: { $ref: putSynthesizedSchema(context, name, schema) } };
}

function requestBody(
  context: ConversionContext,
  operationId: string,
  input: HttpMessageBindings,
): JsonObject | undefined {
  const mediaType = contentType(context, input);
  const opName = contextualShapeName(context, operationId);
  if (input.payload) {
    const view = memberView(input.payload, input.structureId ?? "");
    const media = payloadMediaType(context, context.schemas.inlineOrReference(view), `${opName}InputPayload`);
    const examples = memberExamples(context, operationId, input.payload.memberName, "request");
    if (examples) media.examples = examples;
    const body: JsonObject = { content: { [mediaType ?? "application/octet-stream"]: media } };
    if (input.payload.required) body.required = true;
    return body;
  }
  if (input.body.length === 0) return undefined;
  const pointer = putSynthesizedSchema(
    context,
    `${refSafeName(context, opName)}RequestContent`,
    documentSchema(context, input),
  );
  const media: JsonObject = { schema: { $ref: pointer } };
  const examples = bodyExamples(context, operationId, input, "request");
  if (examples) media.examples = examples;
  const body: JsonObject = { content: { [mediaType ?? context.config.jsonContentType]: media } };
  if (input.body.some((b) => b.required)) body.required = true;
  return body;
}

function response(
  context: ConversionContext,
  operationId: string,
  subjectId: string,
  status: string,
  isError: boolean,
): JsonObject {
  const subjectShape = getShape(context.model, subjectId);
  const structureId = isError ? subjectId : subjectShape?.output?.target;
  const bindings = memoize(context, `bindings|response|${structureId}`, () =>
    structureHttpBindings(context.model, structureId, "response"),
  );
  const name = contextualShapeName(context, subjectId);
  const result: JsonObject = { description: `${refSafeName(context, name)} ${status} response` };
  const headers = headerParameters(context, bindings, isError ? "error" : "response", operationId);
  if (headers.length > 0) result.headers = Object.fromEntries(headers);
  const mediaType = contentType(context, bindings);
  if (bindings.payload) {
    const view = memberView(bindings.payload, bindings.structureId ?? "");
    const suffix = isError ? "ErrorPayload" : "OutputPayload";
    const media = payloadMediaType(context, context.schemas.inlineOrReference(view), `${name}${suffix}`);
    const examples = memberExamples(
      context,
      operationId,
      bindings.payload.memberName,
      isError ? "error" : "response",
      structureId,
    );
    if (examples) media.examples = examples;
    result.content = { [mediaType ?? "application/octet-stream"]: media };
  } else if (bindings.body.length > 0) {
    const pointer = putSynthesizedSchema(
      context,
      `${refSafeName(context, name)}ResponseContent`,
      documentSchema(context, bindings),
    );
    const media: JsonObject = { schema: { $ref: pointer } };
    const examples = bodyExamples(context, operationId, bindings, isError ? "error" : "response");
    if (examples) media.examples = examples;
    result.content = { [mediaType ?? context.config.jsonContentType]: media };
  }
  return result;
}

/** Status code of an error structure: @httpError, else 400 (client) / 500 (server). */
export function errorStatus(shape: AstShape | undefined): number {
  const code = shape?.traits?.["smithy.api#httpError"];
  if (typeof code === "number") return code;
  return shape?.traits?.["smithy.api#error"] === "server" ? 500 : 400;
}

/** Convert one operation; undefined when it has no @http trait (it is then left out). */
export function convertRestJsonOperation(
  context: ConversionContext,
  operationId: string,
): ConvertedOperation | undefined {
  const http = httpTrait(context.model, operationId);
  const operation = getShape(context.model, operationId);
  if (!http || !operation) return undefined;
  const input = structureHttpBindings(context.model, operation.input?.target, "request", http.uri);
  const result: JsonObject = { operationId: contextualShapeName(context, operationId) };
  const parameters = [
    ...pathParameters(context, operationId, input, http.uri),
    ...queryParameters(context, operationId, input),
    ...headerParameters(context, input, "request", operationId).map(([, p]) => p),
  ];
  const body = requestBody(context, operationId, input);
  if (body) result.requestBody = body;
  if (parameters.length > 0) result.parameters = parameters;

  const responses = new Map<string, JsonObject>();
  responses.set(String(http.code), response(context, operationId, operationId, String(http.code), false));
  // Error responses only differ between operations through @examples, so share the rest.
  const hasExamples = operation.traits?.["smithy.api#examples"] !== undefined;
  for (const error of operation.errors ?? []) {
    const status = String(errorStatus(getShape(context.model, error.target)));
    const build = () => response(context, operationId, error.target, status, true);
    responses.set(
      status,
      hasExamples ? build() : memoize(context, `error-response|${error.target}|${status}`, build),
    );
  }
  result.responses = Object.fromEntries([...responses].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { method: http.method, uri: http.uri, operation: result };
}

/**
 * Headers restJson1 itself may send or return for an operation beyond the modeled ones
 * (what smithy-openapi reports for CORS set-ups): SDK/tracing request headers, content headers
 * when the request has a body, Content-Md5 for @httpChecksumRequired, X-Amz-Api-Version for
 * endpoint discovery; response: request id, error type and content headers.
 */
export function restJson1ProtocolHeaders(
  model: ConversionContext["model"],
  operationId: string,
  jsonContentType = "application/json",
): { request: string[]; response: string[] } {
  const operation = getShape(model, operationId);
  const request = ["X-Amz-User-Agent", "X-Amzn-Trace-Id", "Amz-Sdk-Request", "Amz-Sdk-Invocation-Id"];
  const input = structureHttpBindings(model, operation?.input?.target, "request");
  const fakeContext = { model, config: { jsonContentType } } as ConversionContext;
  if (contentType(fakeContext, input) !== undefined) request.push("Content-Length", "Content-Type");
  if (operation?.traits?.["smithy.api#httpChecksumRequired"] !== undefined) request.push("Content-Md5");
  if (operation?.traits?.["aws.api#clientDiscoveredEndpoint"] !== undefined)
    request.push("X-Amz-Api-Version");
  return { request, response: ["X-Amzn-Requestid", "X-Amzn-Errortype", "Content-Length", "Content-Type"] };
}
