// Event-stream payloads (`application/vnd.amazon.eventstream`): an input member given as an iterable
// of union values goes out as a stream of encoded messages; an output member comes back as an async
// iterable of union values, read message by message from the response body. The generated code
// describes each union as data (EventStreamDescription); framing and the Smithy message layer are
// @seqstore/eventstream's.
import {
  createEventStreamSerde,
  type DocumentCodec,
  decodeMessages,
  EventStreamError,
  type EventStreamSchema,
  type EventStreamSerde,
  encodeMessages,
} from "@seqstore/eventstream";
import type { ServiceException, ServiceExceptionOptions } from "./exceptions.js";
import type { Json } from "./spec.js";

export const EVENT_STREAM_CONTENT_TYPE = "application/vnd.amazon.eventstream";

/** One event-stream union, as the generator describes it. */
export interface EventStreamDescription {
  schema: EventStreamSchema;
  /** Error members of the union -> the error shape's name (the modeled error class). */
  errorNames: Readonly<Record<string, string>>;
  /** Per member: its JSON document (or structure/union payload) from the Smithy value; absent = as it is. */
  write: Readonly<Record<string, (value: never) => unknown>>;
  /** Per member: its Smithy value from the JSON document (or payload); absent = as it is. */
  read: Readonly<Record<string, (value: never) => unknown>>;
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

/** restJson1's document codec for events: the generated converters, then JSON. */
function jsonDocuments(description: EventStreamDescription): DocumentCodec {
  return {
    contentType: "application/json",
    serialize({ event }, value) {
      const convert = description.write[event];
      return utf8.encode(JSON.stringify(convert ? convert(value as never) : value));
    },
    deserialize({ event }, bytes) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(utf8Decoder.decode(bytes));
      } catch {
        throw new EventStreamError("InvalidMessageType", `event '${event}': the payload is not valid JSON`);
      }
      const convert = description.read[event];
      return convert && parsed !== null ? convert(parsed as never) : parsed;
    },
  };
}

const serdes = new WeakMap<EventStreamDescription, EventStreamSerde>();

/** The serde of a description (made once per description). */
export function eventStreamSerde(description: EventStreamDescription): EventStreamSerde {
  let serde = serdes.get(description);
  if (!serde) {
    serde = createEventStreamSerde(description.schema, jsonDocuments(description));
    serdes.set(description, serde);
  }
  return serde;
}

/** An input event stream as a request body: one message per union value, pulled as the body is sent. */
export function eventStreamBody(
  events: AsyncIterable<Json> | Iterable<Json>,
  description: EventStreamDescription,
): ReadableStream<Uint8Array> {
  if (
    events === null ||
    typeof events !== "object" ||
    !(Symbol.asyncIterator in events || Symbol.iterator in events)
  ) {
    throw new TypeError("an event stream input must be an iterable or async iterable of union values");
  }
  const serde = eventStreamSerde(description);
  async function* messages() {
    for await (const event of events) yield serde.serialize(event);
  }
  return encodeMessages(messages());
}

/** What a call's context lends a stream to turn error events into exceptions. */
export interface StreamErrorContext {
  errors: Readonly<Record<string, new (init: { message: string; $metadata: object }) => ServiceException>>;
  unmodeledError: (options: ServiceExceptionOptions) => ServiceException;
}

/**
 * An output event stream: iterate it once with `for await`; each item is a union value with one
 * member set. A modeled error event is thrown as its error class, an unmodeled `error` message as an
 * EventStreamRemoteError, bad framing as an EventStreamError. Events of types this client does not
 * know are skipped (a newer service may add them).
 */
export class EventStreamOutput<Event = Json> implements AsyncIterable<Event> {
  #body: ReadableStream<Uint8Array> | undefined;
  #context: StreamErrorContext | undefined;
  readonly #description: EventStreamDescription;

  constructor(body: ReadableStream<Uint8Array> | undefined, description: EventStreamDescription) {
    this.#body = body;
    this.#description = description;
  }

  /** Called by the send path with the service's error classes. */
  bindErrors(context: StreamErrorContext): void {
    this.#context = context;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Event> {
    const body = this.#body;
    if (body === undefined) throw new TypeError("the event stream was already consumed");
    this.#body = undefined;
    const serde = eventStreamSerde(this.#description);
    for await (const message of decodeMessages(body)) {
      const decoded = serde.deserialize(message);
      if (decoded.kind === "unknown") continue;
      if (decoded.kind === "event") {
        yield { [decoded.member]: decoded.value } as Event;
        continue;
      }
      throw this.#exception(decoded.member, decoded.value);
    }
  }

  #exception(member: string, value: Json): ServiceException {
    const name = this.#description.errorNames[member] ?? member;
    const message =
      typeof value.message === "string"
        ? value.message
        : typeof value.Message === "string"
          ? value.Message
          : "UnknownError";
    const context = this.#context;
    const Modeled = context && Object.hasOwn(context.errors, name) ? context.errors[name] : undefined;
    if (Modeled) return new Modeled({ ...value, message, $metadata: {} });
    const options: ServiceExceptionOptions = { name, $fault: "client", message };
    if (context) return context.unmodeledError(options);
    return Object.assign(new Error(message), {
      name,
      $fault: "client",
      ...value,
    }) as unknown as ServiceException;
  }
}

/** A response body as an output event stream (an absent body reads as a stream of no events). */
export function eventStreamOutput(
  body: ReadableStream<Uint8Array> | null | undefined,
  description: EventStreamDescription,
): EventStreamOutput {
  return new EventStreamOutput(body ?? new ReadableStream({ start: (c) => c.close() }), description);
}

/**
 * An event-stream response's initial members, refused when a @required one is absent: the events
 * that follow belong to a response the model says cannot exist.
 */
export function requireMembers(output: Json, required: readonly string[]): Json {
  for (const member of required) {
    if (output[member] === undefined) {
      throw new EventStreamError(
        "InvalidMessageType",
        `the initial response lacks the required member '${member}'`,
      );
    }
  }
  return output;
}
