// restJson1 bindings outside the JSON body: labels, query strings and headers. The generated
// request and response functions call these only for the bindings an operation has. The encoding
// itself (labels, header lists, base64, timestamps) is the shared codec's (@seqstore/protocol).
import {
  encodeLabel,
  joinHeaderList,
  type StreamingBlobOutput,
  splitHeaderList as splitList,
  withStreamHelpers,
} from "@seqstore/protocol";
import { fromBase64, textFromHeader } from "./base64.js";
import type { Json, TimestampFormat } from "./spec.js";
import { parseTimestamp } from "./timestamps.js";

/** A label's value for the path: required and non-empty; a greedy `{name+}` label keeps its slashes. */
export function label(text: string | undefined, operation: string, member: string, greedy?: 1): string {
  if (!text)
    throw new Error(`${operation}: the input member '${member}' is bound to the URI and must be set`);
  return encodeLabel(text, greedy === 1);
}

/** openapi-fetch path serializer: fills `{label}` / `{label+}` with values `label` already encoded. */
export function fillLabels(pathname: string, params: Record<string, unknown>): string {
  return pathname.replace(/\{([^{}+]+)\+?\}/g, (match, name: string) => {
    const value = params[name];
    return typeof value === "string" ? value : match;
  });
}

/** The query: bound members, then @httpQueryParams entries for keys neither they nor the uri's constant query took. */
export function fillQuery(
  query: Record<string, string | string[] | undefined>,
  extra: unknown,
  taken: readonly string[] = [],
): Record<string, string | string[] | undefined> {
  for (const [key, value] of Object.entries((extra ?? {}) as Json)) {
    if (query[key] === undefined && value != null && !taken.includes(key)) {
      query[key] = Array.isArray(value) ? value.map(String) : String(value);
    }
  }
  return query;
}

/** A header list: items joined by ", ", strings quoted when they hold a comma or a quote; "" when empty. */
export function headerList(list: unknown, toText: (item: never) => string, quote?: 1): string | undefined {
  return Array.isArray(list)
    ? joinHeaderList(
        list.map((item) => toText(item as never)),
        quote === 1,
      )
    : undefined;
}

/** @httpPrefixHeaders going out: one header per string entry of the map. */
export function prefixHeaders(map: unknown, prefix: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries((map ?? {}) as Json)) {
    if (typeof value === "string") headers[`${prefix}${key}`] = value;
  }
  return headers;
}

/** @httpPrefixHeaders coming in: every header starting with the prefix, by the rest of its name. */
export function readPrefixHeaders(headers: Headers, prefix: string): Record<string, string> {
  const map: Record<string, string> = {};
  const lower = prefix.toLowerCase();
  headers.forEach((value, name) => {
    if (name.startsWith(lower)) map[name.slice(lower.length)] = value;
  });
  return map;
}

/** "base64": a string with @mediaType, which travels base64-encoded. */
export type HeaderType = "string" | "number" | "boolean" | "bigint" | "timestamp" | "blob" | "base64";

function parseScalar(text: string, type: HeaderType, format: TimestampFormat): unknown {
  switch (type) {
    case "string":
      return text;
    case "number":
      return Number(text);
    case "bigint":
      return BigInt(text);
    case "boolean":
      if (text !== "true" && text !== "false") throw new TypeError(`Expected a boolean header, got ${text}`);
      return text === "true";
    case "timestamp":
      return parseTimestamp(text, format);
    case "blob":
      return fromBase64(text);
    case "base64":
      return textFromHeader(text);
  }
}

/** Splits a header list at commas outside double quotes; http-dates hold a comma of their own. */
export function splitHeaderList(
  text: string,
  type: HeaderType,
  format: TimestampFormat = "http-date",
): string[] {
  return splitList(text, type === "timestamp" && format === "http-date");
}

/** A header-bound output member: its value, a list of them, or undefined when the header is absent. */
export function readHeader(
  headers: Headers,
  name: string,
  type: HeaderType,
  format: TimestampFormat = "http-date",
  list?: 1,
): unknown {
  const text = headers.get(name);
  if (text === null) return undefined;
  return list
    ? splitHeaderList(text, type, format).map((item) => parseScalar(item, type, format))
    : parseScalar(text.trim(), type, format);
}

/** A blob payload coming in: its bytes, or absent when the body is empty. */
export const payloadBytes = (data: ArrayBuffer | undefined): Uint8Array | undefined =>
  data?.byteLength ? new Uint8Array(data) : undefined;

/** A streaming blob payload coming in: the response's stream with the AWS SDK v3 helpers (empty if none). */
export const payloadStream = (data: ReadableStream<Uint8Array> | undefined): StreamingBlobOutput =>
  withStreamHelpers(data ?? new ReadableStream({ start: (controller) => controller.close() }));

/** openapi-fetch body serializer for blob and string payloads: they go out as they are. */
export const asIs = (body: unknown): unknown => body;
