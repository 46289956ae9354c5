import { describe, expect, it } from "vitest";
import type { WireType } from "../src/service.js";
import { formatText, parseText } from "../src/text-values.js";

describe("parseText", () => {
  const cases: [string, WireType, unknown][] = [
    ["hi", { kind: "string" }, "hi"],
    ["dHJ1ZQ==", { kind: "string", mediaType: "text/plain" }, "true"],
    ["xyz", { kind: "string", mediaType: "text/plain" }, undefined],
    ["true", { kind: "boolean" }, true],
    ["false", { kind: "boolean" }, false],
    ["TRUE", { kind: "boolean" }, undefined],
    ["1", { kind: "boolean" }, undefined],
    ["127", { kind: "number", integer: "byte" }, 127],
    ["128", { kind: "number", integer: "byte" }, undefined],
    ["1.5", { kind: "number", integer: "integer" }, undefined],
    ["1.5", { kind: "number" }, 1.5],
    ["NaN", { kind: "number" }, Number.NaN],
    ["-Infinity", { kind: "number" }, Number.NEGATIVE_INFINITY],
    ["0x42", { kind: "number" }, undefined],
    ["0.30000000000000000001", { kind: "bigNumber" }, "0.30000000000000000001"],
    ["YmxvYg==", { kind: "blob" }, new TextEncoder().encode("blob")],
    ["YmxvYg", { kind: "blob" }, undefined],
    ["1", { kind: "list", member: { kind: "string" } }, undefined],
  ];
  it.each(cases)("%j as %j → %j", (text, type, expected) => {
    expect(parseText(text, type)).toEqual(expected);
  });
  it("reads big numbers exactly: a bigInteger as a bigint, a bigDecimal as its text", () => {
    expect(parseText("123456789012345678901234", { kind: "bigNumber", integer: true })).toBe(
      123456789012345678901234n,
    );
    expect(parseText("1.5", { kind: "bigNumber", integer: true })).toBeUndefined();
  });
  it("reads timestamps in the binding's format", () => {
    const dt = parseText("2014-04-29T18:30:38Z", { kind: "timestamp", format: "date-time" }) as Date;
    expect(dt.toISOString()).toBe("2014-04-29T18:30:38.000Z");
    expect(parseText("1398796238", { kind: "timestamp", format: "date-time" })).toBeUndefined();
    const epoch = parseText("1398796238.5", { kind: "timestamp", format: "epoch-seconds" }) as Date;
    expect(epoch.getTime()).toBe(1398796238500);
  });
});

describe("formatText", () => {
  const cases: [unknown, WireType, string][] = [
    ["hi", { kind: "string" }, "hi"],
    ["true", { kind: "string", mediaType: "text/plain" }, "dHJ1ZQ=="],
    [true, { kind: "boolean" }, "true"],
    [1.5, { kind: "number" }, "1.5"],
    [Number.NaN, { kind: "number" }, "NaN"],
    [new TextEncoder().encode("blob"), { kind: "blob" }, "YmxvYg=="],
    [
      new Date("2014-04-29T18:30:38Z"),
      { kind: "timestamp", format: "http-date" },
      "Tue, 29 Apr 2014 18:30:38 GMT",
    ],
    [new Date("2014-04-29T18:30:38Z"), { kind: "timestamp", format: "epoch-seconds" }, "1398796238"],
    [new Date("2014-04-29T18:30:38Z"), { kind: "timestamp", format: "date-time" }, "2014-04-29T18:30:38Z"],
  ];
  it.each(cases)("%j as %j → %j", (value, type, text) => {
    expect(formatText(value, type)).toBe(text);
  });
});
