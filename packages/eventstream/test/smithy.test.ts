import { describe, expect, it } from "vitest";
import {
  decodeMessage,
  EventStreamRemoteError,
  encodeMessage,
  errorMessage,
  eventMessage,
  exceptionMessage,
  INITIAL_REQUEST,
  type Message,
  readEventStreamMessage,
} from "../src/index.js";

const text = (value: string) => new TextEncoder().encode(value);
const str = (value: string) => ({ type: "string", value }) as const;

describe("readEventStreamMessage", () => {
  it("reads an event: its type, content type, member headers and payload", () => {
    const message = eventMessage("headersAndExplicitPayload", {
      headers: { header: str("foo"), flag: { type: "boolean", value: true } },
      body: text('{"structureMember":"bar"}'),
      contentType: "application/json",
    });
    expect(Object.keys(message.headers)).toEqual([
      ":message-type",
      ":event-type",
      ":content-type",
      "header",
      "flag",
    ]);
    expect(readEventStreamMessage(decodeMessage(encodeMessage(message)))).toEqual({
      kind: "event",
      eventType: "headersAndExplicitPayload",
      contentType: "application/json",
      headers: { header: str("foo"), flag: { type: "boolean", value: true } },
      body: text('{"structureMember":"bar"}'),
    });
  });

  it("keeps a member header named __proto__ as a header", () => {
    const headers = JSON.parse('{"__proto__": {"type": "string", "value": "x"}}');
    const read = readEventStreamMessage(decodeMessage(encodeMessage(eventMessage("e", { headers }))));
    expect(read.kind === "event" && Object.keys(read.headers)).toEqual(["__proto__"]);
    expect(read.kind === "event" && Object.getPrototypeOf(read.headers)).toBe(Object.prototype);
  });

  it("reads an event without payload and an initial request", () => {
    expect(readEventStreamMessage(eventMessage("headers"))).toMatchObject({
      kind: "event",
      contentType: undefined,
      body: new Uint8Array(0),
    });
    expect(
      readEventStreamMessage(
        eventMessage(INITIAL_REQUEST, { body: text("{}"), contentType: "application/json" }),
      ),
    ).toMatchObject({
      kind: "event",
      eventType: "initial-request",
    });
  });

  it("reads a modeled exception and an unmodeled error", () => {
    expect(
      readEventStreamMessage(
        exceptionMessage("error", { body: text('{"message":"foo"}'), contentType: "application/json" }),
      ),
    ).toEqual({
      kind: "exception",
      exceptionType: "error",
      contentType: "application/json",
      headers: {},
      body: text('{"message":"foo"}'),
    });
    expect(readEventStreamMessage(errorMessage("internal-error", "An unknown error occurred."))).toEqual({
      kind: "error",
      errorCode: "internal-error",
      errorMessage: "An unknown error occurred.",
    });
    expect(readEventStreamMessage(errorMessage("throttled"))).toEqual({
      kind: "error",
      errorCode: "throttled",
      errorMessage: undefined,
    });
  });

  it.each<[string, Message["headers"], RegExp]>([
    ["no :message-type", { ":event-type": str("x") }, /has no ':message-type' header/],
    [
      "a :message-type that is not a string",
      { ":message-type": { type: "binary", value: text("event") } },
      /':message-type' header of type binary; it must be a string/,
    ],
    ["an unknown :message-type", { ":message-type": str("evnt") }, /unknown ':message-type' 'evnt'/],
    [
      "an event without :event-type",
      { ":message-type": str("event") },
      /an event message has no ':event-type'/,
    ],
    [
      "an event with a binary :event-type",
      { ":message-type": str("event"), ":event-type": { type: "binary", value: text("x") } },
      /':event-type' header of type binary/,
    ],
    [
      "an exception without :exception-type",
      { ":message-type": str("exception") },
      /an exception message has no ':exception-type'/,
    ],
    [
      "an error without :error-code",
      { ":message-type": str("error") },
      /an error message has no ':error-code'/,
    ],
    [
      "a non-string :content-type",
      {
        ":message-type": str("event"),
        ":event-type": str("x"),
        ":content-type": { type: "integer", value: 1 },
      },
      /':content-type' header of type integer/,
    ],
  ])("refuses %s", (_name, headers, message) => {
    expect(() => readEventStreamMessage({ headers, body: new Uint8Array(0) })).toThrow(message);
    try {
      readEventStreamMessage({ headers, body: new Uint8Array(0) });
    } catch (error) {
      expect(error).toMatchObject({ name: "EventStreamError", code: "InvalidMessageType" });
    }
  });
});

describe("message builders", () => {
  it("refuse member headers that would pose as protocol headers", () => {
    expect(() => eventMessage("x", { headers: { ":event-type": str("y") } })).toThrow(
      /may not start with ':'/,
    );
  });

  it("an error message carries no payload, and the remote error names its code", () => {
    expect(errorMessage("code", "text").body.length).toBe(0);
    const error = new EventStreamRemoteError("internal-error", "An unknown error occurred.");
    expect(error.message).toBe("internal-error: An unknown error occurred.");
    expect(error.name).toBe("EventStreamRemoteError");
    expect(new EventStreamRemoteError("x", undefined).message).toBe("x");
  });
});
