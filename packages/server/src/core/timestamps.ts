// Timestamp formats of Smithy's @timestampFormat, in both directions.
import type { TimestampFormat } from "./operation-table.js";

/** RFC 3339 date-time as Smithy allows it (offsets and fractional seconds accepted). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
/** IMF-fixdate, e.g. "Tue, 29 Apr 2014 18:30:38 GMT". */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2}(\.\d+)? GMT$/;

/** Parse a timestamp value from the wire; undefined when it does not fit the format. */
export function parseTimestamp(value: unknown, format: TimestampFormat): Date | undefined {
  let millis: number;
  if (format === "epoch-seconds") {
    const seconds =
      typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
    if (typeof value === "string" && value.trim() === "") return undefined;
    millis = seconds * 1000;
  } else if (typeof value !== "string") {
    return undefined;
  } else if (format === "date-time") {
    if (!DATE_TIME.test(value)) return undefined;
    millis = Date.parse(value);
  } else {
    if (!HTTP_DATE.test(value)) return undefined;
    millis = Date.parse(value);
  }
  return Number.isFinite(millis) ? new Date(millis) : undefined;
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

// Date#toISOString is a slow runtime call (~0.8 µs): years 0–9999 are written here instead (same text),
// and the last result is kept, as responses often repeat one timestamp (same time value → same text).
let lastIsoTime = Number.NaN;
let lastIsoText = "";

/** `date.toISOString()`, faster. */
function isoDateTime(date: Date): string {
  const time = date.getTime();
  if (time === lastIsoTime) return lastIsoText;
  const year = date.getUTCFullYear();
  // Other years are ±YYYYYY; an invalid date (NaN) throws RangeError: leave both to the built-in.
  if (!(year >= 0 && year <= 9999)) return date.toISOString();
  const ms = date.getUTCMilliseconds();
  const text = `${String(year).padStart(4, "0")}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}T${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}:${twoDigits(date.getUTCSeconds())}.${ms < 10 ? "00" : ms < 100 ? "0" : ""}${ms}Z`;
  lastIsoTime = time;
  lastIsoText = text;
  return text;
}

/** Format a Date for the wire: a string for date-time/http-date, a number for epoch-seconds. */
export function formatTimestamp(date: Date, format: TimestampFormat): string | number {
  switch (format) {
    case "epoch-seconds":
      return date.getTime() / 1000;
    case "http-date":
      return date.toUTCString();
    default:
      return isoDateTime(date);
  }
}
