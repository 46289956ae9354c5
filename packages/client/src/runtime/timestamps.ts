// Smithy timestamp formats <-> Date.
import type { TimestampFormat } from "./spec.js";

// RFC 3339 date-time (https://www.rfc-editor.org/rfc/rfc3339#section-5.6), any fraction length, any offset.
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

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

/** RFC 3339 date-time; `format` is the name errors give it. */
function dateTime(value: unknown, format: TimestampFormat): Date {
  const match = typeof value === "string" ? RFC3339.exec(value) : null;
  // Date understands at most milliseconds and upper-case separators.
  const fraction = (match?.[3] ?? "").slice(0, 4);
  const iso = match && `${match[1]}T${match[2]}${fraction}${(match[4] ?? "").toUpperCase()}`;
  return checked(iso ? new Date(iso) : undefined, value, format);
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
