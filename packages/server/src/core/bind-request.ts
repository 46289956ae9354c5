// Builds an operation's input structure from the parts of an HTTP request (labels, query,
// headers, payload/body) as the restJson1 protocol binds them.
import { fromJson, pointerToken } from "./json-values.js";
import type { MemberBinding, OperationSpec, OperationTable, WireType } from "./operation-table.js";
import type { ProtocolRequest } from "./protocol.js";
import { type ValidationFailure, validationError, validationFailures } from "./protocol-errors.js";
import { DEFAULT_MAX_JSON_DEPTH, decodeUtf8, nestsDeeperThan } from "./request-text.js";
import { parseTimestamp } from "./timestamps.js";

type Structures = OperationTable["structures"];

/**
 * Parse the body as JSON; an empty body reads as undefined. Throws a 400 ValidationException when it
 * is not UTF-8, nests deeper than `maxDepth`, or is malformed.
 */
export function parseJsonBody(body: Buffer, maxDepth = DEFAULT_MAX_JSON_DEPTH): unknown {
  if (body.length === 0) return undefined;
  const text = decodeUtf8(body);
  if (nestsDeeperThan(body, maxDepth)) {
    throw validationError(`The request body nests JSON arrays and objects deeper than ${maxDepth} levels.`);
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof SyntaxError ? `: ${cause.message}` : "";
    throw validationError(`The request body is not valid JSON${detail}.`);
  }
}

/** Whether an operation reads its body as JSON (body members, or a structure/document payload). */
export function expectsJsonBody(operation: OperationSpec): boolean {
  return operationFacts(operation).expectsJsonBody;
}

/** What the protocol needs to know about an operation's input on every request, worked out once. */
export interface OperationFacts {
  expectsJsonBody: boolean;
  /** Members bound to top-level JSON keys (so an empty body reads as {}). */
  hasBodyMembers: boolean;
  hasPayload: boolean;
  /** Query keys bound to members (the rest go to an @httpQueryParams map). */
  boundQueryKeys: ReadonlySet<string>;
  /** JSON pointer of each input binding's member, in `operation.input` order. */
  memberPaths: readonly string[];
}

const factsCache = new WeakMap<OperationSpec, OperationFacts>();

export function operationFacts(operation: OperationSpec): OperationFacts {
  let facts = factsCache.get(operation);
  if (!facts) {
    const input = operation.input;
    facts = {
      expectsJsonBody: input.some(
        (b) =>
          b.location === "body" ||
          (b.location === "payload" && b.type.kind !== "blob" && b.type.kind !== "string"),
      ),
      hasBodyMembers: input.some((b) => b.location === "body"),
      hasPayload: input.some((b) => b.location === "payload"),
      boundQueryKeys: new Set(input.filter((b) => b.location === "query").map((b) => b.wireName)),
      memberPaths: input.map((b) => `/${pointerToken(b.member)}`),
    };
    factsCache.set(operation, facts);
  }
  return facts;
}

/** Convert one string from a label, query parameter or header to the member's type. */
function fromText(text: string, type: WireType, path: string, failures: ValidationFailure[]): unknown {
  const fail = (what: string): undefined => {
    failures.push({ path, message: `Expected ${what}, got "${text}".` });
    return undefined;
  };
  switch (type.kind) {
    case "string":
      return text;
    case "boolean":
      return text === "true" ? true : text === "false" ? false : fail("true or false");
    case "number":
    case "bigNumber": {
      const n = Number(text);
      return text.trim() !== "" && Number.isFinite(n) ? n : fail("a number");
    }
    case "timestamp":
      return parseTimestamp(text, type.format) ?? fail(`a ${type.format} timestamp`);
    case "blob":
      return new Uint8Array(Buffer.from(text, "base64"));
    default:
      return fail("a simple value");
  }
}

function bindText(
  values: string[],
  binding: MemberBinding,
  path: string,
  failures: ValidationFailure[],
): unknown {
  if (binding.type.kind === "list") {
    const itemType = binding.type.member;
    return values.map((v, i) => fromText(v, itemType, `${path}/${i}`, failures));
  }
  const first = values[0];
  return first === undefined ? undefined : fromText(first, binding.type, path, failures);
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Split a list header; http-date values contain a comma themselves, so they pair up. */
function splitHeader(value: string, type: WireType): string[] {
  if (type.kind !== "list") return [value];
  const parts = value.split(",").map((s) => s.trim());
  if (type.member.kind === "timestamp" && type.member.format === "http-date") {
    const dates: string[] = [];
    for (let i = 0; i < parts.length; i += 2) dates.push(`${parts[i]}, ${parts[i + 1] ?? ""}`);
    return dates;
  }
  return parts;
}

/**
 * The operation input for a routed request. `body` is the already parsed JSON body (see
 * parseJsonBody). Throws a ValidationException listing every field that could not be bound.
 */
export function bindRequest(
  operation: OperationSpec,
  structures: Structures,
  request: ProtocolRequest,
  labels: Record<string, string>,
  body: unknown,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const failures: ValidationFailure[] = [];
  const facts = operationFacts(operation);
  const boundQueryKeys = facts.boundQueryKeys;

  if (facts.expectsJsonBody && body !== undefined && !facts.hasPayload) {
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      throw validationError("The request body must be a JSON object.");
    }
  }

  const memberPaths = facts.memberPaths;
  for (let i = 0; i < operation.input.length; i++) {
    const binding = operation.input[i]!;
    const path = memberPaths[i]!;
    let value: unknown;
    switch (binding.location) {
      case "label": {
        const text = labels[binding.wireName];
        value = text === undefined ? undefined : bindText([text], binding, path, failures);
        break;
      }
      case "query":
        value = bindText(asList(request.query[binding.wireName]), binding, path, failures);
        if (Array.isArray(value) && value.length === 0) value = undefined;
        break;
      case "queryParams": {
        // Parameters no other member claims; a map of lists keeps every value, else the first.
        const map: Record<string, unknown> = {};
        const listValues = binding.type.kind === "map" && binding.type.value.kind === "list";
        for (const [key, raw] of Object.entries(request.query)) {
          if (boundQueryKeys.has(key)) continue;
          const all = asList(raw);
          map[key] = listValues ? all : all[0];
        }
        value = Object.keys(map).length > 0 ? map : undefined;
        break;
      }
      case "header": {
        const raw = request.headers[binding.wireName];
        value =
          raw === undefined ? undefined : bindText(splitHeader(raw, binding.type), binding, path, failures);
        break;
      }
      case "prefixHeaders": {
        const map: Record<string, string> = {};
        for (const [name, raw] of Object.entries(request.headers)) {
          if (name.startsWith(binding.wireName)) map[name.slice(binding.wireName.length)] = raw;
        }
        value = Object.keys(map).length > 0 ? map : undefined;
        break;
      }
      case "payload":
        if (binding.type.kind === "blob")
          value = request.body.length > 0 ? new Uint8Array(request.body) : undefined;
        else if (binding.type.kind === "string")
          value = request.body.length > 0 ? decodeUtf8(request.body) : undefined;
        else value = fromJson(body, binding.type, structures, path, failures);
        break;
      case "body": {
        const object = body as Record<string, unknown> | undefined;
        value = fromJson(object?.[binding.wireName], binding.type, structures, path, failures);
        break;
      }
      case "responseCode":
        break;
    }
    if (value !== undefined) input[binding.member] = value;
    else if (binding.required && !failures.some((f) => f.path.startsWith(path))) {
      failures.push({ path, message: "Member is required." });
    }
  }

  if (failures.length > 0) {
    throw validationFailures(failures);
  }
  return input;
}
