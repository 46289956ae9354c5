import { runInNewContext } from "node:vm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  crc32,
  decodeHeaders,
  decodeMessage,
  encodeHeaders,
  encodeMessage,
  type EventStreamError,
  type HeaderValue,
  type Message,
} from "../src/index.js";
import { message, smithyDecode, smithyEncode } from "./smithy-oracle.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

function expectError(run: () => unknown, code: EventStreamError["code"], text: RegExp) {
  try {
    run();
  } catch (error) {
    expect((error as EventStreamError).name).toBe("EventStreamError");
    expect((error as EventStreamError).code).toBe(code);
    expect((error as Error).message).toMatch(text);
    return;
  }
  throw new Error(`expected an EventStreamError ${code}`);
}

/** Rewrites both CRCs after a test has edited a message's bytes, so only the edit is wrong. */
function fixCrcs(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setUint32(8, crc32(bytes, 0, 0, 8));
  view.setUint32(bytes.length - 4, crc32(bytes, 0, 0, bytes.length - 4));
  return bytes;
}

describe("encodeMessage / decodeMessage against the AWS SDK's codec", () => {
  it("encodes exactly the SDK's bytes, and each side decodes the other's", () => {
    fc.assert(
      fc.property(message, (original) => {
        const ours = encodeMessage(original);
        expect(ours).toEqual(smithyEncode(original));
        expect(decodeMessage(ours)).toEqual(original);
        expect(smithyDecode(ours)).toEqual(original);
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips every header type at the edges of its range", () => {
    const edges: Message = {
      headers: {
        yes: { type: "boolean", value: true },
        no: { type: "boolean", value: false },
        byteMin: { type: "byte", value: -128 },
        byteMax: { type: "byte", value: 127 },
        shortMin: { type: "short", value: -32768 },
        shortMax: { type: "short", value: 32767 },
        intMin: { type: "integer", value: -(2 ** 31) },
        intMax: { type: "integer", value: 2 ** 31 - 1 },
        longMin: { type: "long", value: -(2n ** 63n) },
        longMax: { type: "long", value: 2n ** 63n - 1n },
        emptyBinary: { type: "binary", value: new Uint8Array(0) },
        bigBinary: { type: "binary", value: new Uint8Array(32767).fill(7) },
        emptyString: { type: "string", value: "" },
        unicode: { type: "string", value: "Grüße, 世界 🧬" },
        epochMinus: { type: "timestamp", value: new Date(-1) },
        dateMax: { type: "timestamp", value: new Date(8.64e15) },
        uuid: { type: "uuid", value: "00112233-4455-6677-8899-aabbccddeeff" },
        __proto__: { type: "string", value: "a legal name" },
      },
      body: utf8("payload"),
    };
    const decoded = decodeMessage(encodeMessage(edges));
    expect(decoded).toEqual(edges);
    expect(Object.keys(decoded.headers)).toEqual(Object.keys(edges.headers));
  });

  it("writes a uuid given in upper case and reads it back in lower case", () => {
    const bytes = encodeMessage({
      headers: { id: { type: "uuid", value: "AABBCCDD-EEFF-0011-2233-445566778899" } },
      body: new Uint8Array(0),
    });
    expect(decodeMessage(bytes).headers.id).toEqual({
      type: "uuid",
      value: "aabbccdd-eeff-0011-2233-445566778899",
    });
  });

  it("lays out the prelude, headers, payload and CRCs as the format says", () => {
    const bytes = encodeMessage({ headers: { a: { type: "byte", value: -1 } }, body: utf8("hi") });
    // total 16 + header (1 + 1 + 1 + 1) + payload 2 = 22; headers length 4.
    expect([...bytes.subarray(0, 8)]).toEqual([0, 0, 0, 22, 0, 0, 0, 4]);
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(8)).toBe(crc32(bytes.subarray(0, 8)));
    expect([...bytes.subarray(12, 16)]).toEqual([1, 0x61, 2, 0xff]);
    expect([...bytes.subarray(16, 18)]).toEqual([0x68, 0x69]);
    expect(view.getUint32(18)).toBe(crc32(bytes.subarray(0, 18)));
  });

  it("encodes headers alone as they appear inside a message", () => {
    const headers = { ":date": { type: "timestamp", value: new Date(1_700_000_000_123) } } as const;
    const encoded = encodeHeaders(headers);
    const bytes = encodeMessage({ headers, body: new Uint8Array(0) });
    expect(encoded).toEqual(bytes.subarray(12, 12 + encoded.length));
    expect(decodeHeaders(encoded)).toEqual(headers);
  });

  it("takes bytes made in another realm (frame, worker, vm) for the body and binary headers", () => {
    const foreign = runInNewContext("new Uint8Array([1, 2, 3])") as Uint8Array;
    expect(foreign instanceof Uint8Array).toBe(false);
    const decoded = decodeMessage(
      encodeMessage({ headers: { b: { type: "binary", value: foreign } }, body: foreign }),
    );
    expect(Array.from(decoded.body)).toEqual([1, 2, 3]);
    expect(Array.from(decoded.headers.b?.value as Uint8Array)).toEqual([1, 2, 3]);
  });

  it("decodes a message inside a larger buffer at an offset", () => {
    const bytes = encodeMessage({ headers: { k: { type: "string", value: "v" } }, body: utf8("body") });
    const padded = new Uint8Array(bytes.length + 10);
    padded.set(bytes, 5);
    const decoded = decodeMessage(padded.subarray(5, 5 + bytes.length));
    expect(decoded.headers).toEqual({ k: { type: "string", value: "v" } });
    expect(new TextDecoder().decode(decoded.body)).toBe("body");
  });
});

describe("decodeMessage refuses bad bytes with a clear error", () => {
  const good = () =>
    encodeMessage({ headers: { name: { type: "string", value: "value" } }, body: utf8("payload") });

  it("fewer bytes than a prelude", () => {
    expectError(
      () => decodeMessage(good().subarray(0, 11)),
      "TruncatedMessage",
      /11 bytes cannot hold a message prelude/,
    );
  });

  it("fewer bytes than the prelude announces", () => {
    const bytes = good();
    expectError(
      () => decodeMessage(bytes.subarray(0, bytes.length - 1)),
      "TruncatedMessage",
      /announces 36 bytes, but 35/,
    );
  });

  it("more bytes than the prelude announces", () => {
    const bytes = good();
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expectError(() => decodeMessage(longer), "InvalidLength", /announces 36 bytes, but 37/);
  });

  it("a prelude whose CRC does not match", () => {
    const bytes = good();
    bytes[3] = (bytes[3] as number) ^ 1;
    expectError(() => decodeMessage(bytes), "ChecksumMismatch", /prelude CRC32 mismatch/);
  });

  it("a message whose CRC does not match (one payload bit flipped)", () => {
    const bytes = good();
    bytes[bytes.length - 6] = (bytes[bytes.length - 6] as number) ^ 0x10;
    expectError(() => decodeMessage(bytes), "ChecksumMismatch", /message CRC32 mismatch/);
  });

  it("a total length below the 16-byte minimum", () => {
    const bytes = new Uint8Array(16);
    new DataView(bytes.buffer).setUint32(0, 15);
    expectError(
      () => decodeMessage(fixCrcs(bytes)),
      "InvalidLength",
      /total length 15 is outside \[16, 16777216\]/,
    );
  });

  it("a total length over the limit, before reading further", () => {
    const bytes = good();
    expectError(
      () => decodeMessage(bytes, { maxMessageBytes: 35 }),
      "InvalidLength",
      /total length 36 is outside \[16, 35\]/,
    );
  });

  it("a headers length longer than the message", () => {
    const bytes = good();
    new DataView(bytes.buffer).setUint32(4, 26);
    expectError(() => decodeMessage(fixCrcs(bytes)), "InvalidLength", /headers length 26 does not fit/);
  });

  it("a headers length over the headers limit", () => {
    expectError(() => decodeMessage(good(), { maxHeadersBytes: 10 }), "InvalidLength", /at most 10/);
  });

  it.each([
    ["an unknown type tag", [1, 0x61, 10], /header 'a' has unknown type tag 10/],
    ["a name of length 0", [0, 0], /header name of length 0/],
    ["a name running past the end", [5, 0x61], /header name and type needs 6 bytes/],
    ["a short value cut off", [1, 0x61, 3, 0], /header 'a' \(short\) needs 2 bytes/],
    ["a string value cut off", [1, 0x61, 7, 0, 5, 0x62], /header 'a' \(string value\) needs 5 bytes/],
    ["a uuid cut off", [1, 0x61, 9, 1, 2, 3], /header 'a' \(uuid\) needs 16 bytes/],
    ["invalid UTF-8 in a string", [1, 0x61, 7, 0, 1, 0xff], /header 'a' string value is not valid UTF-8/],
    ["invalid UTF-8 in a name", [1, 0xc3, 0], /header name at offset 1 is not valid UTF-8/],
    ["a header named twice", [1, 0x61, 0, 1, 0x61, 1], /header 'a' appears twice/],
    [
      "a timestamp out of a date's range",
      [1, 0x61, 8, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
      /outside the range/,
    ],
  ])("headers with %s", (_name, headerBytes, text) => {
    const headers = Uint8Array.from(headerBytes);
    const bytes = new Uint8Array(16 + headers.length);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, bytes.length);
    view.setUint32(4, headers.length);
    bytes.set(headers, 12);
    expectError(() => decodeMessage(fixCrcs(bytes)), "InvalidHeader", text);
  });
});

describe("a header value may not run into the payload", () => {
  it("is refused, where the AWS SDK's codec reads the payload's bytes into the header", () => {
    const headers = [1, 0x61, 7, 0, 6, 0x78];
    const body = [...utf8("yzBODY")];
    const bytes = new Uint8Array(16 + headers.length + body.length);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, bytes.length);
    view.setUint32(4, headers.length);
    bytes.set(headers, 12);
    bytes.set(body, 12 + headers.length);
    fixCrcs(bytes);
    expect(smithyDecode(bytes).headers.a).toEqual({ type: "string", value: "xyzBOD" });
    expectError(
      () => decodeMessage(bytes),
      "InvalidHeader",
      /header 'a' \(string value\) needs 6 bytes at offset 5 of the 6-byte headers section/,
    );
  });
});

describe("encodeMessage refuses what it cannot send", () => {
  const encodeHeader =
    (value: HeaderValue, name = "h") =>
    () =>
      encodeMessage({ headers: { [name]: value }, body: new Uint8Array(0) });

  it.each<[string, HeaderValue, RegExp]>([
    [
      "a byte over 127",
      { type: "byte", value: 128 },
      /8-bit value must be an integer in \[-128, 127\], got 128/,
    ],
    ["a fractional short", { type: "short", value: 1.5 }, /16-bit value must be an integer/],
    ["an integer over 2^31 - 1", { type: "integer", value: 2 ** 31 }, /32-bit value/],
    ["a long over 2^63 - 1", { type: "long", value: 2n ** 63n }, /signed 64-bit range/],
    [
      "a string over 32767 bytes",
      { type: "string", value: "é".repeat(16384) },
      /32768 UTF-8 bytes exceeds 32767/,
    ],
    [
      "a binary over 32767 bytes",
      { type: "binary", value: new Uint8Array(32768) },
      /32768 bytes exceeds 32767/,
    ],
    ["an invalid date", { type: "timestamp", value: new Date(Number.NaN) }, /valid Date/],
    ["a malformed uuid", { type: "uuid", value: "not-a-uuid" }, /uuid value must look like/],
    [
      "a boolean given as a string",
      { type: "boolean", value: "true" as unknown as boolean },
      /boolean value expected, got string/,
    ],
    ["an unknown type", { type: "float", value: 1 } as unknown as HeaderValue, /unknown header type 'float'/],
  ])("%s", (_name, value, text) => {
    expectError(encodeHeader(value), "InvalidHeader", text);
  });

  it("accepts a long given as a safe integer number", () => {
    const bytes = encodeHeader({ type: "long", value: 42 as unknown as bigint })();
    expect(decodeMessage(bytes).headers.h).toEqual({ type: "long", value: 42n });
  });

  it("an empty header name or one over 255 bytes", () => {
    expectError(
      encodeHeader({ type: "boolean", value: true }, ""),
      "InvalidHeader",
      /1 to 255 UTF-8 bytes, got 0/,
    );
    expectError(encodeHeader({ type: "boolean", value: true }, "x".repeat(256)), "InvalidHeader", /got 256/);
  });

  it("a message over the limit and headers over the headers limit", () => {
    const body = new Uint8Array(100);
    expectError(
      () => encodeMessage({ headers: {}, body }, { maxMessageBytes: 115 }),
      "InvalidLength",
      /116 bytes exceeds the limit of 115/,
    );
    expectError(
      () =>
        encodeMessage(
          { headers: { h: { type: "string", value: "x".repeat(50) } }, body },
          { maxHeadersBytes: 50 },
        ),
      "InvalidLength",
      /headers of 55 bytes exceed the limit of 50/,
    );
  });

  it("a body that is not bytes", () => {
    expectError(
      () => encodeMessage({ headers: {}, body: "text" as unknown as Uint8Array }),
      "InvalidLength",
      /body must be a Uint8Array/,
    );
  });
});
