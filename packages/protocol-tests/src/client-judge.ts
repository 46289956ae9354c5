// Judges the generated client: each request test's params go through `send` of the real generated
// client, whose fetch is a stand-in that records the request; each response test's response comes
// back from that stand-in and must read as the test's params (or as its error).
import { type AstModel, expectShape, getTrait, hasTrait, isUnit } from "@seqstore/smithy";
import type { GeneratedService } from "./generate.js";
import type { WireRequest } from "./server-judge.js";
import { checkMessage, checkQuery } from "./http-expect.js";
import type { HttpRequestCase, HttpResponseCase } from "./suite.js";
import { difference, drainStreams, show, toRuntimeValue, withoutAbsent } from "./values.js";

/** The token Smithy's protocol tests expect for an @idempotencyToken member the caller left out. */
const IDEMPOTENCY_TOKEN = "00000000-0000-4000-8000-000000000000";

interface BaseClient {
  send(operation: unknown, input?: object): Promise<Record<string, unknown>>;
}

type ClientModule = Record<string, unknown>;

export interface ClientJudge {
  request(operationId: string, test: HttpRequestCase): Promise<string[]>;
  /**
   * The request the client sends for `input` (how response tests without a request test reach the
   * server), with `options` added to the client's (e.g. its request compression settings).
   */
  capture(operationId: string, input: object, options?: object): Promise<WireRequest>;
  response(operationId: string, test: HttpResponseCase, errorId?: string): Promise<string[]>;
}

interface Recorded {
  method: string;
  url: URL;
  headers: Map<string, string>;
  body: Uint8Array;
}

export async function createClientJudge(model: AstModel, generated: GeneratedService): Promise<ClientJudge> {
  const module = (await import(generated.clientEntry)) as ClientModule;
  const factory = module[`create${generated.name}BaseClient`];
  if (typeof factory !== "function")
    throw new Error(`the generated client has no create${generated.name}BaseClient`);
  const nameOf = (id: string) => id.slice(id.indexOf("#") + 1);
  const operationOf = (operationId: string) => {
    const operation = module[nameOf(operationId)];
    if (operation === undefined)
      throw new Error(`the generated client exports no operation ${nameOf(operationId)}`);
    return operation;
  };

  const client = (
    host: string,
    respond: (request: Recorded) => Response,
    seen: Recorded[],
    options: object = {},
  ): BaseClient => {
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      const request = input instanceof Request ? input : new Request(input, init);
      const body = new Uint8Array(await request.arrayBuffer());
      const headers = new Map<string, string>();
      for (const [name, value] of request.headers) headers.set(name, value);
      // What fetch adds on the wire (Fetch standard, HTTP-network-or-cache fetch): the length of a
      // body it knows whole, and 0 for a POST or PUT without one; a stream goes chunked.
      const streamed = init?.body instanceof ReadableStream;
      if (!headers.has("content-length") && !streamed) {
        if (request.body !== null) headers.set("content-length", String(body.byteLength));
        else if (request.method === "POST" || request.method === "PUT") headers.set("content-length", "0");
      }
      const recorded = { method: request.method, url: new URL(request.url), headers, body };
      seen.push(recorded);
      return respond(recorded);
    };
    return (factory as (options: object) => BaseClient)({
      baseUrl: host,
      fetch,
      maxAttempts: 1,
      idempotencyToken: () => IDEMPOTENCY_TOKEN,
      ...options,
    });
  };

  return {
    async request(operationId, test) {
      const seen: Recorded[] = [];
      const host = test.host ?? "example.com";
      const input = toRuntimeValue(model, inputShape(model, operationId), test.params ?? {}) as object;
      let thrown: unknown;
      try {
        await client(`https://${host}`, () => new Response(null, { status: 200 }), seen).send(
          operationOf(operationId),
          input,
        );
      } catch (error) {
        thrown = error;
      }
      const request = seen[0];
      if (!request) return [`no request was sent: ${describeError(thrown)}`];
      const failures: string[] = [];
      if (request.method !== test.method)
        failures.push(`method: expected ${test.method}, got ${request.method}`);
      if (request.url.pathname !== test.uri)
        failures.push(`uri: expected ${test.uri}, got ${request.url.pathname}`);
      if (test.resolvedHost !== undefined && request.url.host !== test.resolvedHost) {
        failures.push(`host: expected ${test.resolvedHost}, got ${request.url.host}`);
      }
      failures.push(...checkQuery(test, request.url.search.slice(1)));
      failures.push(...checkMessage(test, request));
      return failures;
    },

    async capture(operationId, input, options) {
      const seen: Recorded[] = [];
      // A host name, not an address: an @endpoint host prefix turns 127.0.0.1 into no valid URL at all.
      await client("https://example.com", () => new Response(null, { status: 200 }), seen, options)
        .send(operationOf(operationId), input)
        .catch(() => {});
      const request = seen[0];
      if (!request)
        throw new Error(`the client sent no request for ${nameOf(operationId)} with ${show(input)}`);
      const headers = Object.fromEntries(request.headers);
      return {
        method: request.method,
        target: `${request.url.pathname}${request.url.search}`,
        headers,
        body: request.body.byteLength > 0 ? request.body : undefined,
      };
    },

    async response(operationId, test, errorId) {
      const seen: Recorded[] = [];
      const respond = () =>
        new Response(
          test.body === undefined || test.body === "" || noBodyStatus(test.code) ? null : test.body,
          {
            status: test.code,
            headers: test.headers ?? {},
          },
        );
      const input = placeholderInput(model, operationId);
      let output: Record<string, unknown> | undefined;
      let thrown: unknown;
      try {
        output = await client("https://example.com", respond, seen).send(operationOf(operationId), input);
      } catch (error) {
        thrown = error;
      }
      if (errorId !== undefined) {
        if (thrown === undefined)
          return [`expected the error ${nameOf(errorId)}, got output ${show(withoutAbsent(output))}`];
        const ErrorClass = module[nameOf(errorId)];
        if (typeof ErrorClass !== "function" || !(thrown instanceof ErrorClass)) {
          return [`expected the error ${nameOf(errorId)}, got ${describeError(thrown)}`];
        }
        const expected = toRuntimeValue(model, errorId, test.params ?? {}) as Record<string, unknown>;
        const failures: string[] = [];
        for (const [member, value] of Object.entries(expected)) {
          const found = difference(
            value,
            (thrown as unknown as Record<string, unknown>)[member],
            `error.${member}`,
          );
          if (found) failures.push(found);
        }
        return failures;
      }
      if (thrown !== undefined) return [`the call failed: ${describeError(thrown)}`];
      const expected = toRuntimeValue(model, outputShape(model, operationId), test.params ?? {});
      const found = difference(expected, withoutAbsent(await drainStreams(output)), "output");
      return found ? [found] : [];
    },
  };
}

const noBodyStatus = (status: number) => status === 204 || status === 205 || status === 304;

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return show(error);
}

export function inputShape(model: AstModel, operationId: string): string {
  const target = expectShape(model, operationId).input?.target;
  return target === undefined || isUnit(target) ? "smithy.api#Unit" : target;
}

function outputShape(model: AstModel, operationId: string): string {
  const target = expectShape(model, operationId).output?.target;
  return target === undefined || isUnit(target) ? "smithy.api#Unit" : target;
}

/**
 * An input a response test can be sent with: a value for every label and host label (and, with
 * `required`, every required member), the rest left out.
 */
export function placeholderInput(
  model: AstModel,
  operationId: string,
  required = false,
): Record<string, unknown> {
  const target = expectShape(model, operationId).input?.target;
  if (target === undefined || isUnit(target)) return {};
  const input: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(expectShape(model, target).members ?? {})) {
    const wanted =
      hasTrait(member, "smithy.api#httpLabel") ||
      hasTrait(member, "smithy.api#hostLabel") ||
      (required && hasTrait(member, "smithy.api#required"));
    if (!wanted) continue;
    const type = expectShape(model, member.target).type;
    input[name] =
      type === "timestamp"
        ? new Date(0)
        : type === "boolean"
          ? true
          : ["byte", "short", "integer", "long", "float", "double", "intEnum"].includes(type)
            ? 1
            : type === "enum"
              ? firstEnumValue(model, member.target)
              : type === "blob"
                ? new TextEncoder().encode("placeholder")
                : ["structure", "union", "map", "document"].includes(type)
                  ? {}
                  : type === "list" || type === "set"
                    ? []
                    : "placeholder";
  }
  return input;
}

function firstEnumValue(model: AstModel, id: string): string {
  const [first] = Object.entries(expectShape(model, id).members ?? {});
  if (!first) return "placeholder";
  const value = getTrait(first[1], "smithy.api#enumValue");
  return typeof value === "string" ? value : first[0];
}
