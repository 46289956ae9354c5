import { describe, expect, it } from "vitest";
import { formatTimestamp } from "../src/timestamps.js";

// date-time is written by hand (Date#toISOString is slow); it must give the built-in's text, without a
// fraction of zero milliseconds (as Smithy writes date-times).
const iso = (date: Date) => date.toISOString().replace(".000Z", "Z");
const dates: [string, number][] = [
  ["epoch", 0],
  ["one ms before the epoch", -1],
  ["first ms of year 0", -62167219200000],
  ["last ms of year -1", -62167219200001],
  ["year 999 (padded)", Date.UTC(999, 11, 31, 23, 59, 59, 7)],
  ["single-digit ms", Date.UTC(2024, 0, 1, 12, 0, 0, 5)],
  ["two-digit ms", Date.UTC(2024, 1, 29, 1, 2, 3, 45)],
  ["three-digit ms", Date.UTC(2024, 9, 10, 10, 10, 10, 999)],
  ["last ms of 9999", 253402300799999],
  ["first ms of 10000", 253402300800000],
  ["largest date", 8.64e15],
  ["smallest date", -8.64e15],
];

describe("formatTimestamp date-time", () => {
  it.each(dates)("%s matches toISOString", (_name, time) => {
    const date = new Date(time);
    expect(formatTimestamp(date, "date-time")).toBe(iso(date));
    // Twice: the second call answers from the last-result cache.
    expect(formatTimestamp(date, "date-time")).toBe(iso(date));
  });

  it("alternating dates are not mixed up by the cache", () => {
    const a = new Date(Date.UTC(2020, 4, 6));
    const b = new Date(Date.UTC(2021, 7, 8, 9, 10, 11, 12));
    for (const date of [a, b, a, b]) expect(formatTimestamp(date, "date-time")).toBe(iso(date));
  });

  it("an invalid date throws", () => {
    expect(() => formatTimestamp(new Date(Number.NaN), "date-time")).toThrow(TypeError);
  });
});
