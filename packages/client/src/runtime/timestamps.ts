// Smithy timestamp formats <-> Date.
import type { TimestampFormat } from "./spec.js";

// RFC 3339 date-time (https://www.rfc-editor.org/rfc/rfc3339#section-5.6), any fraction length, any offset:
// year, month, day, hour, minute, second, fraction digits, then "Z", or the offset's sign, hours and minutes.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

const MS_PER_MINUTE = 60_000;
/** 400 Gregorian years: Date.UTC reads the years 0–99 as 1900–1999, so those are computed 400 years on. */
const MS_PER_400_YEARS = 146_097 * 86_400_000;

/** The wire form of a Date: a string, or for epoch-seconds a number (seconds, millisecond precision). */
export function serializeTimestamp(date: Date, format: TimestampFormat): string | number {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new TypeError(`Expected a valid Date for a timestamp, got ${String(date)}`);
  }
  switch (format) {
    case "date-time":
      // Like AWS SDKs: no fraction when it is zero.
      return date.toISOString().replace(".000Z", "Z");
    case "epoch-seconds":
      return date.getTime() / 1000;
    case "http-date":
      return date.toUTCString();
  }
}

/** `date`, unless there is none or it is invalid: then the error of every format. */
function checked(date: Date | undefined, value: unknown, format: TimestampFormat): Date {
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new TypeError(`Expected a ${format} timestamp, got ${JSON.stringify(value)}`);
  }
  return date;
}

// One parser per format, so that a bundle keeps only the formats its operations read.

/**
 * The instant an RFC 3339 match names, computed from its numbers (no text for Date to parse again), with
 * the limits Date's own ISO parser has: a field out of range is invalid, except that a day up to 31 rolls
 * into the next month (February 30th is March 1st) and 24:00:00 is the end of the day. Fractions are cut
 * to milliseconds. Undefined where that parser answers Invalid Date.
 */
function fromRfc3339(match: RegExpExecArray): Date | undefined {
  const [, year, month, day, hour, minute, second, fraction, sign, offsetHours, offsetMinutes] = match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  const ms = fraction === undefined ? 0 : Number(`${fraction}00`.slice(0, 3));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || mi > 59 || s > 59) return undefined;
  if (h > 24 || (h === 24 && (mi > 0 || s > 0 || ms > 0))) return undefined;
  let offset = 0;
  if (sign !== undefined) {
    const oh = Number(offsetHours);
    const om = Number(offsetMinutes);
    if (oh > 23 || om > 59) return undefined;
    offset = (sign === "-" ? -1 : 1) * (oh * 60 + om) * MS_PER_MINUTE;
  }
  const time =
    y < 100
      ? Date.UTC(y + 400, mo - 1, d, h, mi, s, ms) - MS_PER_400_YEARS
      : Date.UTC(y, mo - 1, d, h, mi, s, ms);
  return new Date(time - offset);
}

/** RFC 3339 date-time; `format` is the name errors give it. */
function dateTime(value: unknown, format: TimestampFormat): Date {
  const match = typeof value === "string" ? RFC3339.exec(value) : null;
  return checked(match ? fromRfc3339(match) : undefined, value, format);
}

export const parseDateTime = (value: unknown): Date => dateTime(value, "date-time");

export const parseHttpDate = (value: unknown): Date =>
  checked(typeof value === "string" ? new Date(value) : undefined, value, "http-date");

/** Seconds since the epoch, a number or its text, kept to millisecond precision. */
export function parseEpochSeconds(value: unknown): Date {
  const seconds = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  const valid = typeof seconds === "number" && Number.isFinite(seconds);
  return checked(valid ? new Date(Math.round(seconds * 1000)) : undefined, value, "epoch-seconds");
}

export function parseTimestamp(value: unknown, format: TimestampFormat): Date {
  if (format === "epoch-seconds") return parseEpochSeconds(value);
  return format === "http-date" ? parseHttpDate(value) : dateTime(value, format);
}
