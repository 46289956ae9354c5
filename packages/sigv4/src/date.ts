/** `x-amz-date` format: ISO 8601 basic, UTC, whole seconds (`20240101T000000Z`). */
export const AMZ_DATE_PATTERN = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export interface SigningDate {
  /** `20240101T000000Z` */
  readonly longDate: string;
  /** `20240101`, the date part of the credential scope. */
  readonly shortDate: string;
}

export function formatAmzDate(date: Date): SigningDate {
  const longDate = date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
  return { longDate, shortDate: longDate.slice(0, 8) };
}

/** The last value parseAmzDate read and its instant: a busy server sees the same second over and over. */
let lastParsed: { text: string; time: number | undefined } = { text: "", time: undefined };

/** Parses an `x-amz-date` value; undefined when it is not a valid basic-format UTC instant. */
export function parseAmzDate(text: string): Date | undefined {
  if (text !== lastParsed.text) lastParsed = { text, time: parseAmzDateFields(text)?.getTime() };
  return lastParsed.time === undefined ? undefined : new Date(lastParsed.time);
}

function parseAmzDateFields(text: string): Date | undefined {
  const match = AMZ_DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // setUTCFullYear, unlike Date.UTC, keeps years 0-99 as they are.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  // Out-of-range fields (20240230, 25:00:00) roll over into another instant: reject them.
  const fieldsKept =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return fieldsKept ? date : undefined;
}
