import { describe, expect, it } from "vitest";
import { readJson, writeJson } from "../src/json-values.js";
import type { CodecFailure, ReadOptions, Structures, WireType } from "../src/service.js";

const structures: Structures = {
  Item: {
    members: [
      { member: "name", jsonName: "Name", type: { kind: "string" }, required: true },
      {
        member: "count",
        jsonName: "count",
        type: { kind: "number", integer: "integer" },
        required: false,
        default: 0,
      },
      {
        member: "when",
        jsonName: "when",
        type: { kind: "timestamp", format: "epoch-seconds" },
        required: false,
      },
      { member: "next", jsonName: "next", type: { kind: "structure", shape: "Item" }, required: false },
    ],
  },
  Choice: {
    members: [
      { member: "a", jsonName: "a", type: { kind: "string" }, required: false },
      { member: "b", jsonName: "b", type: { kind: "number", integer: "byte" }, required: false },
    ],
  },
};

function read(
  value: unknown,
  type: WireType,
  options?: ReadOptions,
): { value: unknown; failures: CodecFailure[] } {
  const failures: CodecFailure[] = [];
  return { value: readJson(value, type, structures, "", failures, options), failures };
}

describe("readJson", () => {
  const ok: [string, unknown, WireType, unknown][] = [
    ["string", "x", { kind: "string" }, "x"],
    ["integer", 5, { kind: "number", integer: "integer" }, 5],
    ["float NaN", "NaN", { kind: "number" }, Number.NaN],
    ["float Infinity", "Infinity", { kind: "number" }, Number.POSITIVE_INFINITY],
    ["blob", "YmxvYg==", { kind: "blob" }, new TextEncoder().encode("blob")],
    ["epoch", 1398796238, { kind: "timestamp", format: "epoch-seconds" }, new Date(1398796238000)],
    ["document", { any: [1] }, { kind: "document" }, { any: [1] }],
    ["sparse list", ["a", null], { kind: "list", member: { kind: "string" }, sparse: true }, ["a", null]],
    ["sparse map", { a: null }, { kind: "map", value: { kind: "string" }, sparse: true }, { a: null }],
    ["jsonName + default", { Name: "n" }, { kind: "structure", shape: "Item" }, { name: "n", count: 0 }],
    [
      "nested",
      { Name: "n", next: { Name: "m", count: 2 } },
      { kind: "structure", shape: "Item" },
      { name: "n", count: 0, next: { name: "m", count: 2 } },
    ],
    ["union", { a: "x" }, { kind: "union", shape: "Choice" }, { a: "x" }],
  ];
  it.each(ok)("%s", (_, value, type, expected) => {
    const result = read(value, type);
    expect(result.failures).toEqual([]);
    expect(result.value).toEqual(expected);
  });

  const bad: [string, unknown, WireType, string][] = [
    ["string from number", 1, { kind: "string" }, ""],
    ["integer from string", "123", { kind: "number", integer: "integer" }, ""],
    ["integer from float", 1.001, { kind: "number", integer: "integer" }, ""],
    ["integer overflow", 2147483648, { kind: "number", integer: "integer" }, ""],
    ["byte overflow", 128, { kind: "number", integer: "byte" }, ""],
    ["long overflow", 184467440737095500000, { kind: "number", integer: "long" }, ""],
    ["float from other string", "1.5", { kind: "number" }, ""],
    ["boolean from string", "true", { kind: "boolean" }, ""],
    ["blob not base64", "xyz", { kind: "blob" }, ""],
    ["blob as array", [98, 108], { kind: "blob" }, ""],
    ["stringified epoch", "1515531081", { kind: "timestamp", format: "epoch-seconds" }, ""],
    [
      "http-date in date-time",
      "Tue, 29 Apr 2014 18:30:38 GMT",
      { kind: "timestamp", format: "date-time" },
      "",
    ],
    ["null in dense list", ["a", null], { kind: "list", member: { kind: "string" } }, "/1"],
    ["null in dense map", { a: null, b: "x" }, { kind: "map", value: { kind: "string" } }, "/a"],
    ["unknown union member", { z: 1 }, { kind: "union", shape: "Choice" }, ""],
    ["known and unknown union members", { a: "x", z: 1 }, { kind: "union", shape: "Choice" }, ""],
    ["union member set to null only", { a: null }, { kind: "union", shape: "Choice" }, ""],
    ["union as array", ["a"], { kind: "union", shape: "Choice" }, ""],
    ["list from object", {}, { kind: "list", member: { kind: "string" } }, ""],
    ["nested member", { Name: 1 }, { kind: "structure", shape: "Item" }, "/name"],
    ["union with two members", { a: "x", b: 1 }, { kind: "union", shape: "Choice" }, ""],
    ["empty union", {}, { kind: "union", shape: "Choice" }, ""],
    ["union member of wrong type", { b: 300 }, { kind: "union", shape: "Choice" }, "/b"],
  ];
  it.each(bad)("%s fails at %j", (_, value, type, path) => {
    const result = read(value, type);
    expect(result.failures.map((f) => f.path)).toEqual([path]);
  });

  it("keeps an unknown union member when asked to (a client reading a newer service's response)", () => {
    expect(read({ z: 1 }, { kind: "union", shape: "Choice" }, { unknownUnionMember: "keep" })).toEqual({
      value: { $unknown: ["z", 1] },
      failures: [],
    });
  });

  it("writes @default values of unset members when asked to (a server's output)", () => {
    expect(writeJson({ name: "n" }, { kind: "structure", shape: "Item" }, structures)).toEqual({ Name: "n" });
    expect(
      writeJson({ name: "n" }, { kind: "structure", shape: "Item" }, structures, { fillDefaults: true }),
    ).toEqual({
      Name: "n",
      count: 0,
    });
  });

  it("reads date-time offsets only when asked to", () => {
    const type: WireType = { kind: "timestamp", format: "date-time" };
    expect(read("2019-12-16T23:48:18-01:00", type).failures).toHaveLength(1);
    expect(read("2019-12-16T23:48:18-01:00", type, { timestampOffsets: true }).value).toEqual(
      new Date("2019-12-17T00:48:18Z"),
    );
  });

  it("reads null and absent values as absent", () => {
    expect(read(null, { kind: "string" })).toEqual({ value: undefined, failures: [] });
  });
});

describe("writeJson", () => {
  const cases: [string, unknown, WireType, unknown][] = [
    ["float NaN", Number.NaN, { kind: "number" }, "NaN"],
    ["float -Infinity", Number.NEGATIVE_INFINITY, { kind: "number" }, "-Infinity"],
    ["blob", new TextEncoder().encode("blob"), { kind: "blob" }, "YmxvYg=="],
    [
      "date-time",
      new Date("2014-04-29T18:30:38Z"),
      { kind: "timestamp", format: "date-time" },
      "2014-04-29T18:30:38Z",
    ],
    [
      "jsonName, absent left out",
      { name: "n", when: new Date(1000) },
      { kind: "structure", shape: "Item" },
      { Name: "n", when: 1 },
    ],
    [
      "sparse map keeps null",
      { a: null, b: "x" },
      { kind: "map", value: { kind: "string" }, sparse: true },
      { a: null, b: "x" },
    ],
    ["dense map drops null", { a: null }, { kind: "map", value: { kind: "string" } }, {}],
    ["list keeps null", ["a", null], { kind: "list", member: { kind: "string" }, sparse: true }, ["a", null]],
    ["union unknown", { $unknown: ["z", 1] }, { kind: "union", shape: "Choice" }, { z: 1 }],
  ];
  it.each(cases)("%s", (_, value, type, expected) => {
    expect(writeJson(value, type, structures)).toEqual(expected);
  });
});

describe("big numbers", () => {
  const bigInteger: WireType = { kind: "bigNumber", integer: true };
  const bigDecimal: WireType = { kind: "bigNumber" };

  it("reads a bigInteger as a bigint, refusing a JSON number beyond ±(2^53 - 1)", () => {
    expect(read(-9007199254740991, bigInteger)).toEqual({ value: -9007199254740991n, failures: [] });
    expect(read(Number("9007199254740993"), bigInteger)).toEqual({
      value: undefined,
      failures: [{ path: "", message: expect.stringMatching(/within ±\(2\^53 - 1\)/) }],
    });
    expect(read(1.5, bigInteger).failures).toHaveLength(1);
  });

  it("reads a bigDecimal as its decimal text, refusing a number its JSON token has more digits than", () => {
    expect(read(0.1, bigDecimal)).toEqual({ value: "0.1", failures: [] });
    const rounded = Number("3.14159265358979323846");
    expect(read(rounded, bigDecimal, { inexactNumbers: new Set([rounded]) })).toEqual({
      value: undefined,
      failures: [{ path: "", message: expect.stringMatching(/a double holds exactly/) }],
    });
  });

  it("passes the rounding check down into structures, lists and maps", () => {
    const rounded = Number("3.14159265358979323846");
    const local: Structures = {
      Holder: { members: [{ member: "d", jsonName: "d", type: bigDecimal, required: false }] },
    };
    const failures: CodecFailure[] = [];
    const type: WireType = { kind: "list", member: { kind: "structure", shape: "Holder" } };
    readJson([{ d: 0.5 }, { d: rounded }], type, local, "/x", failures, {
      inexactNumbers: new Set([rounded]),
    });
    expect(failures.map((f) => f.path)).toEqual(["/x/1/d"]);
  });

  it("writes big numbers as JSON numbers where doubles hold them", () => {
    expect(writeJson(42n, bigInteger, structures)).toBe(42);
    expect(writeJson("2.5", bigDecimal, structures)).toBe(2.5);
    expect(() => writeJson(2n ** 60n, bigInteger, structures)).toThrow(RangeError);
  });
});
