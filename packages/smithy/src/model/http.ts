// HTTP binding queries (smithy.api#http and the member binding traits) for REST protocols.
import type { AstMember, AstModel, NodeObject, ShapeType } from "../ast.js";
import {
  getMemberOrTargetTrait,
  getShape,
  getStringTrait,
  getTrait,
  hasTrait,
  isRequired,
  isUnit,
} from "./shapes.js";

/** Where a member of an input/output/error structure travels in an HTTP message. */
export type HttpBindingLocation =
  | "label"
  | "query"
  | "queryParams"
  | "header"
  | "prefixHeaders"
  | "payload"
  | "body"
  | "responseCode"
  /** Not serialized: a member without binding traits in a structure that has an @httpPayload member. */
  | "unbound";

export type TimestampFormat = "date-time" | "http-date" | "epoch-seconds";

export interface HttpMemberBinding {
  location: HttpBindingLocation;
  /** Member name in the Smithy structure. */
  memberName: string;
  /** Absolute member ID, e.g. "com.example#FooInput$bar". */
  memberId: string;
  /**
   * Name on the wire: the label name, query key, header name, header prefix, or (body) the
   * `@jsonName` or member name. For payload/queryParams/responseCode it is the member name.
   */
  wireName: string;
  member: AstMember;
  /** Absolute target shape ID. */
  target: string;
  /** Type of the target shape (undefined if the target is missing). */
  targetType: ShapeType | undefined;
  required: boolean;
  /**
   * For timestamps (or lists of timestamps): the explicit @timestampFormat of member or target,
   * else the protocol default for the location (header: http-date, label/query: date-time,
   * body: epoch-seconds as in restJson1).
   */
  timestampFormat?: TimestampFormat;
  /** Label only: `{name+}` in the URI. */
  greedy?: boolean;
}

/** Bindings of one structure (request input, response output, or an error) grouped by location. */
export interface HttpMessageBindings {
  /** The structure ID, or undefined when the operation has no input/output (smithy.api#Unit). */
  structureId: string | undefined;
  /** All members in declaration order. */
  all: HttpMemberBinding[];
  labels: HttpMemberBinding[];
  query: HttpMemberBinding[];
  queryParams: HttpMemberBinding | undefined;
  headers: HttpMemberBinding[];
  prefixHeaders: HttpMemberBinding | undefined;
  payload: HttpMemberBinding | undefined;
  body: HttpMemberBinding[];
  responseCode: HttpMemberBinding | undefined;
  /** Members ignored on the wire (unbound members next to an @httpPayload member). */
  unbound: HttpMemberBinding[];
}

export type HttpUriSegment =
  | { kind: "literal"; value: string }
  | { kind: "label"; name: string; greedy: boolean };

export interface HttpUriPattern {
  /** Path segments between "/" (the leading "/" is implied). */
  segments: HttpUriSegment[];
  /** Constant query parameters written in the URI ("/foo?bar=baz" → { bar: "baz" }). */
  queryLiterals: Record<string, string>;
}

export interface HttpBindings {
  operationId: string;
  method: string;
  /** The @http uri as written, e.g. "/sequencestore/{id}". */
  uri: string;
  uriPattern: HttpUriPattern;
  /** Success status code (@http code, default 200). */
  code: number;
  request: HttpMessageBindings;
  response: HttpMessageBindings;
  // Shortcuts to the most used parts (same objects as in request/response).
  labels: HttpMemberBinding[];
  query: HttpMemberBinding[];
  queryParams: HttpMemberBinding | undefined;
  headers: HttpMemberBinding[];
  prefixHeaders: HttpMemberBinding | undefined;
  payload: HttpMemberBinding | undefined;
  body: HttpMemberBinding[];
  responseHeaders: HttpMemberBinding[];
  responsePrefixHeaders: HttpMemberBinding | undefined;
  responsePayload: HttpMemberBinding | undefined;
  responseBody: HttpMemberBinding[];
  responseCode: HttpMemberBinding | undefined;
}

/** Parse an @http uri into path segments and constant query parameters. */
export function parseHttpUri(uri: string): HttpUriPattern {
  const q = uri.indexOf("?");
  const path = q < 0 ? uri : uri.slice(0, q);
  const queryLiterals: Record<string, string> = {};
  if (q >= 0) {
    for (const part of uri.slice(q + 1).split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      queryLiterals[eq < 0 ? part : part.slice(0, eq)] = eq < 0 ? "" : part.slice(eq + 1);
    }
  }
  const segments: HttpUriSegment[] = path
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      const m = /^\{([^}+]+)(\+)?\}$/.exec(s);
      return m?.[1] ? { kind: "label", name: m[1], greedy: m[2] === "+" } : { kind: "literal", value: s };
    });
  return { segments, queryLiterals };
}

// Precedence when a member carries several binding traits (the order Smithy's HttpBindingIndex checks).
const LOCATION_TRAITS: [string, HttpBindingLocation][] = [
  ["smithy.api#httpHeader", "header"],
  ["smithy.api#httpPrefixHeaders", "prefixHeaders"],
  ["smithy.api#httpQuery", "query"],
  ["smithy.api#httpQueryParams", "queryParams"],
  ["smithy.api#httpPayload", "payload"],
  ["smithy.api#httpLabel", "label"],
  ["smithy.api#httpResponseCode", "responseCode"],
];

const DEFAULT_TIMESTAMP_FORMAT: Partial<Record<HttpBindingLocation, TimestampFormat>> = {
  header: "http-date",
  label: "date-time",
  query: "date-time",
  body: "epoch-seconds",
  payload: "epoch-seconds",
};

/** Location of a member; `direction` decides which traits apply (labels/query only bind requests). */
function locationOf(member: AstMember, direction: "request" | "response"): HttpBindingLocation {
  for (const [trait, location] of LOCATION_TRAITS) {
    if (!hasTrait(member, trait)) continue;
    if (
      direction === "response" &&
      (location === "label" || location === "query" || location === "queryParams")
    )
      continue;
    if (direction === "request" && location === "responseCode") continue;
    return location;
  }
  return "body";
}

function timestampFormatOf(
  model: AstModel,
  member: AstMember,
  location: HttpBindingLocation,
): TimestampFormat | undefined {
  let current: AstMember = member;
  let type = getShape(model, current.target)?.type;
  if (type === "list" || type === "set") {
    const inner = getShape(model, current.target)?.member;
    if (!inner) return undefined;
    const explicitOuter = getTrait(member, "smithy.api#timestampFormat");
    current = inner;
    type = getShape(model, current.target)?.type;
    if (type !== "timestamp") return undefined;
    const explicit = getMemberOrTargetTrait(model, current, "smithy.api#timestampFormat") ?? explicitOuter;
    return (typeof explicit === "string" ? explicit : DEFAULT_TIMESTAMP_FORMAT[location]) as TimestampFormat;
  }
  if (type !== "timestamp") return undefined;
  const explicit = getMemberOrTargetTrait(model, current, "smithy.api#timestampFormat");
  return (typeof explicit === "string" ? explicit : DEFAULT_TIMESTAMP_FORMAT[location]) as TimestampFormat;
}

function wireNameOf(member: AstMember, memberName: string, location: HttpBindingLocation): string {
  switch (location) {
    case "query":
      return getStringTrait(member, "smithy.api#httpQuery") ?? memberName;
    case "header":
      return getStringTrait(member, "smithy.api#httpHeader") ?? memberName;
    case "prefixHeaders":
      return getStringTrait(member, "smithy.api#httpPrefixHeaders") ?? "";
    case "body":
      return getStringTrait(member, "smithy.api#jsonName") ?? memberName;
    default:
      return memberName;
  }
}

/**
 * Group the members of a structure by HTTP location. `direction` is "request" for operation
 * input and "response" for output and error structures. `uri` (optional) marks greedy labels.
 */
export function structureHttpBindings(
  model: AstModel,
  structureId: string | undefined,
  direction: "request" | "response",
  uri?: string,
): HttpMessageBindings {
  const result: HttpMessageBindings = {
    structureId: isUnit(structureId) ? undefined : structureId,
    all: [],
    labels: [],
    query: [],
    queryParams: undefined,
    headers: [],
    prefixHeaders: undefined,
    payload: undefined,
    body: [],
    responseCode: undefined,
    unbound: [],
  };
  if (result.structureId === undefined) return result;
  const greedy = new Set(
    uri
      ? parseHttpUri(uri)
          .segments.filter((s) => s.kind === "label" && s.greedy)
          .map((s) => (s.kind === "label" ? s.name : ""))
      : [],
  );
  const members = Object.entries(getShape(model, result.structureId)?.members ?? {});
  const hasPayload = members.some(([, m]) => locationOf(m, direction) === "payload");
  for (const [memberName, member] of members) {
    let location = locationOf(member, direction);
    if (location === "body" && hasPayload) location = "unbound";
    const binding: HttpMemberBinding = {
      location,
      memberName,
      memberId: `${result.structureId}$${memberName}`,
      wireName: wireNameOf(member, memberName, location),
      member,
      target: member.target,
      targetType: getShape(model, member.target)?.type as ShapeType | undefined,
      required: isRequired(member),
    };
    const format = timestampFormatOf(model, member, location);
    if (format) binding.timestampFormat = format;
    if (location === "label") binding.greedy = greedy.has(memberName);
    result.all.push(binding);
    switch (location) {
      case "label":
        result.labels.push(binding);
        break;
      case "query":
        result.query.push(binding);
        break;
      case "header":
        result.headers.push(binding);
        break;
      case "body":
        result.body.push(binding);
        break;
      case "unbound":
        result.unbound.push(binding);
        break;
      case "queryParams":
        result.queryParams = binding;
        break;
      case "prefixHeaders":
        result.prefixHeaders = binding;
        break;
      case "payload":
        result.payload = binding;
        break;
      case "responseCode":
        result.responseCode = binding;
        break;
    }
  }
  return result;
}

/** The @http trait of an operation, or undefined when it has none. */
export function httpTrait(
  model: AstModel,
  operationId: string,
): { method: string; uri: string; code: number } | undefined {
  const value = getTrait(getShape(model, operationId), "smithy.api#http");
  if (value === undefined || value === null || typeof value !== "object" || Array.isArray(value))
    return undefined;
  const http = value as NodeObject;
  if (typeof http.method !== "string" || typeof http.uri !== "string") return undefined;
  return { method: http.method, uri: http.uri, code: typeof http.code === "number" ? http.code : 200 };
}

/**
 * Where every input and output member of an HTTP-bound operation goes.
 * Returns undefined when the operation is missing or has no @http trait.
 */
export function httpBindings(model: AstModel, operationId: string): HttpBindings | undefined {
  const operation = getShape(model, operationId);
  const http = httpTrait(model, operationId);
  if (!operation || !http) return undefined;
  const request = structureHttpBindings(model, operation.input?.target, "request", http.uri);
  const response = structureHttpBindings(model, operation.output?.target, "response");
  return {
    operationId,
    method: http.method,
    uri: http.uri,
    uriPattern: parseHttpUri(http.uri),
    code: http.code,
    request,
    response,
    labels: request.labels,
    query: request.query,
    queryParams: request.queryParams,
    headers: request.headers,
    prefixHeaders: request.prefixHeaders,
    payload: request.payload,
    body: request.body,
    responseHeaders: response.headers,
    responsePrefixHeaders: response.prefixHeaders,
    responsePayload: response.payload,
    responseBody: response.body,
    responseCode: response.responseCode,
  };
}
