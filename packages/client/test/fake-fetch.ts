// A stand-in for fetch: records every request and answers with canned responses, in order (the
// last one again once they run out).

export interface RecordedRequest {
  method: string;
  url: URL;
  /**
   * The headers as they would go on the wire: the Request's, plus the `host` and `content-length`
   * fetch adds itself (what a server, and so a signature check, sees).
   */
  headers: Headers;
  body: string;
  bytes: Uint8Array;
}

export interface CannedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
  /** Instead of answering, fetch rejects with this (a network failure, an abort …). */
  throws?: unknown;
}

/** What Node's fetch rejects with when a connection is reset. */
export function connectionReset(): TypeError {
  const cause = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
  return new TypeError("fetch failed", { cause });
}

export function fakeFetch(...responses: CannedResponse[]): {
  fetch: typeof fetch;
  requests: RecordedRequest[];
} {
  const requests: RecordedRequest[] = [];
  const respond = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const bytes = new Uint8Array(await request.arrayBuffer());
    const url = new URL(request.url);
    const headers = new Headers(request.headers);
    headers.set("host", url.host);
    if (bytes.byteLength > 0) headers.set("content-length", String(bytes.byteLength));
    requests.push({ method: request.method, url, headers, body: new TextDecoder().decode(bytes), bytes });
    const canned = responses[Math.min(requests.length - 1, responses.length - 1)] ?? {};
    if (canned.throws !== undefined) throw canned.throws;
    const body =
      canned.body === undefined
        ? null
        : typeof canned.body === "string"
          ? canned.body
          : JSON.stringify(canned.body);
    return new Response(body, { status: canned.status ?? 200, headers: canned.headers ?? {} });
  };
  return { fetch: respond, requests };
}
