import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTimestamp, serializeTimestamp } from "../src/runtime/timestamps.js";

const date = new Date(Date.UTC(2024, 4, 1, 12, 30, 45, 123));
const whole = new Date(Date.UTC(2024, 4, 1, 12, 30, 45));

describe("serializeTimestamp", () => {
  it.each([
    { date, format: "date-time", expected: "2024-05-01T12:30:45.123Z" },
    { date: whole, format: "date-time", expected: "2024-05-01T12:30:45Z" },
    { date, format: "epoch-seconds", expected: 1714566645.123 },
    { date: whole, format: "http-date", expected: "Wed, 01 May 2024 12:30:45 GMT" },
  ] as const)("$format $expected", ({ date, format, expected }) => {
    expect(serializeTimestamp(date, format)).toBe(expected);
  });

  it("rejects invalid dates", () => {
    expect(() => serializeTimestamp(new Date(Number.NaN), "date-time")).toThrow(/valid Date/);
  });
});

describe("parseTimestamp", () => {
  it.each([
    { value: "2024-05-01T12:30:45.123Z", format: "date-time", expected: date },
    { value: "2024-05-01T12:30:45Z", format: "date-time", expected: whole },
    { value: "2024-05-01t12:30:45.123456789z", format: "date-time", expected: date },
    { value: "2024-05-01T14:30:45.123+02:00", format: "date-time", expected: date },
    { value: 1714566645.123, format: "epoch-seconds", expected: date },
    { value: "1714566645", format: "epoch-seconds", expected: whole },
    { value: "Wed, 01 May 2024 12:30:45 GMT", format: "http-date", expected: whole },
  ] as const)("$format $value", ({ value, format, expected }) => {
    expect(parseTimestamp(value, format).getTime()).toBe(expected.getTime());
  });

  it.each([
    { value: "2024-05-01", format: "date-time" },
    { value: "2024-05-01 12:30:45Z", format: "date-time" },
    { value: 1714566645, format: "date-time" },
    { value: "soon", format: "epoch-seconds" },
    { value: "not a date", format: "http-date" },
  ] as const)("rejects $value as $format", ({ value, format }) => {
    expect(() => parseTimestamp(value, format)).toThrow(new RegExp(`Expected a ${format} timestamp`));
  });
});

describe("date-time parsing agrees with Date's own ISO parser", () => {
  // What the client did before it computed instants from the numbers: the match rewritten as the ISO
  // text Date reads (milliseconds at most, upper-case separators), parsed by Date.
  function viaDateText(value: string): number {
    const match = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(value);
    if (!match) return Number.NaN;
    return new Date(
      `${match[1]}T${match[2]}${(match[3] ?? "").slice(0, 4)}${(match[4] ?? "").toUpperCase()}`,
    ).getTime();
  }
  const viaParser = (value: string) => {
    try {
      return parseTimestamp(value, "date-time").getTime();
    } catch {
      return Number.NaN;
    }
  };
  const digits = (n: number, max: number) =>
    fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, "0"));

  it("on edges of every field", () => {
    for (const value of [
      "2024-02-29T00:00:00Z",
      "2023-02-29T00:00:00Z",
      "2024-02-31T23:59:59.999Z",
      "2024-04-31T00:00:00Z",
      "2024-01-32T00:00:00Z",
      "2024-13-01T00:00:00Z",
      "2024-00-10T00:00:00Z",
      "2024-01-00T00:00:00Z",
      "2024-12-31T24:00:00Z",
      "2024-12-31T24:00:00.0000Z",
      "2024-12-31T24:00:00.001Z",
      "2024-12-31T24:01:00Z",
      "2024-01-01T23:60:00Z",
      "2024-01-01T23:59:60Z",
      "0000-01-01T00:00:00Z",
      "0099-12-31T24:00:00Z",
      "0001-03-01T00:30:00+01:00",
      "9999-12-31T23:59:59.999-23:59",
      "2024-01-01T00:00:00+24:00",
      "2024-01-01T00:00:00-00:60",
      "2024-01-01t00:00:00.5z",
      "2024-01-01T00:00:00.123456789+05:45",
    ]) {
      expect([value, viaParser(value)]).toEqual([value, viaDateText(value)]);
    }
  });

  it("on generated date-times, valid or not", () => {
    const dateTimes = fc
      .tuple(
        digits(4, 9999),
        digits(2, 13),
        digits(2, 32),
        fc.constantFrom("T", "t"),
        digits(2, 25),
        digits(2, 60),
        digits(2, 60),
        fc.option(fc.stringMatching(/^\.\d{1,9}$/), { nil: "" }),
        fc.oneof(
          fc.constantFrom("Z", "z"),
          fc
            .tuple(fc.constantFrom("+", "-"), digits(2, 24), digits(2, 60))
            .map(([s, h, m]) => `${s}${h}:${m}`),
        ),
      )
      .map(([y, mo, d, t, h, mi, s, f, z]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${f}${z}`);
    fc.assert(
      fc.property(dateTimes, (value) => {
        expect([value, viaParser(value)]).toEqual([value, viaDateText(value)]);
      }),
      { numRuns: 5000 },
    );
  });
});
