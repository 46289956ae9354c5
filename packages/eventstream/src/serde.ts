// Events as values: a union value `{ member: { ...fields } }` to a message and back, driven by a
// description of the event-stream union given as data (the generated service description carries
// it; nothing here knows a model). @eventHeader members become typed headers; the @eventPayload
// member, or else the remaining members as one document, become the payload.
import { isUint8Array } from "./bytes.js";
import { EventStreamError } from "./errors.js";
import type { HeaderType, HeaderValue } from "./headers.js";
import type { Message } from "./message.js";
import { EventStreamRemoteError, eventMessage, exceptionMessage, readEventStreamMessage } from "./smithy.js";

/** Smithy simple types an @eventHeader member may target, with the header type each travels as. */
export type EventHeaderKind =
  | "boolean"
  | "byte"
  | "short"
  | "integer"
  | "long"
  | "blob"
  | "string"
  | "timestamp";

const HEADER_TYPE: Record<EventHeaderKind, HeaderType> = {
  boolean: "boolean",
  byte: "byte",
  short: "short",
  integer: "integer",
  long: "long",
  blob: "binary",
  string: "string",
  timestamp: "timestamp",
};

/** One union member's target structure, as the wire sees it. */
export interface EventShape {
  /** @eventHeader members by member name. */
  readonly headers?: Readonly<Record<string, EventHeaderKind>>;
  /**
   * The @eventPayload member and what it targets; without one, the members that are not headers
   * (`documentMembers`) travel together as a document (JSON for restJson1).
   */
  readonly payload?: { readonly member: string; readonly kind: "blob" | "string" | "structure" | "union" };
  /** Members that are neither headers nor the explicit payload; empty or absent = no document. */
  readonly documentMembers?: readonly string[];
}

export interface EventStreamSchema {
  /** Union members that carry events, by member name (the `:event-type`). */
  readonly events: Readonly<Record<string, EventShape>>;
  /** Union members that target @error structures, by member name (the `:exception-type`). */
  readonly errors?: Readonly<Record<string, EventShape>>;
}

/**
 * The protocol's document codec for structure and union payloads (for restJson1, the JSON codec of
 * the shared runtime: member names, timestamps, blobs). `shape` is the union member's name and,
 * for an explicit payload, the payload member's name, so the codec can find the target schema.
 */
export interface DocumentCodec {
  readonly contentType: string;
  serialize(shape: { readonly event: string; readonly member?: string }, value: unknown): Uint8Array;
  deserialize(shape: { readonly event: string; readonly member?: string }, bytes: Uint8Array): unknown;
}

/** What a message turned out to be. */
export type DecodedEvent =
  /** A modeled event: `{ [member]: value }` is the union value. */
  | { readonly kind: "event"; readonly member: string; readonly value: Record<string, unknown> }
  /** A modeled error inside the stream: the generated code throws the error its member targets. */
  | { readonly kind: "exception"; readonly member: string; readonly value: Record<string, unknown> }
  /** An event type this schema does not know (a newer server): kept, never guessed at. */
  | { readonly kind: "unknown"; readonly eventType: string; readonly message: Message };

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

function fail(message: string): EventStreamError {
  return new EventStreamError("InvalidHeader", message);
}

function toHeader(event: string, member: string, kind: EventHeaderKind, value: unknown): HeaderValue {
  switch (kind) {
    case "long":
      if (typeof value === "bigint") return { type: "long", value };
      if (typeof value === "number" && Number.isSafeInteger(value))
        return { type: "long", value: BigInt(value) };
      break;
    case "blob":
      if (isUint8Array(value)) return { type: "binary", value };
      if (typeof value === "string") return { type: "binary", value: utf8Encoder.encode(value) };
      break;
    case "timestamp":
      if (value instanceof Date) return { type: "timestamp", value };
      break;
    default:
      return { type: HEADER_TYPE[kind], value } as HeaderValue;
  }
  throw fail(`event '${event}' member '${member}' (${kind}) cannot be sent as a header: got ${typeof value}`);
}

function fromHeader(event: string, member: string, kind: EventHeaderKind, header: HeaderValue): unknown {
  if (header.type !== HEADER_TYPE[kind]) {
    throw fail(`event '${event}' header '${member}' arrived as ${header.type}; the model declares ${kind}`);
  }
  // Longs surface as numbers, as generated types declare them (exact up to 2^53).
  return header.type === "long" ? Number(header.value) : header.value;
}

export interface EventStreamSerde {
  /** A union value with exactly one member set, as an event or exception message. */
  serialize(union: Readonly<Record<string, unknown>>): Message;
  /** Reads a message; throws EventStreamError for malformed ones and EventStreamRemoteError for `error` messages. */
  deserialize(message: Message): DecodedEvent;
}

export function createEventStreamSerde(
  schema: EventStreamSchema,
  documents: DocumentCodec,
): EventStreamSerde {
  const errors = schema.errors ?? {};

  function encodeParts(event: string, shape: EventShape, value: Readonly<Record<string, unknown>>) {
    const headers: Record<string, HeaderValue> = {};
    for (const [member, kind] of Object.entries(shape.headers ?? {})) {
      const memberValue = value[member];
      if (memberValue !== undefined && memberValue !== null)
        headers[member] = toHeader(event, member, kind, memberValue);
    }
    const { payload } = shape;
    if (payload) {
      const memberValue = value[payload.member];
      if (memberValue === undefined || memberValue === null) return { headers };
      if (payload.kind === "blob" || payload.kind === "string") {
        const isText = payload.kind === "string";
        if (
          isText
            ? typeof memberValue !== "string"
            : !isUint8Array(memberValue) && typeof memberValue !== "string"
        ) {
          throw fail(`event '${event}' payload '${payload.member}' must be ${isText ? "a string" : "bytes"}`);
        }
        const body =
          typeof memberValue === "string" ? utf8Encoder.encode(memberValue) : (memberValue as Uint8Array);
        return { headers, body, contentType: isText ? "text/plain" : "application/octet-stream" };
      }
      return {
        headers,
        body: documents.serialize({ event, member: payload.member }, memberValue),
        contentType: documents.contentType,
      };
    }
    const documentMembers = shape.documentMembers ?? [];
    if (documentMembers.length === 0) return { headers };
    const document: Record<string, unknown> = {};
    for (const member of documentMembers) if (value[member] !== undefined) document[member] = value[member];
    return { headers, body: documents.serialize({ event }, document), contentType: documents.contentType };
  }

  function decodeParts(event: string, shape: EventShape, headers: Message["headers"], body: Uint8Array) {
    const value: Record<string, unknown> = {};
    for (const [member, kind] of Object.entries(shape.headers ?? {})) {
      const header = headers[member];
      if (header !== undefined) value[member] = fromHeader(event, member, kind, header);
    }
    const { payload } = shape;
    if (payload) {
      if (body.length === 0 && payload.kind !== "blob" && payload.kind !== "string") return value;
      if (payload.kind === "blob") value[payload.member] = body;
      else if (payload.kind === "string") {
        try {
          value[payload.member] = utf8Decoder.decode(body);
        } catch {
          throw fail(`event '${event}' string payload is not valid UTF-8`);
        }
      } else value[payload.member] = documents.deserialize({ event, member: payload.member }, body);
      return value;
    }
    if ((shape.documentMembers ?? []).length > 0 && body.length > 0) {
      const document = documents.deserialize({ event }, body) as Record<string, unknown>;
      for (const member of shape.documentMembers ?? [])
        if (document[member] !== undefined) value[member] = document[member];
    }
    return value;
  }

  return {
    serialize(union) {
      const members = Object.keys(union).filter((member) => union[member] !== undefined);
      if (members.length !== 1) {
        throw fail(
          `an event must set exactly one union member, got ${members.length} (${members.join(", ")})`,
        );
      }
      const member = members[0] as string;
      const value = union[member] as Readonly<Record<string, unknown>>;
      const error = errors[member];
      if (error) return exceptionMessage(member, encodeParts(member, error, value));
      const shape = schema.events[member];
      if (!shape) throw fail(`'${member}' is not a member of the event stream union`);
      return eventMessage(member, encodeParts(member, shape, value));
    },

    deserialize(message) {
      const read = readEventStreamMessage(message);
      if (read.kind === "error") throw new EventStreamRemoteError(read.errorCode, read.errorMessage);
      if (read.kind === "exception") {
        const shape = errors[read.exceptionType];
        if (!shape) {
          // Not modeled on this side (an older client): surface it whole rather than guess at a type.
          const text = new TextDecoder().decode(read.body);
          throw new EventStreamRemoteError(read.exceptionType, text === "" ? undefined : text);
        }
        return {
          kind: "exception",
          member: read.exceptionType,
          value: decodeParts(read.exceptionType, shape, read.headers, read.body),
        };
      }
      const shape = schema.events[read.eventType];
      if (!shape) return { kind: "unknown", eventType: read.eventType, message };
      return {
        kind: "event",
        member: read.eventType,
        value: decodeParts(read.eventType, shape, read.headers, read.body),
      };
    },
  };
}

/** A DocumentCodec for payloads whose members need no model (plain JSON), for tests and simple events. */
export const plainJsonDocuments: DocumentCodec = {
  contentType: "application/json",
  serialize: (_shape, value) => utf8Encoder.encode(JSON.stringify(value)),
  deserialize: (shape, bytes) => {
    try {
      return JSON.parse(utf8Decoder.decode(bytes));
    } catch {
      throw new EventStreamError("InvalidMessageType", `event '${shape.event}' payload is not valid JSON`);
    }
  },
};
