// Writes an operation's output structure, or an error, as a restJson1 HTTP response.
import { toJson } from "./json-values.js";
import type { OperationSpec, OperationTable } from "./operation-table.js";
import type { ProtocolResponse } from "./protocol.js";
import type { ServiceError } from "./service-error.js";
import { TextResponse } from "./text-response.js";
import { formatTimestamp } from "./timestamps.js";

type Structures = OperationTable["structures"];

const JSON_TYPE = "application/json";

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

function headerText(value: unknown): string {
  if (value instanceof Date) return String(formatTimestamp(value, "http-date"));
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  return String(value);
}

/** The success response for `output` (headers other than x-amzn-RequestId are filled here). */
export function serializeOutput(
  operation: OperationSpec,
  structures: Structures,
  output: unknown,
): Omit<ProtocolResponse, "headers"> & { headers: Record<string, string> } {
  const values = (output ?? {}) as Record<string, unknown>;
  const headers: Record<string, string> = { "content-type": JSON_TYPE };
  // The body as JSON text, member by member (same bytes as JSON.stringify of the body object, without
  // building it); the object only when the key order needs JSON.stringify's.
  const prefixes = bodyKeyPrefixes(operation);
  let json = "";
  const body: Record<string, unknown> = {};
  let status = operation.code;
  let payload: Buffer | undefined;

  const bindings = operation.output;
  for (let i = 0; i < bindings.length; i++) {
    const binding = bindings[i]!;
    const value = values[binding.member];
    if (value === undefined || value === null) continue;
    switch (binding.location) {
      case "header": {
        if (binding.type.kind === "list") {
          const itemType = binding.type.member;
          const items = (value as unknown[]).map((v) =>
            v instanceof Date && itemType.kind === "timestamp"
              ? String(formatTimestamp(v, itemType.format))
              : headerText(v),
          );
          headers[binding.wireName] = items.join(", ");
        } else if (value instanceof Date && binding.type.kind === "timestamp") {
          headers[binding.wireName] = String(formatTimestamp(value, binding.type.format));
        } else {
          headers[binding.wireName] = headerText(value);
        }
        break;
      }
      case "prefixHeaders":
        for (const [suffix, text] of Object.entries(value as Record<string, unknown>)) {
          headers[`${binding.wireName}${suffix.toLowerCase()}`] = headerText(text);
        }
        break;
      case "responseCode":
        if (typeof value === "number") status = value;
        break;
      case "payload":
        if (binding.type.kind === "blob") {
          payload = Buffer.from(value as Uint8Array);
          headers["content-type"] = "application/octet-stream";
        } else if (binding.type.kind === "string") {
          payload = Buffer.from(String(value), "utf8");
          headers["content-type"] = "text/plain";
        } else {
          payload = Buffer.from(JSON.stringify(toJson(value, binding.type, structures) ?? {}), "utf8");
        }
        break;
      default: {
        const converted = binding.type.kind === "string" ? value : toJson(value, binding.type, structures);
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
  return new TextResponse(
    status,
    headers,
    prefixes ? (json === "" ? "{}" : `${json}}`) : JSON.stringify(body),
  );
}

/**
 * The response for a ServiceError: its status, `x-amzn-ErrorType: <Name>` and a JSON body of its
 * members. Modeled errors are written through their structure schema; others send `message`
 * plus any plain own fields (e.g. the protocol's fieldList).
 */
export function serializeError(
  error: ServiceError,
  structures: Structures,
): Omit<ProtocolResponse, "headers"> & {
  headers: Record<string, string>;
} {
  const headers: Record<string, string> = { "content-type": JSON_TYPE, "x-amzn-ErrorType": error.name };
  const schema = structures[error.name];
  let body: unknown;
  if (schema) {
    body = toJson(error, { kind: "structure", shape: error.name }, structures);
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
