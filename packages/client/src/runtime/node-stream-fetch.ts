// A fetch for streaming blobs over node:http(s): Node 20's fetch keeps every chunk of a streamed
// request body until the request completes (nodejs/undici#4058), so a long upload through it grows
// without bound; a long download also reads faster and flatter from the socket directly. Found through
// process.getBuiltinModule, so browser bundles carry no Node import (there, undefined: fetch with
// `duplex: "half"` sends the stream).
import { toWebStream } from "@seqstore/protocol";

type NodeModules = {
  http: typeof import("node:http");
  https: typeof import("node:https");
  stream: typeof import("node:stream");
};

let modules: NodeModules | null | undefined;

function nodeModules(): NodeModules | undefined {
  if (modules === undefined) {
    const get = (
      globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
    ).process?.getBuiltinModule?.bind(undefined);
    modules = get
      ? {
          http: get("node:http") as NodeModules["http"],
          https: get("node:https") as NodeModules["https"],
          stream: get("node:stream") as NodeModules["stream"],
        }
      : null;
  }
  return modules ?? undefined;
}

/** Statuses whose responses have no body (a Response refuses one for them). */
const NO_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * Sends a request with node:http: a streamed `init.body` (web ReadableStream, async iterable such as a
 * Node Readable, Blob) piped with backpressure, bytes or text written at once; resolves to a web
 * Response whose body streams the reply, pulled from the socket as it is read. Undefined outside Node.
 */
export function nodeStreamFetch(): ((url: string, init: RequestInit) => Promise<Response>) | undefined {
  const node = nodeModules();
  if (!node) return undefined;
  const { http, https, stream } = node;
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      const method = init.method ?? "GET";
      const headers = Object.fromEntries(new Headers(init.headers));
      const request = (target.protocol === "https:" ? https : http).request(
        target,
        { method, headers },
        (response) => {
          const replyHeaders = new Headers();
          const raw = response.rawHeaders;
          for (let i = 0; i + 1 < raw.length; i += 2) replyHeaders.append(raw[i]!, raw[i + 1]!);
          const status = response.statusCode ?? 0;
          const empty = NO_BODY.has(status) || method === "HEAD";
          if (empty) response.resume();
          resolve(
            new Response(empty ? null : toWebStream(response), {
              status,
              statusText: response.statusMessage ?? "",
              headers: replyHeaders,
            }),
          );
        },
      );
      const signal = init.signal;
      const abort = () => request.destroy(signal?.reason ?? new DOMException("aborted", "AbortError"));
      if (signal?.aborted) return abort();
      signal?.addEventListener("abort", abort, { once: true });
      request.on("error", reject);
      request.on("close", () => signal?.removeEventListener("abort", abort));
      const body = init.body as unknown as ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null;
      if (body == null || typeof body === "string" || body instanceof Uint8Array) {
        request.end(body ?? undefined);
        return;
      }
      if (typeof Blob !== "undefined" && body instanceof Blob) {
        stream.pipeline(stream.Readable.fromWeb(body.stream() as never), request, (error) => {
          if (error) request.destroy(error);
        });
        return;
      }
      const source =
        body instanceof stream.Readable
          ? body
          : body instanceof ReadableStream
            ? stream.Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>)
            : stream.Readable.from(body, { objectMode: false });
      // A source that fails ends the request unfinished: the server sees a broken body, not a short one.
      const done = (error: Error | null) => {
        if (!error) return;
        // Rejected with the source's own failure (the socket's that follows says less).
        reject(error);
        request.destroy(error);
      };
      const declared = headers["content-length"];
      if (declared === undefined) stream.pipeline(source, request, done);
      else stream.pipeline(source, lengthCheck(stream, Number(declared)), request, done);
    });
}

/** Passes bytes through, failing when they come to more or fewer than the declared Content-Length. */
function lengthCheck(stream: NodeModules["stream"], declared: number): import("node:stream").Transform {
  let seen = 0;
  const mismatch = () =>
    new RangeError(`The stream's length differs from its declared Content-Length of ${declared} bytes`);
  return new stream.Transform({
    transform(chunk: Uint8Array, _encoding, callback) {
      seen += chunk.byteLength;
      callback(seen > declared ? mismatch() : null, chunk);
    },
    flush(callback) {
      callback(seen === declared ? null : mismatch());
    },
  });
}
