import { describe, expect, it } from "vitest";
import {
  inexactJsonNumbers,
  isExactAsDouble,
  isIntegerInRange,
  parseBigNumberText,
  parseFloatText,
  parseIntegerText,
  readJsonFloat,
  writeJsonBigNumber,
  writeJsonFloat,
} from "../src/numbers.js";
import type { IntegerSize } from "../src/service.js";

describe("parseIntegerText", () => {
  const cases: [string, IntegerSize, number | undefined][] = [
    ["1", "byte", 1],
    ["-128", "byte", -128],
    ["127", "byte", 127],
    ["128", "byte", undefined],
    ["-129", "byte", undefined],
    ["32767", "short", 32767],
    ["32768", "short", undefined],
    ["-32768", "short", -32768],
    ["2147483647", "integer", 2147483647],
    ["2147483648", "integer", undefined],
    ["-2147483648", "integer", -2147483648],
    ["-9223372000000000000", "integer", undefined],
    ["9223372036854775807", "long", 2 ** 63],
    ["9223372036854775808", "long", undefined],
    ["-9223372036854775808", "long", -(2 ** 63)],
    ["184467440737095500000", "long", undefined],
    ["1.001", "integer", undefined],
    ["1.0", "integer", undefined],
    ["2ABC", "integer", undefined],
    ["0x42", "integer", undefined],
    ["1e3", "integer", undefined],
    ["+1", "integer", undefined],
    [" 1", "integer", undefined],
    ["", "integer", undefined],
    ["true", "integer", undefined],
    ["Infinity", "long", undefined],
    ["NaN", "short", undefined],
  ];
  it.each(cases)("%j as %s → %s", (text, size, expected) => {
    expect(parseIntegerText(text, size)).toBe(expected);
  });
});

describe("isIntegerInRange", () => {
  const cases: [number, IntegerSize, boolean][] = [
    [127, "byte", true],
    [128, "byte", false],
    [1.001, "integer", false],
    [-9223372000000000000, "integer", false],
    [2147483647, "integer", true],
    [2 ** 63, "long", false], // 2^63 - 1 has no double: it rounds to 2^63, out of range
    [-(2 ** 63), "long", true],
    [-184467440737095500000, "long", false],
    [1.23e23, "long", false],
    [Number.NaN, "long", false],
    [Number.POSITIVE_INFINITY, "long", false],
  ];
  it.each(cases)("%d as %s → %s", (value, size, expected) => {
    expect(isIntegerInRange(value, size)).toBe(expected);
  });
});

describe("floats", () => {
  const text: [string, number | undefined][] = [
    ["1.5", 1.5],
    ["-1", -1],
    ["2e10", 2e10],
    [".5", 0.5],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
    ["true", undefined],
    ["2ABC", undefined],
    ["0x42", undefined],
    ["", undefined],
    ["inf", undefined],
  ];
  it.each(text)("text %j → %s", (input, expected) => {
    expect(parseFloatText(input)).toBe(expected);
  });
  const json: [unknown, number | undefined][] = [
    [1.5, 1.5],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
    ["123", undefined],
    [true, undefined],
  ];
  it.each(json)("JSON %j → %s", (input, expected) => {
    expect(readJsonFloat(input)).toBe(expected);
  });
  it("writes NaN and ±Infinity as strings", () => {
    expect([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5].map(writeJsonFloat)).toEqual(
      ["NaN", "Infinity", "-Infinity", 1.5],
    );
  });
  it("reads big numbers strictly and exactly: bigInteger as a bigint, bigDecimal as its text", () => {
    expect(parseBigNumberText("123456789012345678901234", true)).toBe(123456789012345678901234n);
    expect(parseBigNumberText("-9007199254740993", true)).toBe(-9007199254740993n);
    expect(parseBigNumberText("1.5", true)).toBeUndefined();
    expect(parseBigNumberText("3.14159265358979323846264")).toBe("3.14159265358979323846264");
    expect(parseBigNumberText("abc")).toBeUndefined();
    expect(parseBigNumberText("1.5.1")).toBeUndefined();
  });
});

describe("big numbers in JSON", () => {
  it.each([
    ["0.1", true],
    ["1.50", true],
    ["-0", true],
    ["1e21", true],
    ["9007199254740991", true],
    ["9007199254740993", false],
    ["12345678901234567890", false],
    ["3.14159265358979323846", false],
    ["1e400", false],
  ])("%s survives a double: %s", (text, exact) => {
    expect(isExactAsDouble(text)).toBe(exact);
  });

  it("finds the number tokens doubles round, never inside strings", () => {
    const text =
      '{"a":9007199254740993,"b":"12345678901234567890","c":[0.1,3.14159265358979323846],"d":-1e400}';
    expect(inexactJsonNumbers(text)).toEqual(
      new Set([9007199254740992, Number("3.14159265358979323846"), Number.NEGATIVE_INFINITY]),
    );
    expect(inexactJsonNumbers('{"a":1,"b":"9007199254740993","c":[0.5, -2e-3]}')).toBeUndefined();
  });

  it("writes big numbers that doubles hold, and refuses the rest", () => {
    expect(writeJsonBigNumber(9007199254740991n)).toBe(9007199254740991);
    expect(writeJsonBigNumber("0.25")).toBe(0.25);
    expect(writeJsonBigNumber(7)).toBe(7);
    expect(() => writeJsonBigNumber(9007199254740992n)).toThrow(/beyond ±\(2\^53 - 1\)/);
    expect(() => writeJsonBigNumber("3.14159265358979323846")).toThrow(/cannot be written/);
    expect(() => writeJsonBigNumber("abc")).toThrow(/cannot be written/);
  });
});
