// Streaming blob payloads (@streaming blobs) as both sides hand them around: what a caller may give,
// how long it is when that is known without reading it, and the one-shot stream a reader gets back
// with the AWS SDK v3 helpers (transformToByteArray / transformToString / transformToWebStream).
// Web APIs only: a Node Readable is an AsyncIterable<Uint8Array>, so it needs no Node import here.

/** What a streaming blob may be given as: bytes, text, a Blob, a web stream or any async iterable of bytes. */
export type StreamingBlobInput =
  | Uint8Array
  | string
  | Blob
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>;

/** A streaming blob as a reader receives it: a web stream to consume once, with the SDK v3 helpers. */
export type StreamingBlobOutput = ReadableStream<Uint8Array> & StreamingBlobHelpers;

export interface StreamingBlobHelpers {
  /** Reads the whole stream into one array. */
  transformToByteArray(): Promise<Uint8Array>;
  /** Reads the whole stream as text (UTF-8 unless another encoding that TextDecoder knows is named). */
  transformToString(encoding?: string): Promise<string>;
  /** The stream itself, for piping (`Readable.fromWeb` turns it into a Node stream). */
  transformToWebStream(): ReadableStream<Uint8Array>;
}

/** Whether a value is a stream that can be read only once (not bytes, text or a Blob). */
export function isOneShotStream(
  value: unknown,
): value is ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> {
  return (
    typeof value === "object" &&
    value !== null &&
    !(value instanceof Uint8Array) &&
    (value instanceof ReadableStream || Symbol.asyncIterator in value)
  );
}

const declaredLengths = new WeakMap<object, number>();

/**
 * Declares how many bytes a stream will yield, so it can go where a length is required
 * (@requiresLength, e.g. Omics UploadReadSetPart) and be sent with a Content-Length:
 * `sizedStream(createReadStream(file), (await stat(file)).size)`. A stream that then yields another
 * number of bytes fails the request (the HTTP layer refuses the mismatch).
 */
export function sizedStream<S extends ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>>(
  stream: S,
  length: number,
): S {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new RangeError(`A stream's length must be a whole number of bytes, not ${length}`);
  }
  declaredLengths.set(stream, length);
  return stream;
}

/**
 * The byte length of bytes, text, a Blob or a stream given to sizedStream; undefined for any other
 * stream (its length is unknown until read).
 */
export function knownLength(value: StreamingBlobInput): number | undefined {
  if (typeof value === "object" && declaredLengths.has(value)) return declaredLengths.get(value);
  if (typeof value === "string") return new TextEncoder().encode(value).byteLength;
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof Blob !== "undefined" && value instanceof Blob) return value.size;
  return undefined;
}

/**
 * A web stream of any async iterable of bytes, pulled one chunk per read (so backpressure reaches the
 * source); cancelling the stream ends the iterator. A Node Readable is read by its events (see
 * fromEventedReadable); cancelling destroys it, or with `onCancel: "discard"` (a server's request body)
 * reads and drops the rest.
 */
export function toWebStream(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  onCancel: "destroy" | "discard" = "destroy",
): ReadableStream<Uint8Array> {
  if (source instanceof ReadableStream) return source;
  if (isEventedReadable(source)) return fromEventedReadable(source, onCancel);
  let iterator: AsyncIterator<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        iterator ??= source[Symbol.asyncIterator]();
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(toBytes(next.value));
      },
      async cancel(reason) {
        await iterator?.return?.(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** The parts of a Node Readable (an IncomingMessage, a file stream…) the faster path below uses. */
interface EventedReadable extends AsyncIterable<Uint8Array> {
  on(event: string, listener: (...args: never[]) => void): unknown;
  pause(): unknown;
  resume(): unknown;
  destroy(error?: Error): unknown;
  readableEnded?: boolean;
}

function isEventedReadable(source: object): source is EventedReadable {
  const candidate = source as Partial<EventedReadable>;
  return (
    typeof candidate.on === "function" &&
    typeof candidate.pause === "function" &&
    typeof candidate.resume === "function" &&
    typeof candidate.destroy === "function"
  );
}

/** Bytes a Node Readable may run ahead of the reader: enough to keep a socket streaming. */
const READ_AHEAD_BYTES = 256 * 1024;

/**
 * A Node Readable as a web stream, by its events rather than its async iterator (one promise less per
 * chunk, and a bounded read-ahead so the socket keeps flowing): paused whenever the queue holds
 * READ_AHEAD_BYTES, resumed when the reader pulls. A source that closes before it ended (a client that
 * went away) errors the stream, so a reader never takes a cut-off body for a whole one.
 */
function fromEventedReadable(
  source: EventedReadable,
  onCancel: "destroy" | "discard",
): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        source.pause();
        source.on("data", (chunk: unknown) => {
          if (settled) return;
          controller.enqueue(toBytes(chunk));
          if ((controller.desiredSize ?? 0) <= 0) source.pause();
        });
        source.on("end", () => {
          if (settled) return;
          settled = true;
          controller.close();
        });
        source.on("error", (error: Error) => {
          if (settled) return;
          settled = true;
          controller.error(error);
        });
        source.on("close", () => {
          if (settled) return;
          settled = true;
          controller.error(new Error("The stream closed before it ended (premature close)"));
        });
      },
      pull() {
        source.resume();
      },
      cancel(reason) {
        settled = true;
        // A server that stops reading a request still answers it: the rest is read and dropped (as
        // Node drops an unread body), rather than the connection torn down under the response.
        if (onCancel === "discard") source.resume();
        else source.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    { highWaterMark: READ_AHEAD_BYTES, size: (chunk) => chunk.byteLength },
  );
}

/** A chunk as a Uint8Array (a Node Buffer already is one; text is encoded as UTF-8). */
function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === "string") return new TextEncoder().encode(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  throw new TypeError(`A streaming blob yielded a ${typeof chunk}, not bytes`);
}

/** `stream` with the SDK v3 helpers attached; each consumes it, and a second read throws. */
export function withStreamHelpers(stream: ReadableStream<Uint8Array>): StreamingBlobOutput {
  let consumed = false;
  const take = (): ReadableStream<Uint8Array> => {
    if (consumed || stream.locked)
      throw new TypeError("The streaming blob was already consumed: it can be read once.");
    consumed = true;
    return stream;
  };
  const helpers: StreamingBlobHelpers = {
    async transformToByteArray() {
      const chunks: Uint8Array[] = [];
      let total = 0;
      // A reader, not for-await: Safari's streams are not async iterable.
      const reader = take().getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        chunks.push(next.value);
        total += next.value.byteLength;
      }
      const bytes = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return bytes;
    },
    async transformToString(encoding = "utf-8") {
      return new TextDecoder(encoding).decode(await helpers.transformToByteArray());
    },
    transformToWebStream: take,
  };
  return Object.assign(stream, helpers);
}
