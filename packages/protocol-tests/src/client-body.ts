// Server request tests whose body only a client can make: Smithy's @requestCompression cases give the
// params and a Content-Encoding ending in gzip but no body, because gzip output is not fixed bytes (the
// suite leaves compressing to the client). A server is judged on such a request as a client sends it:
// the generated client serializes the params through its recording fetch, compressing at any size.
import type { AstModel } from "@seqstore/smithy";
import { type ClientJudge, inputShape } from "./client-judge.js";
import { fromRequestCase, type WireRequest } from "./server-judge.js";
import type { HttpRequestCase } from "./suite.js";
import { toRuntimeValue } from "./values.js";

/** The codings of a Content-Encoding value, in order, lower case. */
const codings = (value: string | undefined): string[] =>
  (value ?? "")
    .split(",")
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== "");

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** Whether the case gives params and a Content-Encoding ending in gzip, but no body. */
export function needsClientBody(test: HttpRequestCase): boolean {
  if (test.params === undefined || (test.body !== undefined && test.body !== "")) return false;
  return codings(header(test.headers, "content-encoding")).at(-1) === "gzip";
}

export type ClientBody = { request: WireRequest } | { failure: string };

/**
 * The case's request (method, uri, query and headers as the test gives them) with the body the client
 * sends for its params, and the client's Content-Type when the test names none; Content-Length is
 * the body's. Fails when the client's Content-Encoding is not the test's: the bytes would not be
 * what the header says.
 */
export async function withClientBody(
  model: AstModel,
  client: ClientJudge,
  operationId: string,
  test: HttpRequestCase,
): Promise<ClientBody> {
  const input = toRuntimeValue(model, inputShape(model, operationId), test.params ?? {}) as object;
  // The smallest minimum: the params of a test need not reach the SDKs' default 10 KiB.
  const sent = await client.capture(operationId, input, { requestMinCompressionSizeBytes: 0 });
  const expected = header(test.headers, "content-encoding");
  const actual = header(sent.headers, "content-encoding");
  if (codings(expected).join(",") !== codings(actual).join(",")) {
    return {
      failure:
        `no body to send: the test leaves its gzip body to the client, but the generated client sent ` +
        `Content-Encoding ${JSON.stringify(actual ?? "(none)")} for the params, not ${JSON.stringify(expected)}`,
    };
  }
  const request = fromRequestCase(test);
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== "content-length"),
  );
  const contentType = header(sent.headers, "content-type");
  if (header(headers, "content-type") === undefined && contentType !== undefined)
    headers["Content-Type"] = contentType;
  return { request: { ...request, headers, body: sent.body ?? new Uint8Array() } };
}
