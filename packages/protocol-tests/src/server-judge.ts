// Judges the generated server stub through both adapters over real sockets: request tests send the
// test's request and compare the input the handler received with the params; response tests have
// the handler return the params (or throw the error built from them) and compare the response;
// malformed tests compare the rejection with the expected status, headers and body.
import { request as httpRequest } from "node:http";
import path from "node:path";
import { decodeMessages, type Message } from "@seqstore/eventstream";
import { type EventStreamTestCase, eventBytes, judgeMessage } from "@seqstore/eventstream/protocol-tests";
import { type AstModel, expectShape, isUnit, type NodeValue } from "@seqstore/smithy";
import { caseParts, concatBytes, typedRecord } from "./event-stream-judge.js";
import type { GeneratedService } from "./generate.js";
import { checkMessage } from "./http-expect.js";
import {
  ADAPTERS,
  type AdapterName,
  type BeforeAdapter,
  type RunningServer,
  type ServerStub,
  startAdapter,
} from "./server-adapters.js";
import type { HttpRequestCase, HttpResponseCase, MalformedCase } from "./suite.js";
import { difference, drainStreams, show, toRuntimeValue, withoutAbsent } from "./values.js";

export interface WireRequest {
  method: string;
  /** Path and query, as they go on the request line. */
  target: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
}

interface WireResponse {
  status: number;
  headers: Map<string, string>;
  body: Uint8Array;
}

export interface ServerJudge {
  /** `request`: what to send instead of the test's own (a body the client made, see client-body.ts). */
  request(operationId: string, test: HttpRequestCase, request?: WireRequest): Promise<string[]>;
  response(
    operationId: string,
    test: HttpResponseCase,
    request: WireRequest,
    errorId?: string,
  ): Promise<string[]>;
  malformed(operationId: string, test: MalformedCase): Promise<string[]>;
  /** An eventStreamTests case, on the server's side. */
  eventStream(operationId: string, test: EventStreamTestCase): Promise<string[]>;
  close(): Promise<void>;
}

type Behaviour = (operationName: string, input: unknown) => Promise<unknown>;

export interface ServerJudgeOptions {
  /** Sees (and may change) each request before either adapter does: the tests' stand-in for a server lacking a feature. */
  beforeAdapters?: BeforeAdapter;
}

export async function createServerJudge(
  model: AstModel,
  generated: GeneratedService,
  options: ServerJudgeOptions = {},
): Promise<ServerJudge> {
  const serverDir = generated.serverDir;
  if (serverDir === undefined) throw new Error(generated.openApiError ?? "no server stub was generated");
  const [operations, documents, handlers, errors] = (await Promise.all(
    ["operations.ts", "openapi-document.ts", "handlers.ts", "errors.ts"].map(
      (file) => import(path.join(serverDir, file)),
    ),
  )) as Record<string, unknown>[];
  const pick = (module: Record<string, unknown> | undefined, suffix: string) => {
    const found = Object.entries(module ?? {}).find(([name]) => name.endsWith(suffix));
    if (!found) throw new Error(`the generated server exports no *${suffix}`);
    return found[1];
  };
  const stub: ServerStub = {
    operations: pick(operations, "OperationTable") as ServerStub["operations"],
    document: pick(documents, "OpenApiDocument"),
    handlerNames: pick(handlers, "HandlerNames") as readonly string[],
  };
  const errorClasses = pick(errors, "ErrorClasses") as Record<string, new (init: object) => Error>;

  // One server per adapter for the whole run; each case sets what the handlers do.
  let behaviour: Behaviour = async () => ({});
  const servers = new Map<AdapterName, RunningServer>();
  for (const adapter of ADAPTERS) {
    servers.set(
      adapter,
      await startAdapter(adapter, stub, (name, input) => behaviour(name, input), options.beforeAdapters),
    );
  }
  const nameOf = (id: string) => id.slice(id.indexOf("#") + 1);

  /** Runs `check` against each adapter; failures carry the adapter's name. */
  const onEachAdapter = async (check: (port: number) => Promise<string[]>): Promise<string[]> => {
    const failures: string[] = [];
    for (const [adapter, server] of servers) {
      server.failures.length = 0;
      const found = await check(server.port);
      for (const failure of found) failures.push(`[${adapter}] ${failure}`);
      // The cause of a 500 is worth more than its generic body.
      if (found.length > 0) {
        for (const error of server.failures)
          failures.push(`[${adapter}] the server reported: ${describe(error)}`);
      }
    }
    return failures;
  };

  return {
    async request(operationId, test, request = fromRequestCase(test)) {
      const expected = toRuntimeValue(model, messageShape(model, operationId, "input"), test.params ?? {});
      return onEachAdapter(async (port) => {
        const received: unknown[] = [];
        behaviour = async (name, input) => {
          if (name !== nameOf(operationId)) throw new Error(`routed to ${name}, not ${nameOf(operationId)}`);
          // Read here, while the request is open: a streaming payload is the request's body itself.
          received.push(await drainStreams(input));
          return {};
        };
        const response = await send(port, request);
        const [input] = received;
        if (received.length === 0) {
          return [
            `the handler was not called: ${response.status} ${new TextDecoder().decode(response.body).slice(0, 300)}`,
          ];
        }
        const found = difference(expected, withoutAbsent(input), "input");
        return found ? [found] : [];
      });
    },

    async response(operationId, test, request, errorId) {
      const params = toRuntimeValue(
        model,
        errorId ?? messageShape(model, operationId, "output"),
        test.params ?? {},
      ) as Record<string, unknown>;
      return onEachAdapter(async (port) => {
        let called = false;
        behaviour = async () => {
          called = true;
          if (errorId === undefined) return params;
          const ErrorClass = errorClasses[nameOf(errorId)];
          if (!ErrorClass) throw new Error(`the generated server has no error class ${nameOf(errorId)}`);
          throw new ErrorClass({ message: "", ...params });
        };
        const response = await send(port, request);
        const failures: string[] = [];
        if (!called) {
          failures.push(
            `the handler was not called: ${response.status} ${new TextDecoder().decode(response.body).slice(0, 300)}`,
          );
          return failures;
        }
        if (response.status !== test.code)
          failures.push(`status: expected ${test.code}, got ${response.status}`);
        failures.push(...checkMessage(test, response));
        return failures;
      });
    },

    async malformed(_operationId, test) {
      return onEachAdapter(async (port) => {
        behaviour = async (name, input) => {
          throw new Error(`the malformed request reached ${name} with ${show(input)}`);
        };
        const { request: req, response: expect } = test;
        const query = req.queryParams?.length ? `?${req.queryParams.join("&")}` : "";
        const response = await send(port, {
          method: req.method,
          target: `${req.uri}${query}`,
          headers: req.headers ?? {},
          body: req.body === undefined ? undefined : bodyBytes(req.body),
        });
        const failures: string[] = [];
        const text = new TextDecoder().decode(response.body);
        if (response.status !== expect.code)
          failures.push(`status: expected ${expect.code}, got ${response.status} ${text.slice(0, 200)}`);
        failures.push(...checkMessage({ headers: expect.headers }, response));
        const body = expect.body;
        if (body) {
          const contentType = response.headers.get("content-type");
          if (contentType === undefined || contentType.split(";")[0]?.trim() !== body.mediaType) {
            failures.push(`content-type: expected ${body.mediaType}, got ${contentType ?? "none"}`);
          }
          if (body.assertion.contents !== undefined) {
            failures.push(
              ...checkMessage({ body: body.assertion.contents, bodyMediaType: body.mediaType }, response),
            );
          } else if (body.assertion.messageRegex !== undefined) {
            failures.push(...checkMessageRegex(body.assertion.messageRegex, text));
          }
        }
        return failures;
      });
    },

    async eventStream(operationId, test) {
      const {
        operation,
        inputId,
        outputId,
        inputStream,
        outputStream,
        requestEvents,
        responseEvents,
        failure,
      } = caseParts(model, operationId, test);
      const initialRequest = (test.initialRequest ?? {}) as {
        method?: string;
        uri?: string;
        headers?: Record<string, string>;
      };
      const http = operation.traits?.["smithy.api#http"] as { method: string; uri: string; code?: number };
      const headers: Record<string, string> = { ...(initialRequest.headers ?? {}) };
      if (inputStream) headers["content-type"] = "application/vnd.amazon.eventstream";
      // A case about the response alone still needs a request the server accepts: required initial
      // members get a placeholder (a case that leaves them out on purpose expects a failure).
      if (test.initialRequest === undefined && !failure && !isUnit(inputId)) {
        for (const member of Object.values(expectShape(model, inputId).members ?? {})) {
          const header = member.traits?.["smithy.api#httpHeader"];
          if (typeof header === "string" && member.traits?.["smithy.api#required"] !== undefined)
            headers[header] = "placeholder";
        }
      }
      const request: WireRequest = {
        method: initialRequest.method ?? http.method,
        target: initialRequest.uri ?? http.uri,
        headers,
        body: inputStream
          ? concatBytes(requestEvents.map((event) => eventBytes(event) ?? new Uint8Array()))
          : undefined,
      };
      const expectedInitial =
        test.initialRequestParams === undefined
          ? undefined
          : typedRecord(model, inputId, test.initialRequestParams);
      const expectedEvents = inputStream
        ? requestEvents.map((event) => toRuntimeValue(model, inputStream[1], event.params as NodeValue))
        : [];
      const output =
        test.initialResponseParams === undefined
          ? {}
          : typedRecord(model, outputId, test.initialResponseParams);
      const responseValues = outputStream
        ? responseEvents.map((event) => toRuntimeValue(model, outputStream[1], event.params as NodeValue))
        : [];

      return onEachAdapter(async (port) => {
        let input: Record<string, unknown> | undefined;
        const received: unknown[] = [];
        let thrown: unknown;
        behaviour = async (_name, given) => {
          input = { ...(given as Record<string, unknown>) };
          if (inputStream) {
            const stream = input[inputStream[0]] as AsyncIterable<unknown> | undefined;
            delete input[inputStream[0]];
            try {
              for await (const event of stream ?? []) received.push(event);
            } catch (error) {
              thrown = error;
            }
          }
          const result = { ...output };
          if (outputStream) {
            result[outputStream[0]] = (async function* () {
              yield* responseValues;
            })();
          }
          return result;
        };
        const response = await send(port, request, true);
        const failures: string[] = [];
        if (failure) {
          // Refused before the handler ran (a missing @required initial member), or failed reading the stream.
          if (input === undefined) {
            if (response.status < 400)
              failures.push(`expected a failure, got ${response.status} and no handler call`);
          } else if (thrown === undefined) {
            failures.push(`expected a failure, the handler read events ${show(received)}`);
          } else if (failure.errorId !== undefined && (thrown as Error).name !== nameOf(failure.errorId)) {
            failures.push(`expected the error ${nameOf(failure.errorId)}, got ${describe(thrown)}`);
          }
          return failures;
        }
        if (input === undefined) {
          return [
            `the handler was not called: ${response.status} ${new TextDecoder().decode(response.body).slice(0, 300)}`,
          ];
        }
        if (thrown !== undefined) failures.push(`reading the input events failed: ${describe(thrown)}`);
        if (expectedInitial) {
          for (const [member, value] of Object.entries(expectedInitial)) {
            const found = difference(value, input[member], `input.${member}`);
            if (found) failures.push(found);
          }
        }
        const found = difference(expectedEvents, received, "events");
        if (found) failures.push(found);
        const initialResponse = test.initialResponse as
          | { code?: number; headers?: Record<string, string> }
          | undefined;
        const status = initialResponse?.code ?? http.code ?? 200;
        if (response.status !== status) {
          failures.push(
            `status: expected ${status}, got ${response.status} ${new TextDecoder().decode(response.body).slice(0, 200)}`,
          );
          return failures;
        }
        if (initialResponse?.headers)
          failures.push(...checkMessage({ headers: initialResponse.headers }, response));
        if (outputStream) {
          const messages: Message[] = [];
          try {
            for await (const message of decodeMessages(chunksOf(response.body))) messages.push(message);
          } catch (error) {
            failures.push(`the response body is not an event stream: ${describe(error)}`);
          }
          if (messages.length !== responseEvents.length) {
            failures.push(
              `expected ${responseEvents.length} response event(s), the server sent ${messages.length}`,
            );
          }
          responseEvents.forEach((event, index) => {
            const message = messages[index];
            if (message)
              failures.push(
                ...judgeMessage(event, message).map((line) => `response event ${index}: ${line}`),
              );
          });
        }
        return failures;
      });
    },

    async close() {
      for (const server of servers.values()) await server.close();
    },
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return show(error);
  const frame = error.stack?.split("\n").find((line) => line.includes(" at "));
  return `${error.name}: ${error.message}${frame ? ` (${frame.trim()})` : ""}`;
}

function checkMessageRegex(pattern: string, text: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [
      `body: expected JSON with a message matching /${pattern}/, got ${JSON.stringify(text.slice(0, 200))}`,
    ];
  }
  const record = (parsed ?? {}) as Record<string, unknown>;
  const message = record.message ?? record.Message;
  if (typeof message !== "string") return [`body: no message to match /${pattern}/ in ${text.slice(0, 200)}`];
  return new RegExp(pattern).test(message)
    ? []
    : [`message: ${JSON.stringify(message)} does not match /${pattern}/`];
}

function messageShape(model: AstModel, operationId: string, which: "input" | "output"): string {
  const target = expectShape(model, operationId)[which]?.target;
  return target === undefined || isUnit(target) ? "smithy.api#Unit" : target;
}

/** A request test's request as it goes on the wire. */
export function fromRequestCase(test: HttpRequestCase): WireRequest {
  const query = test.queryParams?.length ? `?${test.queryParams.join("&")}` : "";
  return {
    method: test.method,
    target: `${test.uri}${query}`,
    headers: test.headers ?? {},
    body: test.body === undefined || test.body === "" ? undefined : bodyBytes(test.body),
  };
}

/** Bytes as a one-chunk async iterable (what the event-stream decoder reads). */
async function* chunksOf(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** A test's body: its text as UTF-8 bytes. */
const bodyBytes = (body: string): Uint8Array => new TextEncoder().encode(body);

/**
 * Sends one request over a socket, exactly as given (Content-Length added when a body has none).
 * `fresh`: on a connection of its own, never a kept-alive one (a server may drop a connection whose
 * event stream it stopped reading, racing the next request sent on it).
 */
function send(port: number, request: WireRequest, fresh = false): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...request.headers };
    const hasLength = Object.keys(headers).some((name) => name.toLowerCase() === "content-length");
    if (request.body !== undefined && !hasLength)
      headers["Content-Length"] = String(Buffer.byteLength(request.body));
    const outgoing = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method: request.method,
        path: request.target,
        headers,
        ...(fresh ? { agent: false } : {}),
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("end", () => {
          const map = new Map<string, string>();
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined) map.set(name, Array.isArray(value) ? value.join(", ") : value);
          }
          resolve({
            status: incoming.statusCode ?? 0,
            headers: map,
            body: new Uint8Array(Buffer.concat(chunks)),
          });
        });
        incoming.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body === undefined ? undefined : Buffer.from(request.body));
  });
}
