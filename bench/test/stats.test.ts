import { describe, expect, it } from "vitest";
import { median, percentileOfSorted, round } from "../src/stats.js";

describe("median", () => {
  it.each([
    { values: [3], expected: 3 },
    { values: [5, 1, 3], expected: 3 },
    { values: [4, 1, 3, 2], expected: 2.5 },
    { values: [], expected: Number.NaN },
  ])("of $values is $expected", ({ values, expected }) => {
    expect(median(values)).toBe(expected);
  });
});

describe("percentileOfSorted", () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  it.each([
    { p: 50, expected: 50 },
    { p: 99, expected: 99 },
    { p: 100, expected: 100 },
    { p: 0, expected: 1 },
  ])("p$p of 1..100 is $expected", ({ p, expected }) => {
    expect(percentileOfSorted(values, p)).toBe(expected);
  });
});

describe("round", () => {
  it.each([
    { value: 1.23456, digits: 3, expected: 1.235 },
    { value: 1234.5, digits: 0, expected: 1235 },
    { value: Number.POSITIVE_INFINITY, digits: 2, expected: Number.POSITIVE_INFINITY },
    // Below 1: significant digits, so a 0.0184 ms p50 is not read as 0.018.
    { value: 0.018_437, digits: 3, expected: 0.01844 },
    { value: 0.123_456, digits: 4, expected: 0.12346 },
    { value: -0.000_123_46, digits: 3, expected: -0.0001235 },
    { value: 0, digits: 3, expected: 0 },
  ])("$value to $digits digits is $expected", ({ value, digits, expected }) => {
    expect(round(value, digits)).toBe(expected);
  });
});
