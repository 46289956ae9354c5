// Test support for the robustness suite: signed requests over keep-alive sockets to a real server process,
// raw sockets for what an HTTP client refuses to send, a tally of answers, and the AWS error-shape check.
import http from "node:http";
import net from "node:net";
import { signRequest } from "@seqstore/sigv4";
import type { SigningCredentials } from "../e2e/server-process.js";

/** Heavier variants run with SEQSTORE_SOAK=1 (npm run soak). */
export const SOAK = process.env.SEQSTORE_SOAK === "1";
/** Time limit of one heavy test: generous for a loaded 2-core CI machine, larger at soak scale. */
export const HEAVY_TEST_TIMEOUT_MS = SOAK ? 600_000 : 90_000;

/** A request that failed on a reused keep-alive socket before any answer (see SignedClient.send). */
class StaleSocketError extends Error {}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The answer to a HEAD request, which has no body by definition. */
  head?: boolean;
}

export interface SendOptions {
  method: string;
  /** Request-target as sent (raw path and query). */
  path: string;
  body?: string | Uint8Array;
  /** Default application/json; null sends none. */
  contentType?: string | null;
  headers?: Record<string, string>;
  /** Credentials to sign with; false sends the request unsigned. Default: the client's. */
  signAs?: SigningCredentials | false;
  signingDate?: Date;
  /** Changes the signed headers before sending (forgeries). */
  tamper?: (headers: Record<string, string>) => void;
  /** Sends these bytes instead of `body` after signing `body` (replayed signature). */
  sendBody?: string | Uint8Array;
}

/** Signs and sends requests over a pool of keep-alive sockets. */
export class SignedClient {
  readonly agent: http.Agent;
  private readonly target: URL;

  constructor(
    baseUrl: string,
    readonly credentials: SigningCredentials,
    sockets = 12,
  ) {
    this.target = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  async send(options: SendOptions): Promise<Reply> {
    const body = options.body ?? "";
    const contentType = options.contentType === undefined ? "application/json" : options.contentType;
    const base = { ...(contentType === null ? {} : { "content-type": contentType }), ...options.headers };
    const signer = options.signAs ?? (options.signAs === false ? undefined : this.credentials);
    const headers = signer
      ? await signRequest(
          { method: options.method, url: `${this.target.origin}${options.path}`, headers: base, body },
          {
            ...signer,
            region: "us-east-1",
            service: "omics",
            ...(options.signingDate ? { now: options.signingDate } : {}),
          },
        )
      : { ...base };
    options.tamper?.(headers);
    const payload = Buffer.from(options.sendBody ?? body);
    if (payload.length > 0 || !["GET", "HEAD", "DELETE"].includes(options.method)) {
      headers["content-length"] = String(payload.length);
    }
    // Node's keep-alive race: a pooled socket the server closed as idle (its 5 s keep-alive timeout, reached
    // while this process was busy, e.g. generating a campaign) fails the request written on it before any
    // answer. Node's documentation has the request sent again then; a request that fails on a new socket
    // still fails the test.
    for (;;) {
      try {
        return await this.#exchange(options, headers, payload);
      } catch (error) {
        if (!(error instanceof StaleSocketError)) throw error;
      }
    }
  }

  #exchange(options: SendOptions, headers: Record<string, string>, payload: Buffer): Promise<Reply> {
    return new Promise<Reply>((resolve, reject) => {
      const request = http.request(
        {
          agent: this.agent,
          host: this.target.hostname,
          port: this.target.port,
          method: options.method,
          path: options.path,
          headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString("utf8"),
              ...(options.method === "HEAD" ? { head: true } : {}),
            }),
          );
          response.on("error", reject);
        },
      );
      request.on("error", (error: NodeJS.ErrnoException) => {
        reject(request.reusedSocket && error.code === "ECONNRESET" ? new StaleSocketError() : error);
      });
      request.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** What is wrong with an error reply's AWS shape (empty when it is right). */
export function errorShapeProblems(reply: Reply): string[] {
  const problems: string[] = [];
  const errorType = reply.headers["x-amzn-errortype"];
  if (typeof errorType !== "string" || !/^[A-Za-z]+$/.test(errorType)) {
    problems.push(`x-amzn-ErrorType is ${JSON.stringify(errorType)}`);
  }
  if (typeof reply.headers["x-amzn-requestid"] !== "string") problems.push("no x-amzn-RequestId");
  if (!String(reply.headers["content-type"]).startsWith("application/json")) {
    problems.push(`content-type is ${reply.headers["content-type"]}`);
  }
  if (reply.head) return problems;
  try {
    const parsed: unknown = JSON.parse(reply.body);
    const message = (parsed as { message?: unknown } | null)?.message;
    if (typeof message !== "string" || message === "") problems.push(`body has no message: ${reply.body}`);
  } catch {
    problems.push(`body is not JSON: ${reply.body.slice(0, 200)}`);
  }
  return problems;
}

/** Counts answers by status, and keeps the first few broken ones for the failure message. */
export class Tally {
  readonly byStatus = new Map<number, number>();
  readonly problems: string[] = [];
  total = 0;

  constructor(readonly label: string) {}

  /** Records a reply: a 5xx, or a 4xx without the AWS error shape, is a problem. */
  record(reply: Reply, what: string): void {
    this.total++;
    this.byStatus.set(reply.status, (this.byStatus.get(reply.status) ?? 0) + 1);
    if (reply.status >= 500) this.problem(`${what} → ${reply.status} ${reply.body.slice(0, 300)}`);
    else if (reply.status >= 400) {
      const problems = errorShapeProblems(reply);
      if (problems.length > 0) this.problem(`${what} → ${reply.status}: ${problems.join("; ")}`);
    }
  }

  problem(text: string): void {
    if (this.problems.length < 20) this.problems.push(text);
    else if (this.problems.length === 20) this.problems.push("… (more)");
  }

  summary(): string {
    const statuses = [...this.byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}: ${count}`)
      .join(", ");
    return `${this.label}: ${this.total} requests (${statuses})`;
  }
}

/** Runs `task` for 0..count-1 with at most `concurrency` at a time. */
export async function runPool(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** Parsed raw HTTP answer (status line, lower-cased headers, body). */
export function parseRawResponse(text: string): Reply | undefined {
  const end = text.indexOf("\r\n\r\n");
  const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
  if (end === -1 || !match) return undefined;
  const headers: http.IncomingHttpHeaders = {};
  for (const line of text.slice(0, end).split("\r\n").slice(1)) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(match[1]), headers, body: text.slice(end + 4) };
}

/** Opens a raw TCP connection to the server; `received()` is everything read so far. */
export async function rawSocket(baseUrl: string): Promise<{
  socket: net.Socket;
  received: () => string;
  closed: Promise<void>;
}> {
  const url = new URL(baseUrl);
  const socket = net.connect(Number(url.port), url.hostname);
  let text = "";
  socket.on("data", (chunk: Buffer) => {
    text += chunk.toString("latin1");
  });
  socket.on("error", () => {
    // Resets after the server closes are expected here; `closed` reports the end either way.
  });
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  return { socket, received: () => text, closed };
}

/** Writes `bytes` on a fresh connection and returns what the server answered before closing (or timing out). */
export async function rawExchange(
  baseUrl: string,
  bytes: Uint8Array | string,
  waitMs = 5_000,
): Promise<string> {
  const { socket, received, closed } = await rawSocket(baseUrl);
  socket.write(bytes);
  const timer = setTimeout(() => socket.destroy(), waitMs);
  const poll = setInterval(() => {
    // One complete answer is enough: keep-alive answers do not close the socket.
    const reply = parseRawResponse(received());
    const length = Number(reply?.headers["content-length"]);
    if (reply && Buffer.byteLength(reply.body, "latin1") >= length) socket.destroy();
  }, 5);
  await closed;
  clearTimeout(timer);
  clearInterval(poll);
  return received();
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
