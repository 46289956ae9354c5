// Message boundaries do not follow chunk boundaries: a chunk may end inside a prelude, hold
// several messages, or a piece of one. The decoder copies only what spans chunks; a message that
// lies whole inside one chunk is decoded in place.
import { EventStreamError } from "./errors.js";
import {
  decodeFramed,
  encodeMessage,
  type Message,
  type MessageLimits,
  PRELUDE_BYTES,
  type Prelude,
  readPrelude,
} from "./message.js";

/** Incremental decoder: feed it chunks as they arrive, then tell it the stream ended. */
export class MessageDecoder {
  private readonly prelude = new Uint8Array(PRELUDE_BYTES);
  private preludeFill = 0;
  /** The message being assembled across chunks, its prelude and how much of it has arrived. */
  private pending: { bytes: Uint8Array; prelude: Prelude; fill: number } | undefined;
  private failure: unknown;
  private messages = 0;

  constructor(private readonly limits: MessageLimits = {}) {}

  /**
   * Consumes `chunk`, calling `onMessage` for each message it completes, in order. A message's body
   * may be a view into `chunk`: copy it if the producer reuses its buffers. After an error every
   * further call throws it again (the stream is unusable once framing is lost).
   */
  write(chunk: Uint8Array, onMessage: (message: Message) => void): void {
    if (this.failure !== undefined) throw this.failure;
    try {
      this.consume(chunk, onMessage);
    } catch (error) {
      if (error instanceof EventStreamError) this.failure = error;
      throw error;
    }
  }

  /** Declares the end of the input; throws TruncatedMessage when it ends inside a message. */
  end(): void {
    if (this.failure !== undefined) throw this.failure;
    const received = this.pending ? this.pending.fill : this.preludeFill;
    if (received > 0) {
      const expected = this.pending ? `${this.pending.prelude.totalLength}-byte` : "next";
      this.failure = new EventStreamError(
        "TruncatedMessage",
        `the stream ended inside message ${this.messages + 1}: ${received} bytes of the ${expected} message arrived`,
      );
      throw this.failure;
    }
  }

  /** Bytes held for a message not yet complete. */
  get bufferedBytes(): number {
    return this.pending ? this.pending.fill : this.preludeFill;
  }

  private consume(chunk: Uint8Array, onMessage: (message: Message) => void): void {
    let at = 0;
    while (at < chunk.length) {
      let pending = this.pending;
      if (pending === undefined) {
        if (this.preludeFill === 0 && chunk.length - at >= PRELUDE_BYTES) {
          const prelude = readPrelude(chunk, at, this.limits);
          if (chunk.length - at >= prelude.totalLength) {
            const message = decodeFramed(chunk, at, prelude);
            at += prelude.totalLength;
            this.messages++;
            onMessage(message);
            continue;
          }
          pending = this.start(prelude, chunk.subarray(at, at + PRELUDE_BYTES));
          at += PRELUDE_BYTES;
        } else {
          const take = Math.min(PRELUDE_BYTES - this.preludeFill, chunk.length - at);
          this.prelude.set(chunk.subarray(at, at + take), this.preludeFill);
          this.preludeFill += take;
          at += take;
          if (this.preludeFill < PRELUDE_BYTES) return;
          pending = this.start(readPrelude(this.prelude, 0, this.limits), this.prelude);
          this.preludeFill = 0;
        }
      }
      const take = Math.min(pending.prelude.totalLength - pending.fill, chunk.length - at);
      pending.bytes.set(chunk.subarray(at, at + take), pending.fill);
      pending.fill += take;
      at += take;
      if (pending.fill === pending.prelude.totalLength) {
        this.pending = undefined;
        const message = decodeFramed(pending.bytes, 0, pending.prelude);
        this.messages++;
        onMessage(message);
      }
    }
  }

  private start(prelude: Prelude, preludeBytes: Uint8Array) {
    const bytes = new Uint8Array(prelude.totalLength);
    bytes.set(preludeBytes);
    this.pending = { bytes, prelude, fill: PRELUDE_BYTES };
    return this.pending;
  }
}

/** Byte sources the decoder reads: a web ReadableStream, a Node Readable, any async iterable. */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  // Safari's ReadableStream is not async-iterable: read it through a reader everywhere.
  if (typeof (source as ReadableStream).getReader === "function") {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      // Stopping early (break, an error downstream) cancels the source instead of leaving it locked.
      await reader.cancel().catch(() => {});
      reader.releaseLock();
    }
  }
  yield* source as AsyncIterable<Uint8Array>;
}

/** Decodes a byte stream into messages; throws EventStreamError on bad framing or truncation. */
export async function* decodeMessages(
  source: ByteSource,
  limits: MessageLimits = {},
): AsyncGenerator<Message> {
  const decoder = new MessageDecoder(limits);
  let ready: Message[] = [];
  const collect = (message: Message) => ready.push(message);
  const chunks =
    typeof (source as ReadableStream).getReader === "function"
      ? chunksOf(source)
      : (source as AsyncIterable<Uint8Array>);
  for await (const chunk of chunks) {
    decoder.write(chunk, collect);
    // Yielding one by one lets the consumer's pace hold back the reads (backpressure).
    const batch = ready;
    ready = [];
    for (const message of batch) yield message;
  }
  decoder.end();
}

/** A TransformStream from bytes to messages, for `response.body.pipeThrough(...)`. */
export function createDecoderStream(limits: MessageLimits = {}): TransformStream<Uint8Array, Message> {
  const decoder = new MessageDecoder(limits);
  return new TransformStream({
    transform(chunk, controller) {
      decoder.write(chunk, (message) => controller.enqueue(message));
    },
    flush() {
      decoder.end();
    },
  });
}

/** A TransformStream from messages to bytes, one chunk per message. */
export function createEncoderStream(limits: MessageLimits = {}): TransformStream<Message, Uint8Array> {
  return new TransformStream({
    transform(message, controller) {
      controller.enqueue(encodeMessage(message, limits));
    },
  });
}

/**
 * Encodes messages from an async iterable as a byte stream, one message per pull: the iterable is
 * advanced only as fast as the stream is read.
 */
export function encodeMessages(
  source: AsyncIterable<Message> | Iterable<Message>,
  limits: MessageLimits = {},
): ReadableStream<Uint8Array> {
  const iterator =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<Message>)[Symbol.asyncIterator]()
      : (source as Iterable<Message>)[Symbol.iterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(encodeMessage(value, limits));
      },
      async cancel(reason) {
        await iterator.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
