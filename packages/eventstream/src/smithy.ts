// The Smithy event-stream layer over the framing, as far as it needs no model: which kind of
// message this is (`:message-type`), which event or exception it carries, and the unmodeled
// `error` messages. Mapping an event to a union member and its @eventHeader / @eventPayload
// members is the generated code's part (it knows the union).
import { EventStreamError } from "./errors.js";
import { type HeaderValue, type MessageHeaders, setHeader } from "./headers.js";
import type { Message } from "./message.js";

export const MESSAGE_TYPE = ":message-type";
export const EVENT_TYPE = ":event-type";
export const EXCEPTION_TYPE = ":exception-type";
export const ERROR_CODE = ":error-code";
export const ERROR_MESSAGE = ":error-message";
export const CONTENT_TYPE = ":content-type";
/** `:event-type` of the first message of an RPC protocol's stream, carrying the non-stream input members. */
export const INITIAL_REQUEST = "initial-request";
/** `:event-type` of the first message of an RPC protocol's response stream, carrying the output members. */
export const INITIAL_RESPONSE = "initial-response";
/** HTTP `Content-Type` of an event-stream body. */
export const EVENT_STREAM_CONTENT_TYPE = "application/vnd.amazon.eventstream";

/** A message read as a Smithy event stream sees it. */
export type EventStreamMessage =
  /** A union member (`eventType` is the member name), or an initial request/response. */
  | {
      readonly kind: "event";
      readonly eventType: string;
      readonly contentType: string | undefined;
      /** The headers that are not `:`-prefixed protocol headers: the event's @eventHeader members. */
      readonly headers: MessageHeaders;
      readonly body: Uint8Array;
    }
  /** A modeled error: `exceptionType` names the union member that targets the error structure. */
  | {
      readonly kind: "exception";
      readonly exceptionType: string;
      readonly contentType: string | undefined;
      readonly headers: MessageHeaders;
      readonly body: Uint8Array;
    }
  /** An unmodeled error from the other side; it ends the stream. */
  | { readonly kind: "error"; readonly errorCode: string; readonly errorMessage: string | undefined };

function stringHeader(
  message: Message,
  name: string,
  required: boolean,
  context: string,
): string | undefined {
  const header = message.headers[name];
  if (header === undefined) {
    if (required) throw new EventStreamError("InvalidMessageType", `${context} has no '${name}' header`);
    return undefined;
  }
  if (header.type !== "string") {
    throw new EventStreamError(
      "InvalidMessageType",
      `${context} has a '${name}' header of type ${header.type}; it must be a string`,
    );
  }
  return header.value;
}

function memberHeaders(headers: MessageHeaders): MessageHeaders {
  const members: Record<string, HeaderValue> = {};
  for (const name in headers)
    if (!name.startsWith(":")) setHeader(members, name, headers[name] as HeaderValue);
  return members;
}

/**
 * Reads the Smithy protocol headers of a message. Throws EventStreamError (InvalidMessageType)
 * when `:message-type` is missing, not a string or unknown, or when the header its type requires
 * (`:event-type`, `:exception-type`, `:error-code`) is missing or not a string: both clients and
 * servers must reject such messages.
 */
export function readEventStreamMessage(message: Message): EventStreamMessage {
  const messageType = stringHeader(message, MESSAGE_TYPE, true, "an event-stream message");
  switch (messageType) {
    case "event":
      return {
        kind: "event",
        eventType: stringHeader(message, EVENT_TYPE, true, "an event message") as string,
        contentType: stringHeader(message, CONTENT_TYPE, false, "an event message"),
        headers: memberHeaders(message.headers),
        body: message.body,
      };
    case "exception":
      return {
        kind: "exception",
        exceptionType: stringHeader(message, EXCEPTION_TYPE, true, "an exception message") as string,
        contentType: stringHeader(message, CONTENT_TYPE, false, "an exception message"),
        headers: memberHeaders(message.headers),
        body: message.body,
      };
    case "error":
      return {
        kind: "error",
        errorCode: stringHeader(message, ERROR_CODE, true, "an error message") as string,
        errorMessage: stringHeader(message, ERROR_MESSAGE, false, "an error message"),
      };
    default:
      throw new EventStreamError(
        "InvalidMessageType",
        `unknown ':message-type' '${messageType}'; expected event, exception or error`,
      );
  }
}

const EMPTY = new Uint8Array(0);

export interface EventParts {
  /** The event's @eventHeader members, already typed. */
  readonly headers?: MessageHeaders;
  readonly body?: Uint8Array;
  /** `:content-type`; omitted when the event has no payload. */
  readonly contentType?: string;
}

function withProtocolHeaders(protocol: Record<string, string>, parts: EventParts): MessageHeaders {
  const headers: Record<string, HeaderValue> = {};
  for (const [name, value] of Object.entries(protocol)) headers[name] = { type: "string", value };
  if (parts.contentType !== undefined) headers[CONTENT_TYPE] = { type: "string", value: parts.contentType };
  for (const name in parts.headers) {
    if (name.startsWith(":")) {
      throw new EventStreamError(
        "InvalidHeader",
        `event member header '${name}' may not start with ':' (reserved)`,
      );
    }
    setHeader(headers, name, parts.headers[name] as HeaderValue);
  }
  return headers;
}

/** An `event` message for union member `eventType` (or `initial-request` / `initial-response`). */
export function eventMessage(eventType: string, parts: EventParts = {}): Message {
  return {
    headers: withProtocolHeaders({ [MESSAGE_TYPE]: "event", [EVENT_TYPE]: eventType }, parts),
    body: parts.body ?? EMPTY,
  };
}

/** An `exception` message for the union member `exceptionType` that targets a modeled error. */
export function exceptionMessage(exceptionType: string, parts: EventParts = {}): Message {
  return {
    headers: withProtocolHeaders({ [MESSAGE_TYPE]: "exception", [EXCEPTION_TYPE]: exceptionType }, parts),
    body: parts.body ?? EMPTY,
  };
}

/** An unmodeled `error` message (for failures the union does not model); it ends the stream. */
export function errorMessage(errorCode: string, errorMessageText?: string): Message {
  const headers: Record<string, HeaderValue> = {
    [MESSAGE_TYPE]: { type: "string", value: "error" },
    [ERROR_CODE]: { type: "string", value: errorCode },
  };
  if (errorMessageText !== undefined) headers[ERROR_MESSAGE] = { type: "string", value: errorMessageText };
  return { headers, body: EMPTY };
}

/** What a client or server throws when the other side sends an unmodeled `error` message. */
export class EventStreamRemoteError extends Error {
  override readonly name = "EventStreamRemoteError";
  constructor(
    readonly errorCode: string,
    readonly errorMessage: string | undefined,
  ) {
    super(errorMessage === undefined ? errorCode : `${errorCode}: ${errorMessage}`);
  }
}
