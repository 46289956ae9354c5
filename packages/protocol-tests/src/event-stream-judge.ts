// Judges the generated client on Smithy's eventStreamTests: request events go in as an iterable of
// union values and the body the client sends is decoded and judged message by message
// (judgeMessage: headers, forbidden/required headers, payload by media type); response events come
// back as the case's bytes from a stand-in fetch and must read as the params, or as the expected
// failure (a modeled error is an instance of its generated class). Initial requests and responses
// are the HTTP message around the stream.
import { decodeMessages, type Message } from "@seqstore/eventstream";
import {
  type EventStreamTestCase,
  type EventStreamTestEvent,
  eventBytes,
  judgeMessage,
} from "@seqstore/eventstream/protocol-tests";
import { type AstModel, expectShape, isUnit, type NodeValue } from "@seqstore/smithy";
import type { GeneratedService } from "./generate.js";
import { checkMessage } from "./http-expect.js";
import { difference, show, toRuntimeValue, withoutAbsent } from "./values.js";

interface BaseClient {
  send(operation: unknown, input?: object): Promise<Record<string, unknown>>;
}

interface InitialRequest {
  method?: string;
  uri?: string;
  headers?: Record<string, string>;
  forbidHeaders?: string[];
  requireHeaders?: string[];
}

interface InitialResponse {
  code?: number;
  headers?: Record<string, string>;
  body?: string;
}

const nameOf = (id: string) => id.slice(id.indexOf("#") + 1);

/** The member of a structure that is the @streaming union, and that union. */
export function streamMember(model: AstModel, structureId: string | undefined): [string, string] | undefined {
  if (structureId === undefined || isUnit(structureId)) return undefined;
  for (const [name, member] of Object.entries(expectShape(model, structureId).members ?? {})) {
    const target = expectShape(model, member.target);
    if (target.type === "union" && target.traits?.["smithy.api#streaming"] !== undefined)
      return [name, member.target];
  }
  return undefined;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : show(error);
}

export function concatBytes(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** What both judges read of a case: the operation's messages, their streams and the case's events. */
export function caseParts(model: AstModel, operationId: string, test: EventStreamTestCase) {
  const operation = expectShape(model, operationId);
  const inputId = operation.input?.target ?? "smithy.api#Unit";
  const outputId = operation.output?.target ?? "smithy.api#Unit";
  const events = test.events ?? [];
  return {
    operation,
    inputId,
    outputId,
    inputStream: streamMember(model, inputId),
    outputStream: streamMember(model, outputId),
    requestEvents: events.filter((event) => event.type === "request"),
    responseEvents: events.filter((event) => event.type === "response"),
    failure: test.expectation?.failure,
  };
}

/** Test params (a node value) as the record of runtime values the generated code takes and returns. */
export const typedRecord = (model: AstModel, shapeId: string, params: unknown): Record<string, unknown> =>
  toRuntimeValue(model, shapeId, params as NodeValue) as Record<string, unknown>;

export interface EventStreamClientJudge {
  judge(operationId: string, test: EventStreamTestCase): Promise<string[]>;
}

export async function createEventStreamClientJudge(
  model: AstModel,
  generated: GeneratedService,
): Promise<EventStreamClientJudge> {
  const module = (await import(generated.clientEntry)) as Record<string, unknown>;
  const factory = module[`create${generated.name}BaseClient`] as (options: object) => BaseClient;

  return {
    async judge(operationId, test) {
      const { inputId, outputId, inputStream, outputStream, requestEvents, responseEvents, failure } =
        caseParts(model, operationId, test);
      const failures: string[] = [];

      // The input: initial-request members, and the request events as an iterable of union values.
      const input: Record<string, unknown> = {};
      if (test.initialRequestParams !== undefined) {
        Object.assign(input, typedRecord(model, inputId, test.initialRequestParams));
      }
      if (inputStream) {
        const [member, union] = inputStream;
        const values = requestEvents.map((event) => toRuntimeValue(model, union, event.params as NodeValue));
        input[member] = (async function* () {
          yield* values;
        })();
      }

      // The response: the initial response the case gives, else a 200 carrying the response events.
      const initial = test.initialResponse as InitialResponse | undefined;
      let sent: { method: string; url: URL; headers: Map<string, string>; body: Uint8Array } | undefined;
      const fetch = async (resource: Request | string | URL, init?: RequestInit): Promise<Response> => {
        const request = resource instanceof Request ? resource : new Request(resource, init);
        const headers = new Map<string, string>();
        for (const [name, value] of request.headers) headers.set(name, value);
        sent = {
          method: request.method,
          url: new URL(request.url),
          headers,
          body: new Uint8Array(await request.arrayBuffer()),
        };
        if (initial) {
          return new Response(initial.body ?? null, {
            status: initial.code ?? 200,
            headers: initial.headers ?? {},
          });
        }
        const bytes = responseEvents.map((event) => eventBytes(event) ?? new Uint8Array());
        return new Response(concatBytes(bytes), {
          status: 200,
          headers: { "content-type": "application/vnd.amazon.eventstream" },
        });
      };
      const client = factory({ baseUrl: "https://example.com", fetch, maxAttempts: 1 });

      let output: Record<string, unknown> | undefined;
      const received: unknown[] = [];
      let thrown: unknown;
      try {
        output = await client.send(module[nameOf(operationId)], input);
        const stream = outputStream ? output[outputStream[0]] : undefined;
        if (stream !== undefined) {
          for await (const event of stream as AsyncIterable<unknown>) received.push(event);
        }
      } catch (error) {
        thrown = error;
      }

      // What the client sent: the initial request, then each request event judged by the trait's rules.
      if (!sent) return [`no request was sent: ${describeError(thrown)}`];
      const initialRequest = test.initialRequest as InitialRequest | undefined;
      if (initialRequest) {
        if (initialRequest.method !== undefined && sent.method !== initialRequest.method)
          failures.push(`method: expected ${initialRequest.method}, got ${sent.method}`);
        if (initialRequest.uri !== undefined && sent.url.pathname !== initialRequest.uri)
          failures.push(`uri: expected ${initialRequest.uri}, got ${sent.url.pathname}`);
        failures.push(...checkMessage(initialRequest, sent));
      }
      if (requestEvents.length > 0) {
        const type = sent.headers.get("content-type");
        if (type !== "application/vnd.amazon.eventstream")
          failures.push(`content-type: expected application/vnd.amazon.eventstream, got ${type}`);
        const messages: Message[] = [];
        const body = sent.body;
        try {
          for await (const message of decodeMessages(
            (async function* () {
              yield body;
            })(),
          ))
            messages.push(message);
        } catch (error) {
          failures.push(`the request body is not an event stream: ${describeError(error)}`);
        }
        if (messages.length !== requestEvents.length)
          failures.push(
            `expected ${requestEvents.length} request event(s), the client sent ${messages.length}`,
          );
        requestEvents.forEach((event: EventStreamTestEvent, index) => {
          const message = messages[index];
          if (message)
            failures.push(...judgeMessage(event, message).map((line) => `request event ${index}: ${line}`));
        });
      }

      // What the client read: the failure the case expects, or the initial response and the events.
      if (failure) {
        if (thrown === undefined) {
          failures.push(
            `expected a failure, got ${show(withoutAbsent(output))} and events ${show(received)}`,
          );
        } else if (failure.errorId !== undefined) {
          const ErrorClass = module[nameOf(failure.errorId)];
          if (typeof ErrorClass !== "function" || !(thrown instanceof ErrorClass)) {
            // An error event of the stream whose class the client has not generated is named by its shape.
            const name = (thrown as { name?: unknown }).name;
            if (name !== nameOf(failure.errorId))
              failures.push(`expected the error ${nameOf(failure.errorId)}, got ${describeError(thrown)}`);
          }
        }
        return failures;
      }
      // A case about the request alone says nothing of the response (the stand-in's is a bare 200).
      const judgesResponse =
        responseEvents.length > 0 || initial !== undefined || test.initialResponseParams !== undefined;
      if (!judgesResponse) return failures;
      if (thrown !== undefined) return [...failures, `the call failed: ${describeError(thrown)}`];
      if (test.initialResponseParams !== undefined && outputId !== undefined) {
        const expected = typedRecord(model, outputId, test.initialResponseParams);
        for (const [member, value] of Object.entries(expected)) {
          const found = difference(value, output?.[member], `output.${member}`);
          if (found) failures.push(found);
        }
      }
      if (outputStream) {
        const expected = responseEvents.map((event) =>
          toRuntimeValue(model, outputStream[1], event.params as NodeValue),
        );
        const found = difference(expected, received, "events");
        if (found) failures.push(found);
      }
      return failures;
    },
  };
}
