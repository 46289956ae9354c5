// Writes an operation's output structure, or an error, as a restJson1 HTTP response, with the shared codec
// of @seqstore/protocol.
import { formatText, isOneShotStream, joinHeaderList, payloadMediaType, writeJson } from "@seqstore/protocol";
import type { MemberBinding, OperationSpec, OperationTable, WireType } from "./operation-table.js";
import { eventStreamBody } from "./event-streams.js";
import type { ProtocolResponse } from "./protocol.js";
import type { ServiceError } from "./service-error.js";
import { TextResponse } from "./text-response.js";

type Structures = OperationTable["structures"];

const JSON_TYPE = "application/json";

/** Output structures carry their @default values where the handler left a member unset. */
const FILL = { fillDefaults: true } as const;

/** A string member as JSON text; JSON.stringify only when the string has something to escape. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes exactly these (and lone surrogates).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function jsonText(value: unknown): string | undefined {
  return typeof value === "string" && !NEEDS_ESCAPE.test(value) ? `"${value}"` : JSON.stringify(value);
}

/** Array-index-like keys come first in JSON.stringify's key order, whatever order they were added in. */
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

/**
 * The `"wireName":` prefix of each output binding (in `operation.output` order), so the body's JSON text is
 * written member by member, in binding order; undefined when that order would not be JSON.stringify's
 * (index-like or repeated wire names), and the body is built as an object instead.
 */
const keyPrefixes = new WeakMap<OperationSpec, readonly string[] | null>();

function bodyKeyPrefixes(operation: OperationSpec): readonly string[] | undefined {
  let prefixes = keyPrefixes.get(operation);
  if (prefixes === undefined) {
    const names = operation.output.map((b) => b.wireName);
    const inOrder = names.every((name, i) => !INDEX_KEY.test(name) && names.indexOf(name) === i);
    prefixes = inOrder ? names.map((name) => `${JSON.stringify(name)}:`) : null;
    keyPrefixes.set(operation, prefixes);
  }
  return prefixes ?? undefined;
}

/** A header-bound value as its header text; a list's items joined (strings quoted where they must be). */
function headerText(value: unknown, type: WireType): string {
  if (type.kind !== "list") return formatText(value, type);
  const item = type.member;
  const items = (value as unknown[]).map((v) => formatText(v, item));
  return joinHeaderList(items, item.kind === "string");
}

/** Headers, prefix headers and the response code of `bindings` from `values`; the rest is left to the caller. */
function writeHeaderBinding(binding: MemberBinding, value: unknown, headers: Record<string, string>): void {
  if (binding.location === "header") {
    // An empty list is an empty header (a null one sends none).
    headers[binding.wireName] = headerText(value, binding.type);
    return;
  }
  const valueType = binding.type.kind === "map" ? binding.type.value : ({ kind: "string" } as const);
  for (const [suffix, item] of Object.entries(value as Record<string, unknown>)) {
    if (item !== undefined && item !== null) {
      headers[`${binding.wireName}${suffix.toLowerCase()}`] = headerText(item, valueType);
    }
  }
}

/** The success response for `output` (headers other than x-amzn-RequestId are filled here). */
export function serializeOutput(
  operation: OperationSpec,
  structures: Structures,
  output: unknown,
  /** Hears of a failure inside an output event stream (the client gets an InternalFailure message). */
  report: (error: unknown) => void = () => {},
): Omit<ProtocolResponse, "headers"> & { headers: Record<string, string> } {
  const values = (output ?? {}) as Record<string, unknown>;
  const headers: Record<string, string> = operation.unitOutput ? {} : { "content-type": JSON_TYPE };
  // The body as JSON text, member by member (same bytes as JSON.stringify of the body object, without
  // building it); the object only when the key order needs JSON.stringify's.
  const prefixes = bodyKeyPrefixes(operation);
  let json = "";
  const body: Record<string, unknown> = {};
  let status = operation.code;
  let payload: Buffer | undefined;
  let stream: ProtocolResponse["stream"];

  const bindings = operation.output;
  for (let i = 0; i < bindings.length; i++) {
    const binding = bindings[i]!;
    let value = values[binding.member];
    if (value === undefined || value === null) {
      // A server writes the @default of a member its handler left unset.
      if (binding.default === undefined) continue;
      value = binding.default;
    }
    switch (binding.location) {
      case "header":
      case "prefixHeaders":
        writeHeaderBinding(binding, value, headers);
        break;
      case "responseCode":
        if (typeof value === "number") status = value;
        break;
      case "payload":
        headers["content-type"] = payloadMediaType(binding.type);
        if (binding.type.kind === "blob") {
          if (binding.type.streaming && isOneShotStream(value)) stream = value;
          else
            payload =
              typeof value === "string" ? Buffer.from(value, "utf8") : Buffer.from(value as Uint8Array);
        } else if (binding.type.kind === "union" && binding.type.eventStream) {
          stream = eventStreamBody(value, binding.type.eventStream, structures, report);
        } else if (binding.type.kind === "string") {
          payload = Buffer.from(String(value), "utf8");
        } else {
          payload = Buffer.from(
            JSON.stringify(writeJson(value, binding.type, structures, FILL) ?? {}),
            "utf8",
          );
        }
        break;
      default: {
        const converted =
          binding.type.kind === "string" ? value : writeJson(value, binding.type, structures, FILL);
        if (converted === undefined) break;
        if (!prefixes) {
          body[binding.wireName] = converted;
          break;
        }
        // JSON.stringify leaves out a member whose value has no JSON form (a function, a symbol).
        const text = jsonText(converted);
        if (text !== undefined) json += (json === "" ? "{" : ",") + prefixes[i] + text;
      }
    }
  }
  if (payload) return { status, headers, body: payload };
  if (stream) return { status, headers, body: Buffer.alloc(0), stream };
  if (operation.unitOutput) return new TextResponse(status, headers, "");
  if (payloadBinding(operation)) {
    // A payload member left unset sends no body at all.
    delete headers["content-type"];
    return new TextResponse(status, headers, "");
  }
  return new TextResponse(
    status,
    headers,
    prefixes ? (json === "" ? "{}" : `${json}}`) : JSON.stringify(body),
  );
}

const payloads = new WeakMap<OperationSpec, MemberBinding | null>();

/** The operation's output payload binding, if it has one (looked up once per operation). */
function payloadBinding(operation: OperationSpec): MemberBinding | undefined {
  let payload = payloads.get(operation);
  if (payload === undefined) {
    payload = operation.output.find((b) => b.location === "payload") ?? null;
    payloads.set(operation, payload);
  }
  return payload ?? undefined;
}

/**
 * The response for a ServiceError: its status, `x-amzn-ErrorType: <Name>` and a JSON body of its
 * members. Modeled errors are written through their structure schema (header-bound members as headers,
 * see ErrorSpec.bindings); others send `message` plus any plain own fields (e.g. the protocol's fieldList).
 */
export function serializeError(
  error: ServiceError,
  structures: Structures,
  errors?: OperationTable["errors"],
): Omit<ProtocolResponse, "headers"> & {
  headers: Record<string, string>;
} {
  const headers: Record<string, string> = { "content-type": JSON_TYPE, "x-amzn-ErrorType": error.name };
  const schema = structures[error.name];
  let body: unknown;
  if (schema) {
    const values = error as unknown as Record<string, unknown>;
    const bindings = errors?.[error.name]?.bindings;
    if (bindings) {
      const json: Record<string, unknown> = {};
      for (const binding of bindings) {
        const value = values[binding.member];
        if (value === undefined || value === null) continue;
        if (binding.location === "header" || binding.location === "prefixHeaders") {
          writeHeaderBinding(binding, value, headers);
        } else {
          const converted = writeJson(value, binding.type, structures);
          if (converted !== undefined) json[binding.wireName] = converted;
        }
      }
      body = json;
    } else {
      body = writeJson(error, { kind: "structure", shape: error.name }, structures);
    }
  } else {
    const fields: Record<string, unknown> = { message: error.message };
    for (const [key, value] of Object.entries(error)) {
      if (key === "name" || key.startsWith("$") || key === "httpStatus" || key === "allow") continue;
      fields[key] = value;
    }
    body = fields;
  }
  if (error.name === "MethodNotAllowedException" && "allow" in error && Array.isArray(error.allow)) {
    headers.allow = error.allow.join(", ");
  }
  return new TextResponse(error.httpStatus, headers, JSON.stringify(body));
}
