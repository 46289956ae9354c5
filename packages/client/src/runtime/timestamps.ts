// Smithy timestamp formats <-> Date, through the shared codec (@seqstore/protocol): what the client
// reads it reads as the server does (a client accepts date-time offsets, which servers refuse), and
// it throws a clear error where the codec finds no timestamp.
import {
  formatTimestamp,
  parseDateTime as readDateTime,
  parseEpochSeconds as readEpochSeconds,
  parseHttpDate as readHttpDate,
} from "@seqstore/protocol";
import type { TimestampFormat } from "./spec.js";

/** The wire form of a Date: a string, or for epoch-seconds a number (seconds, millisecond precision). */
export function serializeTimestamp(date: Date, format: TimestampFormat): string | number {
  if (!(date instanceof Date))
    throw new TypeError(`Expected a valid Date for a timestamp, got ${String(date)}`);
  return formatTimestamp(date, format);
}

/** `date`, unless the codec found none: then the error of every format. */
function checked(date: Date | undefined, value: unknown, format: TimestampFormat): Date {
  if (date === undefined) throw new TypeError(`Expected a ${format} timestamp, got ${JSON.stringify(value)}`);
  return date;
}

// One parser per format, so that a bundle keeps only the formats its operations read.

const OFFSETS = { offsets: true };

export const parseDateTime = (value: unknown): Date =>
  checked(readDateTime(value, OFFSETS), value, "date-time");

export const parseHttpDate = (value: unknown): Date => checked(readHttpDate(value), value, "http-date");

/** Seconds since the epoch, a number or its text, kept to millisecond precision. */
export const parseEpochSeconds = (value: unknown): Date =>
  checked(readEpochSeconds(value), value, "epoch-seconds");

export function parseTimestamp(value: unknown, format: TimestampFormat): Date {
  if (format === "epoch-seconds") return parseEpochSeconds(value);
  return format === "http-date" ? parseHttpDate(value) : parseDateTime(value);
}
