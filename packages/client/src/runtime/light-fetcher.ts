// The one send path of every client's calls: builds each request as openapi-fetch's client would
// from the same options (its URL rules, its header merging; test/send-client.test.ts holds it to that
// byte for byte), adds what the protocol asks beyond OpenAPI (the
// uri's constant query, @endpoint host prefixes, @requestCompression, Content-MD5), and reads the
// response by openapi-fetch's rules, without the client itself (middleware, the method helpers, the
// path proxy, every OpenAPI parameter style): a third of a bundle's bytes, and less work per call.
// Requests go to the transport as a RequestCarrier.
import { encodeUriComponent } from "@seqstore/protocol";
import { mergeHeaders } from "openapi-fetch";
import { fillLabels } from "./bindings.js";
import type { FilterSettings } from "./body-filters.js";
import type { Fetcher } from "./operation.js";
import { RequestCarrier } from "./request-carrier.js";
import type { Transport } from "./transport.js";

type Result = Awaited<ReturnType<Fetcher["request"]>>;
type ParseAs = "json" | "text" | "arrayBuffer" | "blob" | "stream";

/** A header name as fetch accepts it (an RFC 9110 token), and what no header value may hold. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FORBIDDEN_IN_VALUE = /[\0\r\n]/;

type HeaderSource = Parameters<typeof mergeHeaders>[number];

/**
 * The headers merged as openapi-fetch's mergeHeaders merges them (names regardless of case, a later
 * source wins, null removes), as a plain object with lower-case names: fetch does less work with a
 * plain object than with a Headers (no sorted copy of it to read back). Anything else (a Headers or
 * a list of pairs as a source, a list or a number as a value, a name or value fetch would refuse)
 * goes through mergeHeaders itself, which keeps its behaviour, its errors included.
 */
function mergeHeadersPlain(...sources: HeaderSource[]): Record<string, string> | Headers {
  const merged: Record<string, string> = {};
  for (const source of sources) {
    if (!source) continue;
    if (source instanceof Headers || Array.isArray(source)) return mergeHeaders(...sources);
    for (const name of Object.keys(source)) {
      const value = (source as Record<string, unknown>)[name];
      if (value === undefined) continue;
      const key = headerKey(name);
      if (
        key === undefined ||
        (value !== null && (typeof value !== "string" || FORBIDDEN_IN_VALUE.test(value)))
      ) {
        return mergeHeaders(...sources);
      }
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
  }
  return merged;
}

/** The lower-case form of a header name fetch accepts (and an object can hold as a key); else undefined. */
function headerKey(name: string): string | undefined {
  const key = name.toLowerCase();
  return key === "__proto__" || !HEADER_NAME.test(name) ? undefined : key;
}

/**
 * The query as openapi-fetch's default serializer writes the values operations produce (strings and
 * lists of strings): `name=value` pairs in key order, a list as one pair per item, absent values and
 * empty lists left out; names and values percent-encoded by the shared codec. `first` (the uri's
 * constant query) comes before them as it is.
 */
function serializeQuery(query: Record<string, unknown>, first?: string): string {
  const pairs: string[] = first ? [first] : [];
  for (const name in query) {
    const value = query[name];
    if (value == null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      pairs.push(`${encodeUriComponent(name)}=${encodeUriComponent(item as string)}`);
    }
  }
  return pairs.join("&");
}

const JSON_CONTENT_TYPE = { "content-type": "application/json" };

/** What a call sends besides the operation's request options. */
export interface CallExtras extends FilterSettings {
  /** The host prefix; absent when the operation has none or the client disables it. */
  hostPrefix?: string | undefined;
}

export function createLightFetcher(
  baseUrl: string,
  baseHeaders: Record<string, string> | undefined,
  transport: Transport,
): Fetcher {
  const base = baseUrl.endsWith("/") ? baseUrl.slice(0, -1) : baseUrl;
  return {
    async request(operation, init, extras) {
      const { params = {}, body, headers } = init;
      // Operations pass JSON.stringify for JSON bodies and asIs for payloads that go as they are.
      let serialized = (
        body === undefined ? undefined : (init.bodySerializer ?? JSON.stringify)(body as never)
      ) as RequestInit["body"];
      // JSON unless there is no body, or it is form data (fetch writes that type, boundary included).
      const json = serialized !== undefined && !(serialized instanceof FormData);
      const { query, method } = operation;
      const hostPrefix = extras?.hostPrefix;
      // As openapi-fetch's createFinalURL builds it; the uri's constant query goes first, as written.
      let url = `${hostPrefix ? base.replace("://", `://${hostPrefix}`) : base}${operation.path}`;
      // Generated operations encode their labels themselves and fill them with fillLabels.
      if (params.path) url = (init.pathSerializer ?? fillLabels)(url, params.path);
      const search = serializeQuery(params.query ?? {}, query);
      if (search) url += `?${search}`;
      const merged = mergeHeadersPlain(
        json ? JSON_CONTENT_TYPE : undefined,
        baseHeaders,
        headers,
        params.header as HeaderSource,
      );
      const filters = operation.bodyFilters;
      if (filters && serialized != null && extras) {
        let bytes: Uint8Array = new Uint8Array(await new Response(serialized).arrayBuffer());
        for (const filter of filters) bytes = await filter(bytes, merged, extras);
        serialized = bytes as Uint8Array<ArrayBuffer>;
      }
      operation.streaming?.prepare(serialized, merged, filters !== undefined);
      const response = await transport(
        new RequestCarrier(
          url,
          {
            redirect: "follow",
            method,
            body: serialized,
            headers: merged,
            // A streamed body (an input event stream) needs it in fetch implementations that stream.
            ...(serialized instanceof ReadableStream ? { duplex: "half" } : {}),
          } as RequestInit,
          operation.unsignedPayload === true,
          operation.streaming,
        ),
      );
      return await readResult(response, method, (init.parseAs ?? "json") as ParseAs);
    },
  };
}

/**
 * `{ data }` for a success, `{ error }` otherwise, as openapi-fetch reads them: nothing for a 204, a
 * HEAD or a declared empty body; a success as `parseAs` says (JSON of an unsized body may be empty);
 * an error body as JSON when it parses, else as its text.
 */
async function readResult(response: Response, method: string, parseAs: ParseAs): Promise<Result> {
  const length = response.headers.get("Content-Length");
  const declaredEmpty = length === "0" && !response.headers.get("Transfer-Encoding")?.includes("chunked");
  const key = response.ok ? "data" : "error";
  if (response.status === 204 || method === "HEAD" || declaredEmpty) return { [key]: undefined, response };
  if (!response.ok) {
    const text = await response.text();
    return { error: parseOrKeep(text), response };
  }
  if (parseAs === "stream") return { data: response.body, response };
  if (parseAs === "json" && !length) {
    const text = await response.text();
    return { data: text === "" ? undefined : JSON.parse(text), response };
  }
  return { data: await response[parseAs](), response };
}

function parseOrKeep(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
