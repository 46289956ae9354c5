import { describe, expect, it } from "vitest";
import { eventMessage } from "../src/index.js";
import { expectedHeaders, headerFromNode, judgeMessage } from "../src/protocol-tests.js";

const text = (value: string) => new TextEncoder().encode(value);

describe("judgeMessage", () => {
  const message = eventMessage("structurePayload", {
    headers: { flag: { type: "boolean", value: true }, blob: { type: "binary", value: text("foo") } },
    body: text('{"a":1,"b":[1,2]}'),
    contentType: "application/json",
  });

  it("passes a message that meets every expectation, JSON compared structurally", () => {
    expect(
      judgeMessage(
        {
          type: "response",
          headers: {
            ":event-type": { string: "structurePayload" },
            flag: { boolean: true },
            blob: { blob: "Zm9v" },
          },
          requireHeaders: [":content-type"],
          forbidHeaders: ["other"],
          body: '{ "b": [1, 2], "a": 1 }',
          bodyMediaType: "application/json",
        },
        message,
      ),
    ).toEqual([]);
  });

  it("names each difference", () => {
    expect(
      judgeMessage(
        {
          type: "response",
          headers: {
            flag: { boolean: false },
            blob: { blob: "YmFy" },
            missing: { integer: 1 },
            ":event-type": { byte: 1 },
          },
          requireHeaders: ["absent"],
          forbidHeaders: ["flag"],
          body: '{"a":2,"b":[1,2]}',
          bodyMediaType: "application/json",
        },
        message,
      ),
    ).toEqual([
      "header 'flag': expected boolean false, got boolean true",
      "header 'blob': expected binary [98,97,114], got binary [102,111,111]",
      "header 'missing': expected integer 1, got absent",
      "header ':event-type': expected byte 1, got string structurePayload",
      "header 'flag' is forbidden but present",
      "header 'absent' is required but absent",
      'JSON body differs: expected {"a":2,"b":[1,2]}, got {"a":1,"b":[1,2]}',
    ]);
  });

  it("compares other media types byte for byte, and reports a body that is not JSON", () => {
    const plain = eventMessage("stringPayload", { body: text("foo"), contentType: "text/plain" });
    expect(judgeMessage({ type: "request", body: "foo", bodyMediaType: "text/plain" }, plain)).toEqual([]);
    expect(judgeMessage({ type: "request", body: "fo", bodyMediaType: "text/plain" }, plain)).toEqual([
      'body differs: expected "fo", got "foo"',
    ]);
    expect(judgeMessage({ type: "request", body: "{}", bodyMediaType: "application/json" }, plain)).toEqual([
      "body is not JSON: foo",
    ]);
  });
});

describe("headerFromNode", () => {
  it("reads every kind; timestamps as date-time text or epoch seconds; longs exactly", () => {
    expect(
      expectedHeaders({
        type: "request",
        headers: {
          t1: { timestamp: "2024-10-31T14:15:14Z" },
          t2: { timestamp: 1730384114 },
          l: { long: 4294967294 },
          s: { short: 2 },
        },
      }),
    ).toEqual({
      t1: { type: "timestamp", value: new Date("2024-10-31T14:15:14Z") },
      t2: { type: "timestamp", value: new Date("2024-10-31T14:15:14Z") },
      l: { type: "long", value: 4294967294n },
      s: { type: "short", value: 2 },
    });
  });

  it("refuses nodes that are not one EventHeaderValue member", () => {
    expect(() => headerFromNode("h", { float: 1 } as never)).toThrow(/unknown value kind 'float'/);
    expect(() => headerFromNode("h", { string: "a", byte: 1 } as never)).toThrow(
      /exactly one value member, got 2/,
    );
    expect(() => headerFromNode("h", { timestamp: "yesterday" })).toThrow(/'yesterday' is not a date/);
  });
});
