// Streaming blob bodies on node:http, for both adapters: a request body handed to the core unread, and a
// response body piped out. Both pull one chunk at a time, so backpressure holds end to end.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { toWebStream } from "@seqstore/protocol";

/**
 * The request body as a web stream that reads the socket only as fast as the handler reads the stream.
 * A client that aborts or a connection that breaks before the body ended makes the handler's next read
 * reject (Node's `aborted` / premature close), so a handler that commits only once the stream ended
 * normally never commits a partial body.
 */
export function requestBodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  return toWebStream(req, "discard");
}

/**
 * Pipes a streaming response body into `res` (whose head is already set). A body that fails midway can
 * only abort the connection: the status is gone, so the socket is destroyed and the client sees a
 * truncated response, never a complete-looking one. A client that goes away cancels the body's source.
 */
export async function pipeResponseBody(
  res: ServerResponse,
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): Promise<void> {
  const source =
    body instanceof Readable
      ? body
      : body instanceof ReadableStream
        ? Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>)
        : Readable.from(body, { objectMode: false });
  try {
    await pipeline(source, res);
  } catch (error) {
    res.destroy();
    throw error;
  }
}
