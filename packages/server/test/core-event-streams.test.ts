// The server core's event-stream payloads, without sockets: a request body of messages as the
// handler's async iterable, and a handler's iterable as the response body, errors included.
import {
  decodeMessages,
  encodeMessages,
  EventStreamError,
  exceptionMessage,
  readEventStreamMessage,
} from "@seqstore/eventstream";
import { describe, expect, it } from "vitest";
import { EventStreamException, eventStreamBody, eventStreamInput } from "../src/core/event-streams.js";
import type { EventStreamWire, Structures } from "../src/core/operation-table.js";
import { ServiceError } from "../src/core/service-error.js";

const structures: Structures = {
  Tick: {
    members: [
      { member: "seq", jsonName: "seq", type: { kind: "number", integer: "long" }, required: false },
      { member: "at", jsonName: "at", type: { kind: "timestamp", format: "epoch-seconds" }, required: false },
    ],
  },
  Oops: { members: [{ member: "message", jsonName: "message", type: { kind: "string" }, required: false }] },
};
const wire: EventStreamWire = {
  events: { tick: { shape: "Tick", headers: { seq: "long" }, documentMembers: ["at"] } },
  errors: { oops: { shape: "Oops", headers: {}, documentMembers: ["message"] } },
};

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const read = async (body: ReadableStream<Uint8Array>) =>
  (await collect(decodeMessages(body))).map((message) => readEventStreamMessage(message));

describe("server event streams", () => {
  it("reads a request body as union values, timestamps through the JSON codec", async () => {
    const body = eventStreamBody([{ tick: { seq: 7, at: new Date(1_000_000) } }], wire, structures, () => {});
    expect(await collect(eventStreamInput(body, wire, structures))).toEqual([
      { tick: { seq: 7, at: new Date(1_000_000) } },
    ]);
  });

  it("throws the client's modeled error event as an EventStreamException named by its shape", async () => {
    const body = encodeMessages([
      exceptionMessage("oops", { body: new TextEncoder().encode('{"message":"no"}') }),
    ]);
    const failure = await collect(eventStreamInput(body, wire, structures)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EventStreamException);
    expect(failure).toMatchObject({ name: "Oops", message: "no" });
  });

  it("refuses unknown event types and documents that do not fit the model", async () => {
    const unknown = encodeMessages([
      {
        headers: {
          ":message-type": { type: "string", value: "event" },
          ":event-type": { type: "string", value: "later" },
        },
        body: new Uint8Array(),
      },
    ]);
    await expect(collect(eventStreamInput(unknown, wire, structures))).rejects.toThrow(
      /unknown event type 'later'/,
    );
    const wrong = encodeMessages([
      {
        headers: {
          ":message-type": { type: "string", value: "event" },
          ":event-type": { type: "string", value: "tick" },
        },
        body: new TextEncoder().encode('{"at":"yesterday"}'),
      },
    ]);
    await expect(collect(eventStreamInput(wrong, wire, structures))).rejects.toBeInstanceOf(EventStreamError);
  });

  it("ends a handler's stream with its modeled error as an exception message", async () => {
    async function* events() {
      yield { tick: { seq: 1 } };
      throw Object.assign(
        new ServiceError({ name: "Oops", $fault: "client", httpStatus: 400, message: "late" }),
      );
    }
    const reported: unknown[] = [];
    const messages = await read(eventStreamBody(events(), wire, structures, (error) => reported.push(error)));
    expect(messages).toMatchObject([
      { kind: "event", eventType: "tick" },
      { kind: "exception", exceptionType: "oops" },
    ]);
    expect(JSON.parse(new TextDecoder().decode((messages[1] as { body: Uint8Array }).body))).toEqual({
      message: "late",
    });
    expect(reported).toEqual([]);
  });

  it("ends it with an InternalFailure error message for anything else, and reports it", async () => {
    async function* events() {
      yield { tick: { seq: 1 } };
      throw new Error("database gone");
    }
    const reported: unknown[] = [];
    const messages = await read(eventStreamBody(events(), wire, structures, (error) => reported.push(error)));
    expect(messages).toMatchObject([{ kind: "event" }, { kind: "error", errorCode: "InternalFailure" }]);
    expect(JSON.stringify(messages[1])).not.toContain("database");
    expect(reported).toHaveLength(1);
  });

  it("refuses an output that is not iterable", () => {
    expect(() => eventStreamBody({}, wire, structures, () => {})).toThrow(TypeError);
  });
});
