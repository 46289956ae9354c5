import { describe, expect, it } from "vitest";
import {
  createEventStreamSerde,
  type EventStreamSchema,
  errorMessage,
  eventMessage,
  exceptionMessage,
  plainJsonDocuments,
} from "../src/index.js";

const text = (value: string) => new TextEncoder().encode(value);

const schema: EventStreamSchema = {
  events: {
    part: {
      headers: { number: "integer", id: "long", digest: "blob", at: "timestamp" },
      payload: { member: "data", kind: "blob" },
    },
    note: { payload: { member: "text", kind: "string" } },
    progress: { headers: { stage: "string" }, documentMembers: ["done", "total"] },
    detail: { payload: { member: "info", kind: "structure" } },
  },
  errors: { failed: { documentMembers: ["message"] } },
};
const serde = createEventStreamSerde(schema, plainJsonDocuments);

describe("createEventStreamSerde", () => {
  it("round-trips each kind of event", () => {
    const at = new Date("2026-01-02T03:04:05.678Z");
    const values = [
      { part: { number: 3, id: 2 ** 40, digest: text("abc"), at, data: text("bytes") } },
      { note: { text: "héllo" } },
      { progress: { stage: "upload", done: 3, total: 10 } },
      { detail: { info: { a: [1, 2] } } },
    ];
    for (const value of values) {
      const [member, fields] = Object.entries(value)[0] as [string, Record<string, unknown>];
      expect(serde.deserialize(serde.serialize(value))).toEqual({ kind: "event", member, value: fields });
    }
    expect(serde.serialize({ note: { text: "x" } }).headers[":content-type"]).toEqual({
      type: "string",
      value: "text/plain",
    });
    expect(serde.serialize({ part: { data: text("x") } }).headers[":content-type"]).toEqual({
      type: "string",
      value: "application/octet-stream",
    });
  });

  it("leaves out absent members, and sends no payload or content type for an event without one", () => {
    const message = serde.serialize({ progress: { stage: "start" } });
    expect(Object.keys(message.headers)).toEqual([":message-type", ":event-type", ":content-type", "stage"]);
    expect(new TextDecoder().decode(message.body)).toBe("{}");
    const bare = serde.serialize({ detail: {} });
    expect(bare.headers[":content-type"]).toBeUndefined();
    expect(bare.body.length).toBe(0);
    expect(serde.deserialize(bare)).toEqual({ kind: "event", member: "detail", value: {} });
  });

  it("sends and reads a modeled error as an exception message", () => {
    const message = serde.serialize({ failed: { message: "disk full" } });
    expect(message.headers[":message-type"]).toEqual({ type: "string", value: "exception" });
    expect(serde.deserialize(message)).toEqual({
      kind: "exception",
      member: "failed",
      value: { message: "disk full" },
    });
  });

  it("keeps an event type it does not know instead of guessing", () => {
    const message = eventMessage("newer", { body: text("{}"), contentType: "application/json" });
    expect(serde.deserialize(message)).toEqual({ kind: "unknown", eventType: "newer", message });
  });

  it("throws EventStreamRemoteError for an error message and for an exception it does not model", () => {
    expect(() => serde.deserialize(errorMessage("ThrottlingException", "slow down"))).toThrow(
      expect.objectContaining({
        name: "EventStreamRemoteError",
        errorCode: "ThrottlingException",
        errorMessage: "slow down",
      }),
    );
    expect(() =>
      serde.deserialize(
        exceptionMessage("other", { body: text('{"message":"m"}'), contentType: "application/json" }),
      ),
    ).toThrow(
      expect.objectContaining({
        name: "EventStreamRemoteError",
        errorCode: "other",
        errorMessage: '{"message":"m"}',
      }),
    );
  });

  it.each<[string, () => unknown, RegExp]>([
    [
      "two members set",
      () => serde.serialize({ note: { text: "a" }, progress: {} }),
      /exactly one union member, got 2 \(note, progress\)/,
    ],
    ["no member set", () => serde.serialize({}), /exactly one union member, got 0/],
    [
      "a member the union lacks",
      () => serde.serialize({ other: {} }),
      /'other' is not a member of the event stream union/,
    ],
    [
      "a timestamp header that is not a Date",
      () => serde.serialize({ part: { at: "2026-01-01" } }),
      /member 'at' \(timestamp\) cannot be sent as a header: got string/,
    ],
    ["a long that is not an integer", () => serde.serialize({ part: { id: 1.5 } }), /member 'id' \(long\)/],
    [
      "a string payload that is not a string",
      () => serde.serialize({ note: { text: 5 } }),
      /payload 'text' must be a string/,
    ],
    [
      "a header of another type than modeled",
      () => serde.deserialize(eventMessage("part", { headers: { number: { type: "string", value: "3" } } })),
      /event 'part' header 'number' arrived as string; the model declares integer/,
    ],
    [
      "a JSON payload that does not parse",
      () =>
        serde.deserialize(eventMessage("detail", { body: text("{nope"), contentType: "application/json" })),
      /event 'detail' payload is not valid JSON/,
    ],
    [
      "a string payload that is not UTF-8",
      () =>
        serde.deserialize(eventMessage("note", { body: Uint8Array.from([0xff]), contentType: "text/plain" })),
      /string payload is not valid UTF-8/,
    ],
  ])("refuses %s", (_name, run, message) => {
    expect(run).toThrow(message);
  });
});
