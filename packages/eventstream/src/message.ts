// One event-stream message on the wire (all integers big-endian):
//   total length (4) · headers length (4) · prelude CRC32 (4) · headers · payload · message CRC32 (4)
// The prelude CRC covers the first 8 bytes; the message CRC covers everything before it.
import { isUint8Array } from "./bytes.js";
import { crc32 } from "./crc32.js";
import { EventStreamError } from "./errors.js";
import { decodeHeaders, type MessageHeaders, prepareHeaders, writeHeaders } from "./headers.js";

export interface Message {
  readonly headers: MessageHeaders;
  /** The payload. A decoded message's body is a view into the bytes it was decoded from. */
  readonly body: Uint8Array;
}

export interface MessageLimits {
  /** Largest whole message, prelude and CRCs included; default 16 MiB, as AWS services enforce. */
  readonly maxMessageBytes?: number;
  /** Largest headers section; default 128 KiB, as AWS services enforce. */
  readonly maxHeadersBytes?: number;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_HEADERS_BYTES = 128 * 1024;
/** Prelude (12) plus message CRC (4): a message without headers and payload. */
export const MESSAGE_OVERHEAD_BYTES = 16;
export const PRELUDE_BYTES = 12;

/** Encodes one message; throws EventStreamError (InvalidHeader, InvalidLength) for what cannot be sent. */
export function encodeMessage(message: Message, limits: MessageLimits = {}): Uint8Array {
  const { prepared, size: headersLength } = prepareHeaders(message.headers);
  const body = message.body;
  if (!isUint8Array(body)) throw new EventStreamError("InvalidLength", "message body must be a Uint8Array");
  const maxHeaders = limits.maxHeadersBytes ?? DEFAULT_MAX_HEADERS_BYTES;
  if (headersLength > maxHeaders) {
    throw new EventStreamError(
      "InvalidLength",
      `headers of ${headersLength} bytes exceed the limit of ${maxHeaders}`,
    );
  }
  const total = MESSAGE_OVERHEAD_BYTES + headersLength + body.length;
  const maxMessage = limits.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (total > maxMessage) {
    throw new EventStreamError(
      "InvalidLength",
      `message of ${total} bytes exceeds the limit of ${maxMessage}`,
    );
  }
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, total);
  view.setUint32(4, headersLength);
  const preludeCrc = crc32(out, 0, 0, 8);
  view.setUint32(8, preludeCrc);
  const bodyStart = writeHeaders(prepared, out, view, PRELUDE_BYTES);
  out.set(body, bodyStart);
  view.setUint32(total - 4, crc32(out, preludeCrc, 8, total - 4));
  return out;
}

export interface Prelude {
  readonly totalLength: number;
  readonly headersLength: number;
  /** CRC32 of the first 8 bytes, also the starting value of the message CRC over the rest. */
  readonly preludeCrc: number;
}

/**
 * Reads and checks the 12-byte prelude at `offset`: its CRC first (so that corrupted lengths are
 * reported as corruption), then the lengths against each other and the limits.
 */
export function readPrelude(bytes: Uint8Array, offset: number, limits: MessageLimits = {}): Prelude {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, PRELUDE_BYTES);
  const totalLength = view.getUint32(0);
  const headersLength = view.getUint32(4);
  const preludeCrc = crc32(bytes, 0, offset, offset + 8);
  const sentCrc = view.getUint32(8);
  if (preludeCrc !== sentCrc) {
    throw new EventStreamError(
      "ChecksumMismatch",
      `prelude CRC32 mismatch: the message says ${hex32(sentCrc)}, its first 8 bytes give ${hex32(preludeCrc)}`,
    );
  }
  const maxMessage = limits.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (totalLength < MESSAGE_OVERHEAD_BYTES || totalLength > maxMessage) {
    throw new EventStreamError(
      "InvalidLength",
      `message total length ${totalLength} is outside [${MESSAGE_OVERHEAD_BYTES}, ${maxMessage}]`,
    );
  }
  const maxHeaders = limits.maxHeadersBytes ?? DEFAULT_MAX_HEADERS_BYTES;
  if (headersLength > totalLength - MESSAGE_OVERHEAD_BYTES || headersLength > maxHeaders) {
    throw new EventStreamError(
      "InvalidLength",
      `headers length ${headersLength} does not fit: the message has ${totalLength - MESSAGE_OVERHEAD_BYTES} bytes ` +
        `for headers and payload, and headers may take at most ${maxHeaders}`,
    );
  }
  return { totalLength, headersLength, preludeCrc };
}

/** Decodes `bytes[offset, offset + prelude.totalLength)`, whose prelude was checked already. */
export function decodeFramed(bytes: Uint8Array, offset: number, prelude: Prelude): Message {
  const end = offset + prelude.totalLength;
  const sentCrc = new DataView(bytes.buffer, bytes.byteOffset + end - 4, 4).getUint32(0);
  const crc = crc32(bytes, prelude.preludeCrc, offset + 8, end - 4);
  if (crc !== sentCrc) {
    throw new EventStreamError(
      "ChecksumMismatch",
      `message CRC32 mismatch: the message says ${hex32(sentCrc)}, its ${prelude.totalLength - 4} bytes give ${hex32(crc)}`,
    );
  }
  const headersStart = offset + PRELUDE_BYTES;
  const bodyStart = headersStart + prelude.headersLength;
  // A plain Uint8Array view even when the input is a Node Buffer (whose subarray is a Buffer).
  const body = new Uint8Array(bytes.buffer, bytes.byteOffset + bodyStart, end - 4 - bodyStart);
  return { headers: decodeHeaders(bytes, headersStart, bodyStart), body };
}

/** Decodes exactly one message; `bytes` must hold it whole and nothing else. */
export function decodeMessage(bytes: Uint8Array, limits: MessageLimits = {}): Message {
  if (bytes.length < PRELUDE_BYTES) {
    throw new EventStreamError(
      "TruncatedMessage",
      `${bytes.length} bytes cannot hold a message prelude (12 bytes)`,
    );
  }
  const prelude = readPrelude(bytes, 0, limits);
  if (bytes.length !== prelude.totalLength) {
    throw new EventStreamError(
      bytes.length < prelude.totalLength ? "TruncatedMessage" : "InvalidLength",
      `the prelude announces ${prelude.totalLength} bytes, but ${bytes.length} were given`,
    );
  }
  return decodeFramed(bytes, 0, prelude);
}

function hex32(value: number): string {
  return `0x${value.toString(16).padStart(8, "0")}`;
}
