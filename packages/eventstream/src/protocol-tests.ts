// Smithy's `smithy.test#eventStreamTests` read with this package's codec, for protocol test
// runners (`@seqstore/eventstream/protocol-tests`). A test case is passed in as the trait value of
// the JSON AST (the runner loads the model); nothing here knows a particular service.
//
// What a runner does with a case's events (the trait's own rules, traits/smithy.test.smithy):
// - serializing side (client for "request" events, server for "response" events): serialize
//   `params`, then judge the produced message with {@link judgeMessage} against `headers`,
//   `forbidHeaders`, `requireHeaders` and `body` by `bodyMediaType` (never against `bytes`: header
//   order and JSON whitespace are free);
// - deserializing side: feed {@link eventBytes} (the case's `bytes`) and compare the result with
//   `params`, or with the expected failure.
import type { HeaderValue, MessageHeaders } from "./headers.js";
import type { Message } from "./message.js";

/** `smithy.test#EventHeaderValue`: exactly one member set. */
export type EventHeaderValueNode =
  | { readonly boolean: boolean }
  | { readonly byte: number }
  | { readonly short: number }
  | { readonly integer: number }
  | { readonly long: number }
  /** Base64 in the model. */
  | { readonly blob: string }
  | { readonly string: string }
  /** A date-time string or epoch seconds, as Smithy node values write timestamps. */
  | { readonly timestamp: string | number };

/** `smithy.test#Event`. */
export interface EventStreamTestEvent {
  readonly type: "request" | "response";
  readonly params?: unknown;
  readonly headers?: Readonly<Record<string, EventHeaderValueNode>>;
  readonly forbidHeaders?: readonly string[];
  readonly requireHeaders?: readonly string[];
  /** The payload as text (UTF-8), to compare by `bodyMediaType`. */
  readonly body?: string;
  readonly bodyMediaType?: string;
  /** Base64 of the whole message, for deserialization tests. */
  readonly bytes?: string;
  readonly vendorParams?: unknown;
}

/** `smithy.test#EventStreamTestCase`. */
export interface EventStreamTestCase {
  readonly id: string;
  readonly protocol: string;
  readonly documentation?: string;
  readonly initialRequestParams?: unknown;
  readonly initialRequest?: unknown;
  readonly initialRequestShape?: string;
  readonly initialResponseParams?: unknown;
  readonly initialResponse?: unknown;
  readonly initialResponseShape?: string;
  readonly events?: readonly EventStreamTestEvent[];
  readonly expectation?: { readonly success?: unknown; readonly failure?: { readonly errorId?: string } };
  readonly appliesTo?: "client" | "server";
  readonly vendorParams?: unknown;
  readonly tags?: readonly string[];
}

/** Standard base64 (the model's blob encoding) to bytes, with Web APIs only. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function timestampOf(value: string | number): Date {
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`event header timestamp '${value}' is not a date`);
  return date;
}

/** One `EventHeaderValue` node as a typed header value. */
export function headerFromNode(name: string, node: EventHeaderValueNode): HeaderValue {
  const entries = Object.entries(node);
  const [kind, value] = entries[0] ?? [];
  if (entries.length !== 1)
    throw new Error(`event header '${name}' must set exactly one value member, got ${entries.length}`);
  switch (kind) {
    case "boolean":
      return { type: "boolean", value: value as boolean };
    case "byte":
      return { type: "byte", value: value as number };
    case "short":
      return { type: "short", value: value as number };
    case "integer":
      return { type: "integer", value: value as number };
    case "long":
      return { type: "long", value: BigInt(value as number) };
    case "blob":
      return { type: "binary", value: base64ToBytes(value as string) };
    case "string":
      return { type: "string", value: value as string };
    case "timestamp":
      return { type: "timestamp", value: timestampOf(value as string | number) };
    default:
      throw new Error(`event header '${name}' has unknown value kind '${kind}'`);
  }
}

/** The event's expected headers, typed, in the order the test lists them. */
export function expectedHeaders(event: EventStreamTestEvent): MessageHeaders {
  const headers: Record<string, HeaderValue> = {};
  for (const [name, node] of Object.entries(event.headers ?? {})) headers[name] = headerFromNode(name, node);
  return headers;
}

/** The message the test describes (headers as listed, `body` as UTF-8, empty when absent). */
export function expectedMessage(event: EventStreamTestEvent): Message {
  return { headers: expectedHeaders(event), body: new TextEncoder().encode(event.body ?? "") };
}

/** The bytes a deserializer is to be fed: the case's `bytes`, or else the described message unencoded. */
export function eventBytes(event: EventStreamTestEvent): Uint8Array | undefined {
  return event.bytes === undefined ? undefined : base64ToBytes(event.bytes);
}

function sameHeader(a: HeaderValue, b: HeaderValue): boolean {
  if (a.type !== b.type) return false;
  if (a.type === "binary") {
    const other = b.value as Uint8Array;
    return a.value.length === other.length && a.value.every((byte, i) => byte === other[i]);
  }
  if (a.type === "timestamp") return a.value.getTime() === (b.value as Date).getTime();
  return a.value === b.value;
}

function describeHeader(header: HeaderValue | undefined): string {
  if (header === undefined) return "absent";
  const value =
    header.type === "binary"
      ? `[${[...header.value].join(",")}]`
      : header.type === "timestamp"
        ? header.value.toISOString()
        : String(header.value);
  return `${header.type} ${value}`;
}

/** Structural equality of parsed JSON: object member order and whitespace do not matter. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every(
      (key) =>
        Object.hasOwn(b, key) &&
        jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}

/**
 * Judges a produced message against an event's expectations, by the trait's rules. Returns the
 * differences, one sentence each; an empty list means the message passes.
 */
export function judgeMessage(event: EventStreamTestEvent, message: Message): string[] {
  const problems: string[] = [];
  for (const [name, expected] of Object.entries(expectedHeaders(event))) {
    const actual = message.headers[name];
    if (actual === undefined || !sameHeader(expected, actual)) {
      problems.push(`header '${name}': expected ${describeHeader(expected)}, got ${describeHeader(actual)}`);
    }
  }
  for (const name of event.forbidHeaders ?? []) {
    if (message.headers[name] !== undefined) problems.push(`header '${name}' is forbidden but present`);
  }
  for (const name of event.requireHeaders ?? []) {
    if (message.headers[name] === undefined) problems.push(`header '${name}' is required but absent`);
  }
  if (event.body !== undefined) {
    const actual = new TextDecoder().decode(message.body);
    if (event.bodyMediaType === "application/json") {
      let parsed: unknown;
      try {
        parsed = JSON.parse(actual);
      } catch {
        problems.push(`body is not JSON: ${actual.slice(0, 200)}`);
      }
      if (parsed !== undefined && !jsonEqual(JSON.parse(event.body), parsed)) {
        problems.push(`JSON body differs: expected ${event.body}, got ${actual}`);
      }
    } else {
      const expected = new TextEncoder().encode(event.body);
      const same =
        expected.length === message.body.length && expected.every((byte, i) => byte === message.body[i]);
      if (!same)
        problems.push(`body differs: expected ${JSON.stringify(event.body)}, got ${JSON.stringify(actual)}`);
    }
  }
  return problems;
}
