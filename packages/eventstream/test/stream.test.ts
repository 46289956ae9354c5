import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createDecoderStream,
  createEncoderStream,
  decodeMessages,
  encodeMessage,
  encodeMessages,
  type EventStreamError,
  type Message,
  MessageDecoder,
} from "../src/index.js";
import { message } from "./smithy-oracle.js";

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Cuts `bytes` at the given (sorted, deduplicated) positions. */
function cut(bytes: Uint8Array, positions: readonly number[]): Uint8Array[] {
  const points = [...new Set(positions.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.slice(from, point));
    from = point;
  }
  return chunks;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function readAll<T>(stream: ReadableStream<T>): Promise<T[]> {
  const reader = stream.getReader();
  const out: T[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

const text = (value: string) => new TextEncoder().encode(value);
const simple = (n: number): Message => ({
  headers: { n: { type: "integer", value: n } },
  body: text(`message ${n}`),
});

describe("MessageDecoder", () => {
  it("decodes any sequence of messages cut anywhere, including empty chunks and one byte at a time", () => {
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (messages, cuts) => {
          const bytes = concat(messages.map((m) => encodeMessage(m)));
          const decoder = new MessageDecoder();
          const decoded: Message[] = [];
          for (const chunk of cut(bytes, cuts)) decoder.write(chunk, (m) => decoded.push(m));
          decoder.end();
          expect(decoded).toEqual(messages);
          expect(decoder.bufferedBytes).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
    const bytes = concat([simple(1), simple(2)].map((m) => encodeMessage(m)));
    const decoder = new MessageDecoder();
    const decoded: Message[] = [];
    for (let i = 0; i < bytes.length; i++) decoder.write(bytes.subarray(i, i + 1), (m) => decoded.push(m));
    decoder.end();
    expect(decoded).toEqual([simple(1), simple(2)]);
  });

  it("decodes a message that lies whole in one chunk in place, without copying", () => {
    const bytes = encodeMessage(simple(1));
    let body: Uint8Array | undefined;
    new MessageDecoder().write(bytes, (m) => {
      body = m.body;
    });
    expect(body?.buffer).toBe(bytes.buffer);
  });

  it("reports a stream that ends inside a prelude or inside a message", () => {
    const bytes = encodeMessage(simple(1));
    for (const [end, text] of [
      [5, /ended inside message 2: 5 bytes of the next message arrived/],
      [20, /ended inside message 2: 20 bytes of the 3\d-byte message arrived/],
    ] as const) {
      const decoder = new MessageDecoder();
      decoder.write(concat([bytes, bytes.subarray(0, end)]), () => {});
      expect(decoder.bufferedBytes).toBe(end);
      expect(() => decoder.end()).toThrow(text);
    }
  });

  it("stays failed after a framing error: every later call throws it again", () => {
    const bytes = encodeMessage(simple(1));
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
    const decoder = new MessageDecoder();
    expect(() => decoder.write(bytes, () => {})).toThrow(/message CRC32 mismatch/);
    expect(() => decoder.write(encodeMessage(simple(2)), () => {})).toThrow(/message CRC32 mismatch/);
    expect(() => decoder.end()).toThrow(/message CRC32 mismatch/);
  });

  it("refuses an oversize message from its prelude, before buffering its body", () => {
    const bytes = encodeMessage({ headers: {}, body: new Uint8Array(1000) });
    const decoder = new MessageDecoder({ maxMessageBytes: 512 });
    expect(() => decoder.write(bytes.subarray(0, 12), () => {})).toThrow(
      /total length 1016 is outside \[16, 512\]/,
    );
  });
});

describe("stream adapters", () => {
  const messages = [simple(1), simple(2), simple(3)];
  const bytes = concat(messages.map((m) => encodeMessage(m)));

  it("decodeMessages reads a web ReadableStream, a Node Readable and an async generator", async () => {
    const chunks = cut(bytes, [3, 17, 40, 41, 90]);
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    async function* generator() {
      yield* chunks;
    }
    expect(await collect(decodeMessages(web))).toEqual(messages);
    expect(await collect(decodeMessages(Readable.from(chunks.map((c) => Buffer.from(c)))))).toEqual(messages);
    expect(await collect(decodeMessages(generator()))).toEqual(messages);
  });

  it("decodeMessages throws on a truncated stream after yielding the complete messages", async () => {
    const seen: Message[] = [];
    const run = async () => {
      for await (const m of decodeMessages([
        bytes.subarray(0, bytes.length - 3),
      ] as unknown as AsyncIterable<Uint8Array>))
        seen.push(m);
    };
    await expect(run()).rejects.toMatchObject({
      code: "TruncatedMessage",
    } satisfies Partial<EventStreamError>);
    expect(seen).toEqual(messages.slice(0, 2));
  });

  it("decodeMessages cancels a web stream when the consumer stops early", async () => {
    let cancelled: unknown;
    const web = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encodeMessage(simple(9)));
      },
      cancel(reason) {
        cancelled = reason ?? "cancelled";
      },
    });
    for await (const m of decodeMessages(web)) {
      expect(m).toEqual(simple(9));
      break;
    }
    expect(cancelled).toBeDefined();
  });

  it("createEncoderStream and createDecoderStream pipe messages through bytes and back", async () => {
    const source = new ReadableStream<Message>({
      start(controller) {
        for (const m of messages) controller.enqueue(m);
        controller.close();
      },
    });
    const encoded = source.pipeThrough(createEncoderStream());
    const decoded = encoded.pipeThrough(createDecoderStream());
    expect(await readAll(decoded)).toEqual(messages);
  });

  it("createDecoderStream errors the stream on truncation", async () => {
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 50));
        controller.close();
      },
    });
    await expect(readAll(source.pipeThrough(createDecoderStream()))).rejects.toMatchObject({
      code: "TruncatedMessage",
    });
  });

  it("encodeMessages pulls one message per read (backpressure) and returns the iterator on cancel", async () => {
    let produced = 0;
    let returned = false;
    const iterable: AsyncIterable<Message> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => ({ done: false, value: simple(++produced) }),
        return: async () => {
          returned = true;
          return { done: true, value: undefined };
        },
      }),
    };
    const stream = encodeMessages(iterable);
    const reader = stream.getReader();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(produced).toBe(0);
    const first = await reader.read();
    expect(first.value).toEqual(encodeMessage(simple(1)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(produced).toBe(1);
    await reader.cancel();
    expect(returned).toBe(true);
  });

  it("encodeMessages takes a plain iterable and errors the stream on a message it cannot encode", async () => {
    expect(await readAll(encodeMessages(messages))).toEqual(messages.map((m) => encodeMessage(m)));
    const bad = [{ headers: { b: { type: "byte", value: 300 } }, body: new Uint8Array(0) } as Message];
    await expect(readAll(encodeMessages(bad))).rejects.toThrow(/8-bit value/);
  });
});

describe("decoded values from Node Buffers", () => {
  it("are plain Uint8Array views, not Buffers", () => {
    const bytes = Buffer.from(
      encodeMessage({ headers: { b: { type: "binary", value: text("x") } }, body: text("body") }),
    );
    let decoded: Message | undefined;
    new MessageDecoder().write(bytes, (m) => {
      decoded = m;
    });
    expect(Object.getPrototypeOf(decoded?.body)).toBe(Uint8Array.prototype);
    expect(Object.getPrototypeOf(decoded?.headers.b?.value)).toBe(Uint8Array.prototype);
    expect(decoded?.body.buffer).toBe(bytes.buffer);
  });
});
