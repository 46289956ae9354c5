import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDateTime as readDateTime } from "@seqstore/protocol";
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

describe("date-time parsing is the shared codec's", () => {
  // The client reads what @seqstore/protocol reads (offsets allowed, as a client must), and throws
  // where the codec finds no timestamp; the codec's own tests hold its rules.
  const digits = (n: number, max: number) =>
    fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, "0"));
  const dateTime = fc
    .tuple(
      digits(4, 9999),
      digits(2, 13),
      digits(2, 32),
      digits(2, 25),
      digits(2, 60),
      digits(2, 61),
      fc.option(fc.stringMatching(/^\.\d{1,12}$/), { nil: "" }),
      fc.constantFrom("Z", "z", "+00:00", "-08:00", "+05:45", "+24:00"),
    )
    .map(([y, mo, d, h, mi, sec, fraction, zone]) => `${y}-${mo}-${d}T${h}:${mi}:${sec}${fraction}${zone}`);

  it("on generated date-times, valid or not", () => {
    fc.assert(
      fc.property(dateTime, (value) => {
        const expected = readDateTime(value, { offsets: true });
        if (expected === undefined) expect(() => parseTimestamp(value, "date-time")).toThrow(/date-time/);
        else expect(parseTimestamp(value, "date-time").getTime()).toBe(expected.getTime());
      }),
    );
  });

  it("refuses days that do not exist", () => {
    expect(() => parseTimestamp("2023-02-29T00:00:00Z", "date-time")).toThrow(
      /Expected a date-time timestamp/,
    );
    expect(parseTimestamp("2024-02-29T00:00:00Z", "date-time").getTime()).toBe(Date.UTC(2024, 1, 29));
  });
});
