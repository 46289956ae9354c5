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

export function parseTimestamp(value: unknown, format: TimestampFormat): Date {
  const date = parse(value, format);
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new TypeError(`Expected a ${format} timestamp, got ${JSON.stringify(value)}`);
  }
  return date;
}

function parse(value: unknown, format: TimestampFormat): Date | undefined {
  if (format === "epoch-seconds") {
    const seconds = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    return typeof seconds === "number" && Number.isFinite(seconds)
      ? new Date(Math.round(seconds * 1000))
      : undefined;
  }
  if (typeof value !== "string") return undefined;
  if (format === "http-date") return new Date(value);
  const match = RFC3339.exec(value);
  if (!match) return undefined;
  // Date understands at most milliseconds and upper-case separators.
  const fraction = (match[3] ?? "").slice(0, 4);
  return new Date(`${match[1]}T${match[2]}${fraction}${(match[4] ?? "").toUpperCase()}`);
}
