// restJson1 HTTP bindings: where input members go in a request and output members come from in a response.
import { readMembers, toBase64, fromBase64, fromJson, toJson } from "./json-serde.js";
import type {
  BoundMember,
  MessageSpec,
  OperationSpec,
  ScalarType,
  ShapeTable,
  TimestampFormat,
  ValueSchema,
} from "./spec.js";
import { parseTimestamp, serializeTimestamp } from "./timestamps.js";

type Fields = Record<string, unknown>;

export interface RequestParts {
  /** Label values, already percent-encoded. */
  path: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

const DEFAULT_FORMAT: Record<"label" | "query" | "header", TimestampFormat> = {
  label: "date-time",
  query: "date-time",
  header: "http-date",
};

function scalarToString(value: unknown, binding: BoundMember, where: keyof typeof DEFAULT_FORMAT): string {
  switch (binding.type) {
    case "timestamp":
      return String(serializeTimestamp(value as Date, binding.timestampFormat ?? DEFAULT_FORMAT[where]));
    case "blob":
      return toBase64(value);
    default:
      return String(value);
  }
}

/** RFC 3986 unreserved characters stay; everything else is percent-encoded (stricter than encodeURIComponent). */
export function encodeLabel(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A header list: items joined by ", ", strings quoted when they hold a comma or a quote. */
function headerList(values: unknown[], binding: BoundMember): string {
  return values
    .map((item) => {
      const text = scalarToString(item, binding, "header");
      return binding.type === "string" && /[,"]/.test(text) ? `"${text.replace(/(["\\])/g, "\\$1")}"` : text;
    })
    .join(", ");
}

export function buildRequest(spec: OperationSpec, input: Fields, table: ShapeTable): RequestParts {
  const message = spec.request;
  const parts: RequestParts = { path: {}, query: {}, headers: {} };
  for (const label of message.labels) {
    const value = input[label.member];
    const text = value === undefined || value === null ? "" : scalarToString(value, label, "label");
    if (text === "")
      throw new Error(`${spec.name}: the input member '${label.member}' is bound to the URI and must be set`);
    parts.path[label.name] = label.greedy ? text.split("/").map(encodeLabel).join("/") : encodeLabel(text);
  }
  for (const binding of message.query) {
    const value = input[binding.member];
    if (value === undefined || value === null) continue;
    parts.query[binding.name] = Array.isArray(value)
      ? value.map((item) => scalarToString(item, binding, "query"))
      : scalarToString(value, binding, "query");
  }
  // @httpQueryParams never overrides a key bound by @httpQuery.
  const extra = message.queryParams ? input[message.queryParams] : undefined;
  for (const [key, value] of Object.entries((extra ?? {}) as Fields)) {
    if (key in parts.query || value === undefined || value === null) continue;
    parts.query[key] = Array.isArray(value) ? value.map(String) : String(value);
  }
  for (const [key, value] of Object.entries(spec.queryLiterals)) parts.query[key] ??= value;
  for (const binding of message.headers) {
    const value = input[binding.member];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) parts.headers[binding.name] = headerList(value, binding);
    } else parts.headers[binding.name] = scalarToString(value, binding, "header");
  }
  if (message.prefixHeaders) {
    const map = (input[message.prefixHeaders.member] ?? {}) as Fields;
    for (const [key, value] of Object.entries(map)) {
      if (typeof value === "string") parts.headers[`${message.prefixHeaders.prefix}${key}`] = value;
    }
  }
  if (message.payload) {
    const payload = message.payload;
    const value = input[payload.member];
    if (value !== undefined && value !== null) {
      parts.headers["content-type"] ??= payload.contentType;
      if (payload.kind === "json") parts.body = JSON.stringify(toJson(value, payload.schema, table));
      else if (payload.kind === "blob")
        parts.body = typeof value === "string" ? value : (value as Uint8Array);
      else parts.body = String(value);
    }
  } else if (message.body.length > 0) {
    // restJson1 sends a JSON object whenever the input has body members, even an empty one.
    const members = structureMembers(message, table);
    const body: Fields = {};
    for (const member of message.body) {
      const schema = members[member] ?? {};
      const value = toJson(input[member], schema, table);
      if (value !== undefined && value !== null) body[schema.jsonName ?? member] = value;
    }
    parts.headers["content-type"] ??= "application/json";
    parts.body = JSON.stringify(body);
  }
  return parts;
}

function structureMembers(message: MessageSpec, table: ShapeTable): Record<string, ValueSchema> {
  const shape = message.shape ? table[message.shape] : undefined;
  return shape?.type === "structure" ? shape.members : {};
}

/** A received response: status, headers, and its body (text, or bytes for blob payloads). */
export interface ReceivedResponse {
  status: number;
  headers: Headers;
  body: string | Uint8Array | undefined;
  /** The body's JSON value when something already parsed it (openapi-fetch does for errors). */
  json?: unknown;
}

function parseScalar(text: string, type: ScalarType, format: TimestampFormat | undefined): unknown {
  switch (type) {
    case "string":
      return text;
    case "number":
      return Number(text);
    case "bigint":
      return BigInt(text);
    case "boolean":
      if (text !== "true" && text !== "false") throw new TypeError(`Expected a boolean header, got ${text}`);
      return text === "true";
    case "timestamp":
      return parseTimestamp(text, format ?? "http-date");
    case "blob":
      return fromBase64(text);
  }
}

/** Splits a header list at commas outside double quotes; http-dates hold a comma of their own. */
export function splitHeaderList(text: string, type: ScalarType, format?: TimestampFormat): string[] {
  const items: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "\\" && quoted) {
      current += text[++i] ?? "";
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === "," && !quoted) {
      items.push(current.trim());
      current = "";
    } else current += c;
  }
  items.push(current.trim());
  if (type === "timestamp" && (format ?? "http-date") === "http-date") {
    const dates: string[] = [];
    for (let i = 0; i < items.length; i += 2) dates.push(`${items[i]}, ${items[i + 1] ?? ""}`);
    return dates;
  }
  return items;
}

/** The members a response carries for `message` (an operation output or an error structure). */
export function readResponse(message: MessageSpec, response: ReceivedResponse, table: ShapeTable): Fields {
  const out: Fields = {};
  for (const binding of message.headers) {
    const text = response.headers.get(binding.name);
    if (text === null) continue;
    out[binding.member] = binding.list
      ? splitHeaderList(text, binding.type, binding.timestampFormat).map((item) =>
          parseScalar(item, binding.type, binding.timestampFormat),
        )
      : parseScalar(text.trim(), binding.type, binding.timestampFormat);
  }
  if (message.prefixHeaders) {
    const prefix = message.prefixHeaders.prefix.toLowerCase();
    const map: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (name.startsWith(prefix)) map[name.slice(prefix.length)] = value;
    });
    out[message.prefixHeaders.member] = map;
  }
  if (message.responseCode) out[message.responseCode] = response.status;
  const { body } = response;
  if (message.payload) {
    const payload = message.payload;
    if (payload.kind === "blob")
      out[payload.member] = typeof body === "string" ? new TextEncoder().encode(body) : body;
    else if (payload.kind === "string") out[payload.member] = typeof body === "string" ? body : undefined;
    else {
      const value = fromJson(jsonOf(response), payload.schema, table);
      if (value !== undefined) out[payload.member] = value;
    }
  } else if (message.body.length > 0) {
    const document = jsonOf(response);
    if (document !== null && typeof document === "object" && !Array.isArray(document)) {
      const members = structureMembers(message, table);
      const bodyMembers = Object.fromEntries(message.body.map((member) => [member, members[member] ?? {}]));
      Object.assign(out, readMembers(document as Fields, bodyMembers, table));
    }
  }
  return out;
}

function jsonOf(response: ReceivedResponse): unknown {
  return "json" in response ? response.json : parseJsonBody(response.body);
}

/** The JSON value of a body, undefined when it is empty; a body that is not JSON is an error. */
export function parseJsonBody(body: string | Uint8Array | undefined): unknown {
  const text = typeof body === "string" ? body : body === undefined ? "" : new TextDecoder().decode(body);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new SyntaxError(`The response body is not JSON: ${text.slice(0, 200)}`);
  }
}
