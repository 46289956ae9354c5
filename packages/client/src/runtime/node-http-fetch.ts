// A fetch over node:http(s), the client's engine in Node unless a `fetch` option is given (as the AWS
// SDK sends with node:http, not fetch). Node 20's fetch builds web streams and clones every request
// for redirects, costing more CPU per call than the call's own work, and keeps every chunk of a
// streamed request body until the request completes (nodejs/undici#4058). Found through
// process.getBuiltinModule, so no Node import is needed; browser bundles take
// node-http-fetch.browser.ts instead (package.json "browser"), which has none of this code.
import { toWebStream } from "@seqstore/protocol";

type NodeModules = {
  http: typeof import("node:http");
  https: typeof import("node:https");
  stream: typeof import("node:stream");
};

/** Sends a request; resolves to a web Response (as fetch does) once the reply's head arrived. */
export type NodeHttpFetch = (url: string, init: RequestInit) => Promise<Response>;

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

/**
 * How long a request may go without a byte either way before it fails (a TimeoutError, retried as the
 * AWS SDK retries one): Node's fetch waits as long for a reply's head and between its body's chunks.
 */
const IDLE_TIMEOUT_MS = 300_000;

/** Statuses whose responses have no body (a Response refuses one for them). */
const NO_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * Sends a request with node:http: a streamed `init.body` (web ReadableStream, async iterable such as a
 * Node Readable, Blob) piped with backpressure, bytes or text written at once. With `buffered`, the
 * reply is read whole before the Response resolves (calls that parse their output at once: no stream
 * per call, and a reply cut short fails the send, as a network failure); otherwise the Response's body
 * streams the reply, pulled from the socket as it is read. Redirects are answers, not followed (as the
 * AWS SDK's node:http handler); `idleTimeoutMs` without a byte either way fails it. Undefined outside Node.
 */
export function nodeHttpFetch(buffered = false, idleTimeoutMs = IDLE_TIMEOUT_MS): NodeHttpFetch | undefined {
  const node = nodeModules();
  if (!node) return undefined;
  const { http, https, stream } = node;
  const send: NodeHttpFetch = (url, init) =>
    // A call's body is text or bytes; a client.raw Request's is a stream, read first to send its length.
    buffered && init.body instanceof ReadableStream
      ? new Response(init.body)
          .arrayBuffer()
          .then((bytes) => send(url, { ...init, body: new Uint8Array(bytes) }))
      : new Promise<Response>((resolve, reject) => {
          const target = new URL(url);
          const method = init.method ?? "GET";
          const headers = plainHeaders(init.headers);
          let reply: import("node:http").IncomingMessage | undefined;
          const request = (target.protocol === "https:" ? https : http).request(
            target,
            { method, headers },
            (response) => {
              reply = response;
              const replyHeaders = new Headers();
              const raw = response.rawHeaders;
              for (let i = 0; i + 1 < raw.length; i += 2) replyHeaders.append(raw[i]!, raw[i + 1]!);
              const status = response.statusCode ?? 0;
              const head = { status, statusText: response.statusMessage ?? "", headers: replyHeaders };
              const empty = NO_BODY.has(status) || method === "HEAD";
              if (empty) response.resume();
              if (empty || !buffered) {
                resolve(new Response(empty ? null : toWebStream(response), head));
                return;
              }
              const chunks: Buffer[] = [];
              response.on("data", (chunk: Buffer) => chunks.push(chunk));
              // finished: also a reply whose connection closed before its declared end.
              stream.finished(response, (error) => {
                if (error) reject(error);
                else resolve(new Response(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), head));
              });
            },
          );
          request.setTimeout(idleTimeoutMs, () => {
            // A reply already handed over streams on: its reader hears why it stopped.
            const error = idleTimeout(idleTimeoutMs);
            reply?.destroy(error);
            request.destroy(error);
          });
          const signal = init.signal;
          const abort = () => request.destroy(signal?.reason ?? new DOMException("aborted", "AbortError"));
          if (signal?.aborted) return abort();
          signal?.addEventListener("abort", abort, { once: true });
          request.on("error", reject);
          request.on("close", () => signal?.removeEventListener("abort", abort));
          const body = init.body as unknown as ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null;
          if (body == null || typeof body === "string" || body instanceof Uint8Array) {
            // (end with the whole body: node:http declares its length, not chunked.)
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
  return send;
}

function idleTimeout(ms: number): Error {
  return Object.assign(new Error(`No bytes went either way for ${ms} ms`), {
    name: "TimeoutError",
    code: "ETIMEDOUT",
  });
}

/**
 * The headers as node:http takes them. The light fetcher and the signer hand over plain objects with
 * lower-case names, already checked; anything else goes through Headers, as fetch would read it.
 */
function plainHeaders(headers: RequestInit["headers"]): Record<string, string> {
  if (headers == null) return {};
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(new Headers(headers));
  const plain = headers as Record<string, string>;
  for (const name in plain) {
    if (name !== name.toLowerCase()) return Object.fromEntries(new Headers(plain));
  }
  return plain;
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

/** The engine of requests other than streaming ones (replies read whole); undefined outside Node. */
export const nodeCallFetch: NodeHttpFetch | undefined = /* @__PURE__ */ nodeHttpFetch(true);

/** The engine of @streaming payloads and event streams (replies stream); undefined outside Node. */
export const nodeStreamFetch: NodeHttpFetch | undefined = /* @__PURE__ */ nodeHttpFetch();
