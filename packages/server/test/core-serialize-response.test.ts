import { describe, expect, it } from "vitest";
import type { MemberBinding, OperationSpec, OperationTable, WireType } from "../src/core/operation-table.js";
import { serializeOutput } from "../src/core/serialize-response.js";
import { TextResponse } from "../src/core/text-response.js";

const structures: OperationTable["structures"] = {
  Inner: {
    members: [
      { member: "label", jsonName: "Label", type: { kind: "string" }, required: false },
      { member: "count", jsonName: "count", type: { kind: "number" }, required: false },
    ],
  },
};

const body = (member: string, type: WireType, wireName = member): MemberBinding => ({
  member,
  location: "body",
  wireName,
  type,
  required: false,
});

const operation = (output: MemberBinding[]): OperationSpec => ({
  name: "Op",
  handlerName: "op",
  method: "POST",
  uri: "/op",
  code: 200,
  input: [],
  output,
  errors: [],
});

const members = [
  body("text", { kind: "string" }),
  body("flag", { kind: "boolean" }),
  body("amount", { kind: "number" }),
  body("at", { kind: "timestamp", format: "date-time" }),
  body("inner", { kind: "structure", shape: "Inner" }),
  body("items", { kind: "list", member: { kind: "string" } }),
  body("doc", { kind: "document" }),
  body("renamed", { kind: "string" }, "Renamed"),
];

const text = (response: { body: Buffer }) => response.body.toString("utf8");

describe("serializeOutput writes the body as JSON.stringify would", () => {
  it.each([
    ["plain values", { text: "abc", flag: true, amount: 1.5 }, '{"text":"abc","flag":true,"amount":1.5}'],
    ["no members", {}, "{}"],
    ["null and undefined members are left out", { text: null, flag: undefined, amount: 0 }, '{"amount":0}'],
    [
      "quote, backslash and control characters",
      { text: 'a"b\\c\n\u0001' },
      '{"text":"a\\"b\\\\c\\n\\u0001"}',
    ],
    ["a surrogate pair stays as it is", { text: "x😀" }, '{"text":"x😀"}'],
    ["a lone surrogate is escaped", { text: "x\ud800" }, '{"text":"x\\ud800"}'],
    ["non-ASCII letters", { text: "配列é" }, '{"text":"配列é"}'],
    ["NaN, which JSON has no number for", { amount: Number.NaN }, '{"amount":"NaN"}'],
    ["-Infinity", { amount: Number.NEGATIVE_INFINITY }, '{"amount":"-Infinity"}'],
    ["a timestamp", { at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)) }, '{"at":"2024-01-02T03:04:05.006Z"}'],
    ["a structure by JSON names", { inner: { label: "l", count: 2 } }, '{"inner":{"Label":"l","count":2}}'],
    ["a list", { items: ["a", "b"] }, '{"items":["a","b"]}'],
    ["a document", { doc: { z: [1, { y: null }] } }, '{"doc":{"z":[1,{"y":null}]}}'],
    ["a value with no JSON form is left out", { doc: () => 1, text: "t" }, '{"text":"t"}'],
    ["the wire name, in binding order", { renamed: "r", text: "t" }, '{"text":"t","Renamed":"r"}'],
    ["a string member given a number", { text: 5 }, '{"text":5}'],
  ] as const)("%s", (_name, output, expected) => {
    const response = serializeOutput(operation(members), structures, output);
    expect(text(response)).toBe(expected);
    expect(JSON.parse(text(response))).toEqual(JSON.parse(expected));
  });

  it("puts index-like wire names first, as JSON.stringify orders them", () => {
    const op = operation([body("b", { kind: "string" }), body("one", { kind: "string" }, "1")]);
    expect(text(serializeOutput(op, structures, { b: "x", one: "y" }))).toBe('{"1":"y","b":"x"}');
  });
});

describe("TextResponse", () => {
  it("encodes the text as UTF-8 on first read of body, and keeps the text", () => {
    const response = new TextResponse(200, {}, '{"n":"é"}');
    expect(response.body).toEqual(Buffer.from('{"n":"é"}', "utf8"));
    expect(response.bodyText).toBe('{"n":"é"}');
  });

  it("drops the text once body is replaced", () => {
    const response = new TextResponse(200, {}, "{}");
    response.body = Buffer.from('{"a":1}');
    expect(response.bodyText).toBeUndefined();
    expect(response.body.toString()).toBe('{"a":1}');
  });
});
