// Event-stream payloads (`application/vnd.amazon.eventstream`) on the server: an input event stream
// reaches the handler as an async iterable of union values decoded from the request body as it
// arrives; an output event stream (any iterable or async iterable the handler returns) goes out as
// encoded messages, pulled as the connection drains. Framing and the Smithy message layer are
// @seqstore/eventstream's; event documents go through the shared JSON codec.
import {
  createEventStreamSerde,
  type DocumentCodec,
  decodeMessages,
  EventStreamError,
  type EventStreamSerde,
  encodeMessages,
  errorMessage,
  type Message,
} from "@seqstore/eventstream";
import { type CodecFailure, readJson, writeJson } from "@seqstore/protocol";
import type { EventStreamWire, Structures, WireType } from "./operation-table.js";
import { isServiceError } from "./service-error.js";

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

/** A modeled error event the client sent inside an input stream: `name` is the error shape's name. */
export class EventStreamException extends Error {
  override readonly name: string;

  constructor(name: string, members: Record<string, unknown>) {
    super(typeof members.message === "string" ? members.message : name);
    Object.assign(this, members);
    this.name = name;
  }
}

/** The wire type of an event's document: its structure, or the type of its explicit payload member. */
function documentType(
  wire: EventStreamWire,
  structures: Structures,
  event: string,
  member: string | undefined,
): WireType {
  const shape = wire.events[event] ?? wire.errors[event];
  if (!shape)
    throw new EventStreamError("InvalidMessageType", `'${event}' is not a member of the event stream`);
  if (member === undefined) return { kind: "structure", shape: shape.shape };
  const found = structures[shape.shape]?.members.find((m) => m.member === member);
  if (!found) throw new EventStreamError("InvalidMessageType", `event '${event}' has no member '${member}'`);
  return found.type;
}

function jsonDocuments(wire: EventStreamWire, structures: Structures): DocumentCodec {
  return {
    contentType: "application/json",
    serialize({ event, member }, value) {
      const type = documentType(wire, structures, event, member);
      return utf8.encode(JSON.stringify(writeJson(value, type, structures) ?? {}));
    },
    deserialize({ event, member }, bytes) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(utf8Decoder.decode(bytes));
      } catch {
        throw new EventStreamError("InvalidMessageType", `event '${event}': the payload is not valid JSON`);
      }
      const failures: CodecFailure[] = [];
      const value = readJson(parsed, documentType(wire, structures, event, member), structures, "", failures);
      if (failures.length > 0) {
        const list = failures.map((failure) => `${failure.path || "/"}: ${failure.message}`).join("; ");
        throw new EventStreamError("InvalidMessageType", `event '${event}': ${list}`);
      }
      return value ?? {};
    },
  };
}

const serdes = new WeakMap<EventStreamWire, EventStreamSerde>();

function serdeOf(wire: EventStreamWire, structures: Structures): EventStreamSerde {
  let serde = serdes.get(wire);
  if (!serde) {
    serde = createEventStreamSerde(wire, jsonDocuments(wire, structures));
    serdes.set(wire, serde);
  }
  return serde;
}

/**
 * The request body of an input event stream as union values, one per message, read only as fast as
 * the handler iterates. A modeled error event throws an EventStreamException, an `error` message an
 * EventStreamRemoteError, bad framing or an unknown event type an EventStreamError.
 */
export function eventStreamInput(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  wire: EventStreamWire,
  structures: Structures,
): AsyncIterable<Record<string, unknown>> {
  const serde = serdeOf(wire, structures);
  return (async function* () {
    for await (const message of decodeMessages(body)) {
      const decoded = serde.deserialize(message);
      if (decoded.kind === "event") yield { [decoded.member]: decoded.value };
      else if (decoded.kind === "exception") {
        const shape = wire.errors[decoded.member];
        throw new EventStreamException(shape?.shape ?? decoded.member, decoded.value);
      } else {
        throw new EventStreamError("InvalidMessageType", `unknown event type '${decoded.eventType}'`);
      }
    }
  })();
}

/**
 * A handler's output event stream as the response body. When the handler's iterable throws, a
 * modeled error of the union goes out as its exception message, anything else (reported) as an
 * `InternalFailure` error message; the stream ends there either way.
 */
export function eventStreamBody(
  events: unknown,
  wire: EventStreamWire,
  structures: Structures,
  report: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  if (
    events === null ||
    typeof events !== "object" ||
    !(Symbol.asyncIterator in events || Symbol.iterator in events)
  ) {
    throw new TypeError("an output event stream must be an iterable or async iterable of union values");
  }
  const serde = serdeOf(wire, structures);
  const source = events as AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>;
  async function* messages(): AsyncGenerator<Message> {
    try {
      for await (const event of source) yield serde.serialize(event);
    } catch (error) {
      const name = isServiceError(error) || error instanceof EventStreamException ? error.name : undefined;
      const member = Object.keys(wire.errors).find((key) => wire.errors[key]?.shape === name);
      if (member) {
        yield serde.serialize({ [member]: { ...(error as object), message: (error as Error).message } });
        return;
      }
      report(error);
      yield errorMessage("InternalFailure", "An internal error occurred while streaming events.");
    }
  }
  return encodeMessages(messages());
}
