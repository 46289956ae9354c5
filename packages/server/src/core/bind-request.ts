// Builds an operation's input structure from the parts of an HTTP request (labels, query, headers, prefix
// headers, payload/body) as the restJson1 protocol binds them, with the shared codec of @seqstore/protocol.
// A value that does not parse is a SerializationException; a missing required member a ValidationException.
import {
  type CodecFailure,
  describeText,
  inexactJsonNumbers,
  JSON_MEDIA_TYPE,
  messageMediaType,
  parseText,
  parseTimestamp,
  pointerToken,
  type ReadOptions,
  readJson,
  splitHeaderList,
} from "@seqstore/protocol";
import { compileInputConstraints, type InputConstraintCheck } from "./binding-constraints.js";
import type { MemberBinding, OperationSpec, OperationTable, WireType } from "./operation-table.js";
import { eventStreamInput } from "./event-streams.js";
import type { ProtocolRequest } from "./protocol.js";
import { serializationError, serializationFailures, type ValidationFailure } from "./protocol-errors.js";
import { DEFAULT_MAX_JSON_DEPTH, decodeUtf8, nestsDeeperThan } from "./request-text.js";

type Structures = OperationTable["structures"];

/** OperationFacts.requestMediaType of a blob payload without @mediaType: any content type, or none. */
export const ANY_MEDIA_TYPE = "*";

/** Headers an HTTP client or proxy adds on its own: an empty @httpPrefixHeaders prefix does not bind them. */
const TRANSPORT_HEADERS = new Set([
  "host",
  "connection",
  "content-length",
  "transfer-encoding",
  "keep-alive",
]);

/** A parsed JSON body, and whether its text holds a null anywhere (then validators get a copy without). */
export interface JsonBody {
  value: unknown;
  mayHoldNull: boolean;
  /** With `numbers`: the doubles of number tokens they do not hold exactly (see inexactJsonNumbers). */
  inexactNumbers?: ReadonlySet<number> | undefined;
}

const NO_BODY: JsonBody = { value: undefined, mayHoldNull: false };

/**
 * Parse the body as JSON; an empty body reads as undefined. Throws a 400 SerializationException when it is
 * not UTF-8 or is malformed, and when it nests deeper than `maxDepth`. `numbers` (for operations that read
 * bigInteger or bigDecimal members) also finds the number tokens that doubles round.
 */
export function readJsonBody(body: Uint8Array, maxDepth = DEFAULT_MAX_JSON_DEPTH, numbers = false): JsonBody {
  if (body.length === 0) return NO_BODY;
  const text = decodeUtf8(body);
  if (nestsDeeperThan(body, maxDepth)) {
    throw serializationError(
      `The request body nests JSON arrays and objects deeper than ${maxDepth} levels.`,
    );
  }
  try {
    // (A string search on the text V8 already holds: far cheaper than searching the bytes.)
    const value: unknown = JSON.parse(text);
    const mayHoldNull = text.includes("null");
    return numbers
      ? { value, mayHoldNull, inexactNumbers: inexactJsonNumbers(text) }
      : { value, mayHoldNull };
  } catch (cause) {
    const detail = cause instanceof SyntaxError ? `: ${cause.message}` : "";
    throw serializationError(`The request body is not valid JSON${detail}.`);
  }
}

/** readJsonBody's value alone. */
export function parseJsonBody(body: Uint8Array, maxDepth = DEFAULT_MAX_JSON_DEPTH): unknown {
  return readJsonBody(body, maxDepth).value;
}

/** What the protocol needs to know about an operation's input on every request, worked out once. */
export interface OperationFacts {
  expectsJsonBody: boolean;
  /** Members bound to top-level JSON keys (so an empty body reads as {}). */
  hasBodyMembers: boolean;
  hasPayload: boolean;
  /**
   * The media type a request body must have: JSON for body members, a structure payload or an input
   * structure without members ("{}"); a payload's media type; "*" for a blob payload without @mediaType
   * (any type, or none). Undefined when the input takes no body (any body is refused).
   */
  requestMediaType: string | undefined;
  /** The media type of a success response's body; undefined when it has none or may be any (Accept is not judged). */
  responseMediaType: string | undefined;
  /** JSON pointer of each input binding's member, in `operation.input` order. */
  memberPaths: readonly string[];
  /** Checks the constraints no schema validator sees (see binding-constraints.ts); absent when there are none. */
  checkConstraints: InputConstraintCheck | undefined;
  /** Whether a JSON body may hold a bigInteger or bigDecimal (its numbers are then checked for rounding). */
  readsBigNumbers: boolean;
}

const factsCache = new WeakMap<OperationSpec, OperationFacts>();

/** Whether the message's payload is a blob without @mediaType: it travels as any media type. */
function anyBlob(bindings: readonly MemberBinding[]): boolean {
  const payload = bindings.find((b) => b.location === "payload");
  return payload?.type.kind === "blob" && !payload.type.mediaType;
}

/** Whether a value of `type` is or holds a bigInteger or bigDecimal (structures looked up in `structures`). */
function holdsBigNumber(type: WireType, structures: Structures, seen = new Set<string>()): boolean {
  switch (type.kind) {
    case "bigNumber":
      return true;
    case "list":
      return holdsBigNumber(type.member, structures, seen);
    case "map":
      return holdsBigNumber(type.value, structures, seen);
    case "structure":
    case "union":
      if (seen.has(type.shape)) return false;
      seen.add(type.shape);
      return (structures[type.shape]?.members ?? []).some((m) => holdsBigNumber(m.type, structures, seen));
    default:
      return false;
  }
}

/** The operation's facts (`structures`: its service's, for what its input holds). */
export function operationFacts(operation: OperationSpec, structures: Structures): OperationFacts {
  let facts = factsCache.get(operation);
  if (!facts) {
    const input = operation.input;
    const requestMediaType = anyBlob(input)
      ? ANY_MEDIA_TYPE
      : (messageMediaType(input) ??
        (input.length === 0 && !operation.unitInput ? JSON_MEDIA_TYPE : undefined));
    facts = {
      expectsJsonBody: requestMediaType === JSON_MEDIA_TYPE,
      hasBodyMembers: input.some((b) => b.location === "body"),
      hasPayload: input.some((b) => b.location === "payload"),
      requestMediaType,
      responseMediaType: anyBlob(operation.output) ? undefined : messageMediaType(operation.output),
      memberPaths: input.map((b) => `/${pointerToken(b.member)}`),
      checkConstraints: compileInputConstraints(operation),
      readsBigNumbers:
        requestMediaType === JSON_MEDIA_TYPE &&
        input.some(
          (b) => (b.location === "body" || b.location === "payload") && holdsBigNumber(b.type, structures),
        ),
    };
    factsCache.set(operation, facts);
  }
  return facts;
}

/** One text value as `type`; a value that does not parse is recorded and reads as undefined. */
function fromText(text: string, type: WireType, path: string, failures: CodecFailure[]): unknown {
  const value = parseText(text, type);
  if (value === undefined) failures.push({ path, message: `Expected ${describeText(type)}, got "${text}".` });
  return value;
}

function bindText(
  values: readonly string[],
  binding: MemberBinding,
  path: string,
  failures: CodecFailure[],
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

/** A header's items: a list header is split (quoted strings, http-dates), any other is one value. */
function headerValues(raw: string, type: WireType): string[] {
  if (type.kind !== "list") return [raw.trim()];
  const member = type.member;
  return splitHeaderList(raw, member.kind === "timestamp" && member.format === "http-date");
}

/** A @httpPrefixHeaders map: every header starting with the prefix, by the rest of its name. */
function prefixHeaderMap(
  headers: Record<string, string>,
  binding: MemberBinding,
  path: string,
  failures: CodecFailure[],
): Record<string, unknown> | undefined {
  const prefix = binding.wireName;
  const valueType = binding.type.kind === "map" ? binding.type.value : { kind: "string" as const };
  let map: Record<string, unknown> | undefined;
  for (const name in headers) {
    if (!name.startsWith(prefix) || (prefix === "" && TRANSPORT_HEADERS.has(name))) continue;
    const key = name.slice(prefix.length);
    const itemPath = `${path}/${pointerToken(key)}`;
    const raw = headers[name]!;
    const value =
      valueType.kind === "list"
        ? headerValues(raw, valueType).map((v, i) =>
            fromText(v, valueType.member, `${itemPath}/${i}`, failures),
          )
        : fromText(raw.trim(), valueType, itemPath, failures);
    map ??= {};
    map[key] = value;
  }
  return map;
}

/** A payload member from the raw body (blob, string) or the parsed JSON (structure, union, document…). */
function payloadValue(
  binding: MemberBinding,
  request: ProtocolRequest,
  body: unknown,
  structures: Structures,
  path: string,
  failures: CodecFailure[],
  options: ReadOptions | undefined,
): unknown {
  switch (binding.type.kind) {
    case "blob":
      if (binding.type.streaming) return request.bodyStream ?? emptyStream();
      return request.body.length > 0 ? new Uint8Array(request.body) : undefined;
    case "union":
      if (binding.type.eventStream) {
        return eventStreamInput(request.bodyStream ?? emptyStream(), binding.type.eventStream, structures);
      }
      return jsonPayload(binding, body, structures, path, failures, options);
    case "string": {
      if (request.body.length === 0) return undefined;
      // A @mediaType string payload travels as it is; only a header carries it base64-encoded.
      return decodeUtf8(request.body);
    }
    default:
      return jsonPayload(binding, body, structures, path, failures, options);
  }
}

/** A structure, union or document payload from the parsed JSON body. */
function jsonPayload(
  binding: MemberBinding,
  body: unknown,
  structures: Structures,
  path: string,
  failures: CodecFailure[],
  options: ReadOptions | undefined,
): unknown {
  const value = readJson(body, binding.type, structures, path, failures, options);
  // "{}" for a structure payload carries no member: the same as no payload.
  const empty = binding.type.kind === "structure" && value !== null && typeof value === "object";
  return empty && Object.keys(value).length === 0 ? undefined : value;
}

/**
 * A member's @default as the handler gets it. The model writes a timestamp's default as epoch seconds or
 * date-time text, whatever format the member travels in; every other default is in its JSON form.
 */
function defaultValue(
  binding: MemberBinding,
  structures: Structures,
  path: string,
  failures: CodecFailure[],
): unknown {
  const fallback = binding.default;
  if (binding.type.kind === "timestamp") {
    return parseTimestamp(fallback, typeof fallback === "number" ? "epoch-seconds" : "date-time");
  }
  return readJson(fallback, binding.type, structures, path, failures);
}

/** A bound input, and the required members it lacks (the caller decides when to report them). */
export interface BoundInput {
  input: Record<string, unknown>;
  missing: ValidationFailure[] | undefined;
}

/**
 * The operation input for a routed request. `body` is the already parsed JSON body (see parseJsonBody).
 * Throws a SerializationException listing every value that does not parse; required members that are
 * missing are listed in `missing` (schema validation, when there is one, reports them in its words).
 */
export function bindRequest(
  operation: OperationSpec,
  structures: Structures,
  request: ProtocolRequest,
  labels: Record<string, string>,
  body: unknown,
  inexactNumbers?: ReadonlySet<number>,
): BoundInput {
  const input: Record<string, unknown> = {};
  const failures: CodecFailure[] = [];
  const facts = operationFacts(operation, structures);
  const options = inexactNumbers ? { inexactNumbers } : undefined;

  if (facts.hasBodyMembers && body !== undefined) {
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      throw serializationError("The request body must be a JSON object.");
    }
  }

  const memberPaths = facts.memberPaths;
  let missing: ValidationFailure[] | undefined;
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
      case "query": {
        const raw = request.query[binding.wireName];
        if (raw !== undefined) value = bindText(asList(raw), binding, path, failures);
        else if (binding.default !== undefined) value = defaultValue(binding, structures, path, failures);
        break;
      }
      case "queryParams": {
        // Every parameter (also those a member binds, as Smithy's servers do); a map of lists keeps every
        // value, else the first.
        const map: Record<string, unknown> = {};
        const listValues = binding.type.kind === "map" && binding.type.value.kind === "list";
        for (const key in request.query) {
          const all = asList(request.query[key]);
          map[key] = listValues ? all : all[0];
        }
        value = Object.keys(map).length > 0 ? map : undefined;
        break;
      }
      case "header": {
        const raw = request.headers[binding.wireName];
        if (raw !== undefined) value = bindText(headerValues(raw, binding.type), binding, path, failures);
        else if (binding.default !== undefined) value = defaultValue(binding, structures, path, failures);
        break;
      }
      case "prefixHeaders":
        value = prefixHeaderMap(request.headers, binding, path, failures);
        break;
      case "payload":
        value = payloadValue(binding, request, body, structures, path, failures, options);
        break;
      case "body": {
        const raw = (body as Record<string, unknown> | undefined)?.[binding.wireName];
        value = readJson(raw, binding.type, structures, path, failures, options);
        if (value === undefined && raw === undefined && binding.default !== undefined) {
          value = defaultValue(binding, structures, path, failures);
        }
        break;
      }
      case "responseCode":
        break;
    }
    if (value !== undefined) input[binding.member] = value;
    else if (binding.required && binding.location !== "responseCode") {
      missing ??= [];
      missing.push({ path, message: "Member is required." });
    }
  }

  if (failures.length > 0) throw serializationFailures(failures);
  return { input, missing };
}

/** A streaming payload of a request that came without a body (bound as an empty stream, never absent). */
function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.close() });
}
