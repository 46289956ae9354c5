// Header block of an event-stream message: a sequence of
//   name length (1 byte) · name (UTF-8) · type tag (1 byte) · value
// where the value's size follows from the tag (strings and byte arrays carry a 2-byte length).
import { isUint8Array } from "./bytes.js";
import { EventStreamError } from "./errors.js";

/** A typed header value; `type` names the wire tag (the same names the AWS SDK for JavaScript uses). */
export type HeaderValue =
  | { readonly type: "boolean"; readonly value: boolean }
  /** Signed 8-bit. */
  | { readonly type: "byte"; readonly value: number }
  /** Signed 16-bit. */
  | { readonly type: "short"; readonly value: number }
  /** Signed 32-bit. */
  | { readonly type: "integer"; readonly value: number }
  /** Signed 64-bit, exact. */
  | { readonly type: "long"; readonly value: bigint }
  | { readonly type: "binary"; readonly value: Uint8Array }
  | { readonly type: "string"; readonly value: string }
  /** Milliseconds since the epoch on the wire. */
  | { readonly type: "timestamp"; readonly value: Date }
  /** `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, 16 bytes on the wire (decoded lowercase). */
  | { readonly type: "uuid"; readonly value: string };

export type HeaderType = HeaderValue["type"];
/** Headers by name, in wire order (the order of insertion when encoding). */
export type MessageHeaders = Readonly<Record<string, HeaderValue>>;

const TAG = {
  true: 0,
  false: 1,
  byte: 2,
  short: 3,
  integer: 4,
  long: 5,
  binary: 6,
  string: 7,
  timestamp: 8,
  uuid: 9,
} as const;

/** Longest string or byte-array value, as the AWS implementations enforce (the length is 16-bit signed). */
export const MAX_HEADER_VALUE_BYTES = 32_767;
/** Longest header name (its length is one byte). */
export const MAX_HEADER_NAME_BYTES = 255;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The range of a JavaScript Date, in milliseconds. */
const MAX_DATE_MS = 8.64e15;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function invalid(message: string): EventStreamError {
  return new EventStreamError("InvalidHeader", message);
}

/** UTF-8 of short ASCII text (every header name in practice) without TextEncoder's call overhead. */
function utf8(text: string): Uint8Array {
  if (text.length <= 64) {
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) return utf8Encoder.encode(text);
      out[i] = code;
    }
    return out;
  }
  return utf8Encoder.encode(text);
}

function readUtf8(bytes: Uint8Array, start: number, end: number, what: () => string): string {
  if (end - start <= 64) {
    let text = "";
    for (let i = start; i < end; i++) {
      const byte = bytes[i] as number;
      if (byte >= 0x80) return decodeChecked(bytes, start, end, what);
      text += String.fromCharCode(byte);
    }
    return text;
  }
  return decodeChecked(bytes, start, end, what);
}

function decodeChecked(bytes: Uint8Array, start: number, end: number, what: () => string): string {
  try {
    return utf8Decoder.decode(bytes.subarray(start, end));
  } catch {
    throw invalid(`${what()} is not valid UTF-8`);
  }
}

function checkInteger(name: string, value: unknown, bits: number): number {
  const limit = 2 ** (bits - 1);
  if (typeof value !== "number" || !Number.isInteger(value) || value < -limit || value >= limit) {
    throw invalid(
      `header '${name}': ${bits}-bit value must be an integer in [${-limit}, ${limit - 1}], got ${String(value)}`,
    );
  }
  return value;
}

/** One header, validated and ready to write: its name bytes, tag and value bytes or number. */
interface PreparedHeader {
  readonly name: Uint8Array;
  readonly tag: number;
  /** Numeric value (byte/short/integer/timestamp), bigint (long) or bytes (binary/string/uuid). */
  readonly value: number | bigint | Uint8Array | undefined;
  /** Bytes after the tag. */
  readonly size: number;
}

function prepareValue(name: string, header: HeaderValue): Omit<PreparedHeader, "name"> {
  const { value } = header as { value: unknown };
  switch (header.type) {
    case "boolean":
      if (typeof value !== "boolean")
        throw invalid(`header '${name}': boolean value expected, got ${typeof value}`);
      return { tag: value ? TAG.true : TAG.false, value: undefined, size: 0 };
    case "byte":
      return { tag: TAG.byte, value: checkInteger(name, value, 8), size: 1 };
    case "short":
      return { tag: TAG.short, value: checkInteger(name, value, 16), size: 2 };
    case "integer":
      return { tag: TAG.integer, value: checkInteger(name, value, 32), size: 4 };
    case "long": {
      const long = typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : value;
      if (typeof long !== "bigint" || long < INT64_MIN || long > INT64_MAX) {
        throw invalid(
          `header '${name}': long value must be a bigint in the signed 64-bit range, got ${String(value)}`,
        );
      }
      return { tag: TAG.long, value: long, size: 8 };
    }
    case "binary": {
      if (!isUint8Array(value)) throw invalid(`header '${name}': binary value must be a Uint8Array`);
      if (value.length > MAX_HEADER_VALUE_BYTES) {
        throw invalid(
          `header '${name}': binary value of ${value.length} bytes exceeds ${MAX_HEADER_VALUE_BYTES}`,
        );
      }
      return { tag: TAG.binary, value, size: 2 + value.length };
    }
    case "string": {
      if (typeof value !== "string")
        throw invalid(`header '${name}': string value expected, got ${typeof value}`);
      const bytes = utf8(value);
      if (bytes.length > MAX_HEADER_VALUE_BYTES) {
        throw invalid(
          `header '${name}': string value of ${bytes.length} UTF-8 bytes exceeds ${MAX_HEADER_VALUE_BYTES}`,
        );
      }
      return { tag: TAG.string, value: bytes, size: 2 + bytes.length };
    }
    case "timestamp": {
      const ms = value instanceof Date ? value.getTime() : Number.NaN;
      if (!Number.isFinite(ms)) throw invalid(`header '${name}': timestamp value must be a valid Date`);
      return { tag: TAG.timestamp, value: ms, size: 8 };
    }
    case "uuid": {
      if (typeof value !== "string" || !UUID_PATTERN.test(value)) {
        throw invalid(
          `header '${name}': uuid value must look like 01234567-89ab-cdef-0123-456789abcdef, got '${String(value)}'`,
        );
      }
      const hex = value.replaceAll("-", "");
      const bytes = new Uint8Array(16);
      for (let i = 0; i < 16; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
      return { tag: TAG.uuid, value: bytes, size: 16 };
    }
    default:
      throw invalid(`header '${name}': unknown header type '${(header as { type: unknown }).type}'`);
  }
}

/** Validates headers and works out their encoded size; {@link writeHeaders} then writes them. */
export function prepareHeaders(headers: MessageHeaders): { prepared: PreparedHeader[]; size: number } {
  const prepared: PreparedHeader[] = [];
  let size = 0;
  for (const name in headers) {
    if (!Object.hasOwn(headers, name)) continue;
    const nameBytes = utf8(name);
    if (nameBytes.length === 0 || nameBytes.length > MAX_HEADER_NAME_BYTES) {
      throw invalid(
        `header name must be 1 to ${MAX_HEADER_NAME_BYTES} UTF-8 bytes, got ${nameBytes.length} ('${name.slice(0, 40)}')`,
      );
    }
    const header = prepareValue(name, headers[name] as HeaderValue);
    prepared.push({ name: nameBytes, ...header });
    size += 2 + nameBytes.length + header.size;
  }
  return { prepared, size };
}

/** Writes prepared headers at `offset`; returns the offset after them. */
export function writeHeaders(
  prepared: readonly PreparedHeader[],
  out: Uint8Array,
  view: DataView,
  offset: number,
): number {
  let at = offset;
  for (const { name, tag, value } of prepared) {
    out[at++] = name.length;
    out.set(name, at);
    at += name.length;
    out[at++] = tag;
    switch (tag) {
      case TAG.byte:
        view.setInt8(at++, value as number);
        break;
      case TAG.short:
        view.setInt16(at, value as number);
        at += 2;
        break;
      case TAG.integer:
        view.setInt32(at, value as number);
        at += 4;
        break;
      case TAG.long:
        view.setBigInt64(at, value as bigint);
        at += 8;
        break;
      case TAG.timestamp:
        view.setBigInt64(at, BigInt(value as number));
        at += 8;
        break;
      case TAG.binary:
      case TAG.string:
        view.setUint16(at, (value as Uint8Array).length);
        out.set(value as Uint8Array, at + 2);
        at += 2 + (value as Uint8Array).length;
        break;
      case TAG.uuid:
        out.set(value as Uint8Array, at);
        at += 16;
        break;
    }
  }
  return at;
}

/** Encodes headers alone (what SigV4 event signing hashes). */
export function encodeHeaders(headers: MessageHeaders): Uint8Array {
  const { prepared, size } = prepareHeaders(headers);
  const out = new Uint8Array(size);
  writeHeaders(prepared, out, new DataView(out.buffer), 0);
  return out;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/** Decodes the header block `bytes[start, end)`; values of type binary are views into `bytes`. */
export function decodeHeaders(bytes: Uint8Array, start = 0, end = bytes.length): Record<string, HeaderValue> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headers: Record<string, HeaderValue> = {};
  let at = start;
  const need = (count: number, what: string) => {
    if (at + count > end) {
      throw invalid(
        `${what} needs ${count} bytes at offset ${at - start} of the ${end - start}-byte headers section, which ends first`,
      );
    }
  };
  while (at < end) {
    const nameLength = bytes[at++] as number;
    if (nameLength === 0) throw invalid(`header name of length 0 at offset ${at - 1 - start}`);
    need(nameLength + 1, "header name and type");
    const name = readUtf8(bytes, at, at + nameLength, () => `header name at offset ${at - start}`);
    at += nameLength;
    if (Object.hasOwn(headers, name)) throw invalid(`header '${name}' appears twice`);
    const tag = bytes[at++] as number;
    let header: HeaderValue;
    switch (tag) {
      case TAG.true:
      case TAG.false:
        header = { type: "boolean", value: tag === TAG.true };
        break;
      case TAG.byte:
        need(1, `header '${name}' (byte)`);
        header = { type: "byte", value: view.getInt8(at) };
        at += 1;
        break;
      case TAG.short:
        need(2, `header '${name}' (short)`);
        header = { type: "short", value: view.getInt16(at) };
        at += 2;
        break;
      case TAG.integer:
        need(4, `header '${name}' (integer)`);
        header = { type: "integer", value: view.getInt32(at) };
        at += 4;
        break;
      case TAG.long:
        need(8, `header '${name}' (long)`);
        header = { type: "long", value: view.getBigInt64(at) };
        at += 8;
        break;
      case TAG.timestamp: {
        need(8, `header '${name}' (timestamp)`);
        const ms = Number(view.getBigInt64(at));
        if (Math.abs(ms) > MAX_DATE_MS)
          throw invalid(`header '${name}': timestamp ${ms} ms is outside the range of a date`);
        header = { type: "timestamp", value: new Date(ms) };
        at += 8;
        break;
      }
      case TAG.binary:
      case TAG.string: {
        const kind = tag === TAG.binary ? "binary" : "string";
        need(2, `header '${name}' (${kind} length)`);
        const length = view.getUint16(at);
        at += 2;
        need(length, `header '${name}' (${kind} value)`);
        header =
          tag === TAG.binary
            ? { type: "binary", value: new Uint8Array(bytes.buffer, bytes.byteOffset + at, length) }
            : {
                type: "string",
                value: readUtf8(bytes, at, at + length, () => `header '${name}' string value`),
              };
        at += length;
        break;
      }
      case TAG.uuid: {
        need(16, `header '${name}' (uuid)`);
        let hex = "";
        for (let i = 0; i < 16; i++) hex += HEX[bytes[at + i] as number];
        header = {
          type: "uuid",
          value: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
        };
        at += 16;
        break;
      }
      default:
        throw invalid(`header '${name}' has unknown type tag ${tag}`);
    }
    setHeader(headers, name, header);
  }
  return headers;
}

/** Adds a header to a headers object; "__proto__" is a legal name, which plain assignment would not store. */
export function setHeader(headers: Record<string, HeaderValue>, name: string, header: HeaderValue): void {
  if (name === "__proto__") {
    Object.defineProperty(headers, name, {
      value: header,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else headers[name] = header;
}
