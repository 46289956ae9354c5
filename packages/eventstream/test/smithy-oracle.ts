// The AWS SDK for JavaScript's event-stream codec, used only as an independent oracle: our
// encoder must produce its bytes, and each side must read what the other wrote.
import { EventStreamCodec, Int64 } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import fc from "fast-check";
import type { HeaderValue, Message, MessageHeaders } from "../src/index.js";

export const smithyCodec = new EventStreamCodec(toUtf8, fromUtf8);

type SmithyHeaders = Parameters<EventStreamCodec["encode"]>[0]["headers"];
type SmithyHeaderValue = SmithyHeaders[string];

function int64Bytes(value: bigint): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, value);
  return bytes;
}

export function toSmithyHeaders(headers: MessageHeaders): SmithyHeaders {
  const out: SmithyHeaders = {};
  for (const [name, header] of Object.entries(headers)) {
    out[name] = (
      header.type === "long" ? { type: "long", value: new Int64(int64Bytes(header.value)) } : header
    ) as SmithyHeaderValue;
  }
  return out;
}

export function fromSmithyHeaders(headers: SmithyHeaders): MessageHeaders {
  const out: Record<string, HeaderValue> = {};
  for (const [name, header] of Object.entries(headers)) {
    out[name] =
      header.type === "long"
        ? {
            type: "long",
            value: new DataView(header.value.bytes.buffer, header.value.bytes.byteOffset).getBigInt64(0),
          }
        : (header as HeaderValue);
  }
  return out;
}

export function smithyEncode(message: Message): Uint8Array {
  return smithyCodec.encode({ headers: toSmithyHeaders(message.headers), body: message.body });
}

export function smithyDecode(bytes: Uint8Array): Message {
  const { headers, body } = smithyCodec.decode(bytes);
  return { headers: fromSmithyHeaders(headers), body };
}

/** Any header value of any type, across each type's whole range. */
export const headerValue: fc.Arbitrary<HeaderValue> = fc.oneof(
  fc.boolean().map((value) => ({ type: "boolean", value }) as const),
  fc.integer({ min: -128, max: 127 }).map((value) => ({ type: "byte", value }) as const),
  fc.integer({ min: -32768, max: 32767 }).map((value) => ({ type: "short", value }) as const),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((value) => ({ type: "integer", value }) as const),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value) => ({ type: "long", value }) as const),
  fc.uint8Array({ maxLength: 64 }).map((value) => ({ type: "binary", value }) as const),
  fc.string({ unit: "binary", maxLength: 40 }).map((value) => ({ type: "string", value }) as const),
  fc
    .integer({ min: -8.64e15, max: 8.64e15 })
    .map((ms) => ({ type: "timestamp", value: new Date(ms) }) as const),
  fc.uuid().map((value) => ({ type: "uuid", value }) as const),
);

/** Header names of 1 to 255 UTF-8 bytes ("__proto__" left out: the oracle's object would lose it). */
export const headerName = fc
  .string({ unit: "binary", minLength: 1, maxLength: 30 })
  .filter((name) => name !== "__proto__" && new TextEncoder().encode(name).length <= 255);

export const message: fc.Arbitrary<Message> = fc.record({
  headers: fc.dictionary(headerName, headerValue, { maxKeys: 8 }),
  body: fc.uint8Array({ maxLength: 200 }),
});
