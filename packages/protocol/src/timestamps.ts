// Smithy's timestamp formats (@timestampFormat), strictly as the protocol writes them, in both directions.
import type { TimestampFormat } from "./service.js";

// RFC 3339 date-time: date, "T", time, optional fraction (any length), then "Z" or a ±hh:mm offset.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
// IMF-fixdate (RFC 9110), e.g. "Tue, 29 Apr 2014 18:30:38 GMT"; a fraction of a second is accepted.
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))? GMT$/;
// Seconds since the epoch as text: digits, optionally a fraction; no exponent, sign only "-".
const EPOCH_TEXT = /^-?\d+(?:\.\d+)?$/;

const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
const MS_PER_MINUTE = 60_000;
/** 400 Gregorian years: Date.UTC reads the years 0–99 as 1900–1999, so those are computed 400 years on. */
const MS_PER_400_YEARS = 146_097 * 86_400_000;

function millisOf(fraction: string | undefined): number {
  return fraction === undefined ? 0 : Number(`${fraction}00`.slice(0, 3));
}

/** The instant of the fields, or undefined when one is out of range (February 30th is refused too). */
function utc(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const time =
    y < 100
      ? Date.UTC(y + 400, mo - 1, d, h, mi, Math.min(s, 59), ms) - MS_PER_400_YEARS
      : Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms);
  // A day past the month's end rolls over in Date.UTC: such a date does not exist.
  return new Date(time).getUTCDate() === d ? time : undefined;
}

function fromRfc3339(text: string, offsets: boolean): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const time = utc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, millisOf(m[7]));
  if (time === undefined) return undefined;
  if (m[8] === undefined) return time;
  if (!offsets) return undefined;
  const oh = +m[9]!;
  const om = +m[10]!;
  if (oh > 23 || om > 59) return undefined;
  return time - (m[8] === "-" ? -1 : 1) * (oh * 60 + om) * MS_PER_MINUTE;
}

function fromHttpDate(text: string): number | undefined {
  const m = IMF_FIXDATE.exec(text);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[3]!) / 3 + 1;
  return utc(+m[4]!, month, +m[2]!, +m[5]!, +m[6]!, +m[7]!, millisOf(m[8]));
}

/** Seconds (a number, or its text when `value` is a string) as milliseconds, rounded to the millisecond. */
function fromEpochSeconds(value: unknown): number | undefined {
  if (typeof value === "string") return EPOCH_TEXT.test(value) ? Math.round(Number(value) * 1000) : undefined;
  return typeof value === "number" && Number.isFinite(value) ? Math.round(value * 1000) : undefined;
}

/** How strictly timestamps are read. */
export interface TimestampOptions {
  /**
   * Accept date-times with a UTC offset ("…-08:00"). Smithy writes "Z" only: a server refuses offsets
   * (SerializationException), a client reading a response accepts them. Default false.
   */
  offsets?: boolean;
}

const toDate = (time: number | undefined): Date | undefined =>
  time === undefined || !Number.isFinite(time) ? undefined : new Date(time);

// One reader per format as well, so that a bundle keeps only the formats its operations read.

/** An RFC 3339 date-time (text); undefined when it is not one (or has an offset, unless `options.offsets`). */
export const parseDateTime = (value: unknown, options?: TimestampOptions): Date | undefined =>
  toDate(typeof value === "string" ? fromRfc3339(value, options?.offsets === true) : undefined);

/** An IMF-fixdate (text); undefined when it is not one. */
export const parseHttpDate = (value: unknown): Date | undefined =>
  toDate(typeof value === "string" ? fromHttpDate(value) : undefined);

/** Seconds since the epoch: a number, or its text; undefined for anything else. */
export const parseEpochSeconds = (value: unknown): Date | undefined => toDate(fromEpochSeconds(value));

/**
 * A timestamp from the wire: `value` is text (labels, query, headers, JSON strings) or, for epoch-seconds
 * in JSON, a number. Undefined when it does not follow `format` exactly (see readJsonTimestamp for JSON).
 */
export function parseTimestamp(
  value: unknown,
  format: TimestampFormat,
  options?: TimestampOptions,
): Date | undefined {
  if (format === "epoch-seconds") return parseEpochSeconds(value);
  return format === "date-time" ? parseDateTime(value, options) : parseHttpDate(value);
}

/** A JSON body value: epoch-seconds must be a JSON number there, the other formats a string. */
export function readJsonTimestamp(
  value: unknown,
  format: TimestampFormat,
  options?: TimestampOptions,
): Date | undefined {
  if (format === "epoch-seconds" && typeof value !== "number") return undefined;
  return parseTimestamp(value, format, options);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

// Responses often repeat one timestamp: the last date-time text is kept (same time value, same text).
let lastTime = Number.NaN;
let lastText = "";

/** RFC 3339 in UTC, with milliseconds only when there are some ("2014-04-29T18:30:38Z"). */
function dateTimeText(date: Date): string {
  const time = date.getTime();
  if (time === lastTime) return lastText;
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return date.toISOString().replace(".000Z", "Z");
  const ms = date.getUTCMilliseconds();
  const text = `${pad(year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${ms === 0 ? "" : `.${pad(ms, 3)}`}Z`;
  lastTime = time;
  lastText = text;
  return text;
}

/** A Date for the wire: a string for date-time and http-date, a number (seconds) for epoch-seconds. */
export function formatTimestamp(date: Date, format: TimestampFormat): string | number {
  if (Number.isNaN(date.getTime())) throw new TypeError("Cannot write an invalid Date as a timestamp");
  switch (format) {
    case "epoch-seconds":
      return date.getTime() / 1000;
    case "http-date":
      return date.toUTCString();
    default:
      return dateTimeText(date);
  }
}
