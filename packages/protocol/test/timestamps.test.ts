import { describe, expect, it } from "vitest";
import {
  formatTimestamp,
  parseDateTime,
  parseEpochSeconds,
  parseHttpDate,
  parseTimestamp,
  readJsonTimestamp,
} from "../src/timestamps.js";
import type { TimestampFormat } from "../src/service.js";

const iso = (d: Date | undefined) => d?.toISOString();

describe("parseTimestamp", () => {
  const cases: [TimestampFormat, unknown, string | undefined][] = [
    ["date-time", "2014-04-29T18:30:38Z", "2014-04-29T18:30:38.000Z"],
    ["date-time", "1985-04-12T23:20:50.52Z", "1985-04-12T23:20:50.520Z"],
    ["date-time", "2000-01-02T20:34:56.123456789Z", "2000-01-02T20:34:56.123Z"],
    ["date-time", "1996-12-19T16:39:57-08:00", undefined],
    ["date-time", "1996-12-19T16:39:57+00:00", undefined],
    ["date-time", "2019-12-16t23:48:18z", "2019-12-16T23:48:18.000Z"],
    ["date-time", "0099-01-01T00:00:00Z", "0099-01-01T00:00:00.000Z"],
    ["date-time", "1996-12-19T16:39:57+00", undefined],
    ["date-time", "1996-12-19T16:39:57", undefined],
    ["date-time", "19961219T163957Z", undefined],
    ["date-time", "1996-12-19T16:39Z", undefined],
    ["date-time", "1996-02-30T00:00:00Z", undefined],
    ["date-time", "1996-12-19T24:00:00Z", undefined],
    ["date-time", "Tue, 29 Apr 2014 18:30:38 GMT", undefined],
    ["date-time", "1515531081", undefined],
    ["date-time", 1515531081, undefined],
    ["http-date", "Tue, 29 Apr 2014 18:30:38 GMT", "2014-04-29T18:30:38.000Z"],
    ["http-date", "Sun, 02 Jan 2000 20:34:56.123 GMT", "2000-01-02T20:34:56.123Z"],
    ["http-date", "Tuesday, 29-Apr-14 18:30:38 GMT", undefined],
    ["http-date", "Tue, 29 Apr 2014 18:30:38 UTC", undefined],
    ["http-date", "2014-04-29T18:30:38Z", undefined],
    ["epoch-seconds", 1398796238, "2014-04-29T18:30:38.000Z"],
    ["epoch-seconds", 946845296.123, "2000-01-02T20:34:56.123Z"],
    ["epoch-seconds", "1515531081.1234", "2018-01-09T20:51:21.123Z"],
    ["epoch-seconds", "-1", "1969-12-31T23:59:59.000Z"],
    ["epoch-seconds", "1515531081ABC", undefined],
    ["epoch-seconds", "0x42", undefined],
    ["epoch-seconds", "1515531081.123.456", undefined],
    ["epoch-seconds", "Infinity", undefined],
    ["epoch-seconds", "NaN", undefined],
    ["epoch-seconds", "", undefined],
    ["epoch-seconds", Number.POSITIVE_INFINITY, undefined],
    ["epoch-seconds", true, undefined],
  ];
  it.each(cases)("%s %j → %s", (format, value, expected) => {
    expect(iso(parseTimestamp(value, format))).toBe(expected);
  });
});

describe("UTC offsets", () => {
  it("are read only when asked for (a client reading a response)", () => {
    const offsets = { offsets: true };
    expect(iso(parseTimestamp("1996-12-19T16:39:57-08:00", "date-time", offsets))).toBe(
      "1996-12-20T00:39:57.000Z",
    );
    expect(iso(parseTimestamp("2019-12-16T22:48:18+01:00", "date-time", offsets))).toBe(
      "2019-12-16T21:48:18.000Z",
    );
    expect(parseTimestamp("2019-12-16T22:48:18+24:00", "date-time", offsets)).toBeUndefined();
    expect(iso(readJsonTimestamp("2019-12-16T22:48:18-01:00", "date-time", offsets))).toBe(
      "2019-12-16T23:48:18.000Z",
    );
    expect(readJsonTimestamp("2019-12-16T22:48:18-01:00", "date-time")).toBeUndefined();
  });
});

describe("readJsonTimestamp", () => {
  it("wants a JSON number for epoch-seconds, not its text", () => {
    expect(readJsonTimestamp("1515531081", "epoch-seconds")).toBeUndefined();
    expect(iso(readJsonTimestamp(1515531081, "epoch-seconds"))).toBe("2018-01-09T20:51:21.000Z");
  });
  it("wants a string for date-time", () => {
    expect(readJsonTimestamp(1515531081, "date-time")).toBeUndefined();
  });
});

describe("formatTimestamp", () => {
  const cases: [string, TimestampFormat, string | number][] = [
    ["2014-04-29T18:30:38.000Z", "date-time", "2014-04-29T18:30:38Z"],
    ["2000-01-02T20:34:56.123Z", "date-time", "2000-01-02T20:34:56.123Z"],
    ["2000-01-02T20:34:56.100Z", "date-time", "2000-01-02T20:34:56.100Z"],
    ["0001-01-01T00:00:00.000Z", "date-time", "0001-01-01T00:00:00Z"],
    ["2014-04-29T18:30:38.000Z", "http-date", "Tue, 29 Apr 2014 18:30:38 GMT"],
    ["2014-04-29T18:30:38.000Z", "epoch-seconds", 1398796238],
    ["2000-01-02T20:34:56.123Z", "epoch-seconds", 946845296.123],
  ];
  it.each(cases)("%s as %s → %j", (date, format, expected) => {
    expect(formatTimestamp(new Date(date), format)).toBe(expected);
  });
  it("returns the same text for a repeated instant, and a new one for the next", () => {
    const a = new Date("2020-01-01T00:00:00.001Z");
    expect(formatTimestamp(a, "date-time")).toBe("2020-01-01T00:00:00.001Z");
    expect(formatTimestamp(new Date(a.getTime()), "date-time")).toBe("2020-01-01T00:00:00.001Z");
    expect(formatTimestamp(new Date(a.getTime() + 1), "date-time")).toBe("2020-01-01T00:00:00.002Z");
  });
  it("refuses an invalid Date", () => {
    expect(() => formatTimestamp(new Date(Number.NaN), "date-time")).toThrow(/invalid Date/);
  });
  it("round-trips every format", () => {
    const date = new Date("2021-07-04T05:06:07.890Z");
    for (const format of ["date-time", "http-date", "epoch-seconds"] as const) {
      const back: Date | undefined = parseTimestamp(formatTimestamp(date, format), format);
      expect(back?.getTime()).toBe(format === "http-date" ? date.getTime() - 890 : date.getTime());
    }
  });
});

describe("one reader per format", () => {
  // What bundles import when their operations read one format only: the same rules as parseTimestamp.
  const values = [
    "2024-05-01T12:30:45.123Z",
    "2024-05-01T14:30:45+02:00",
    "2023-02-29T00:00:00Z",
    "Wed, 01 May 2024 12:30:45 GMT",
    "1714566645.5",
    1714566645,
    "soon",
    null,
  ];
  it.each(values)("%j reads alike", (value) => {
    const times = (date: Date | undefined) => date?.getTime();
    expect(times(parseDateTime(value))).toBe(times(parseTimestamp(value, "date-time")));
    expect(times(parseDateTime(value, { offsets: true }))).toBe(
      times(parseTimestamp(value, "date-time", { offsets: true })),
    );
    expect(times(parseHttpDate(value))).toBe(times(parseTimestamp(value, "http-date")));
    expect(times(parseEpochSeconds(value))).toBe(times(parseTimestamp(value, "epoch-seconds")));
  });
  it("accepts an offset only when asked", () => {
    expect(parseDateTime("2024-05-01T14:30:45+02:00")).toBeUndefined();
    expect(parseDateTime("2024-05-01T14:30:45+02:00", { offsets: true })?.toISOString()).toBe(
      "2024-05-01T12:30:45.000Z",
    );
  });
});
