// Writes an operation's output structure, or an error, as a restJson1 HTTP response.
import { toJson } from "./json-values.js";
import type { OperationSpec, OperationTable } from "./operation-table.js";
import type { ProtocolResponse } from "./protocol.js";
import type { ServiceError } from "./service-error.js";
import { formatTimestamp } from "./timestamps.js";

type Structures = OperationTable["structures"];

const JSON_TYPE = "application/json";

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
  const body: Record<string, unknown> = {};
  let status = operation.code;
  let payload: Buffer | undefined;

  for (const binding of operation.output) {
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
        const converted = toJson(value, binding.type, structures);
        if (converted !== undefined) body[binding.wireName] = converted;
      }
    }
  }
  return { status, headers, body: payload ?? Buffer.from(JSON.stringify(body), "utf8") };
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
  return { status: error.httpStatus, headers, body: Buffer.from(JSON.stringify(body), "utf8") };
}
