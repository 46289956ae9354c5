import { describe, expect, it, vi } from "vitest";
import { createProtocolHandler } from "../src/core/handle.js";
import type { ProtocolQuery, ProtocolRequest, ProtocolResponse } from "../src/core/protocol.js";
import { ServiceError } from "../src/core/service-error.js";
import { widgetTable } from "./fixtures/widget-table.js";

const JSON_HEADERS = { "content-type": "application/json" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function request(
  method: string,
  path: string,
  options: { query?: ProtocolQuery; headers?: Record<string, string>; body?: string } = {},
): ProtocolRequest {
  return {
    method,
    path,
    query: options.query ?? {},
    headers: options.headers ?? {},
    body: Buffer.from(options.body ?? "", "utf8"),
  };
}

function json(response: ProtocolResponse): unknown {
  return JSON.parse(response.body.toString("utf8"));
}

class NotFound extends ServiceError {
  readonly resourceId: string | undefined;
  constructor(options: { message: string; resourceId?: string }) {
    super({ name: "NotFound", $fault: "client", httpStatus: 404, message: options.message });
    this.resourceId = options.resourceId;
  }
}

const widget = {
  id: "w1",
  createdAt: new Date("2024-05-06T07:08:09.500Z"),
  updatedAt: new Date(1_700_000_000_000),
  parts: [{ label: "p", checkedAt: new Date("2024-01-01T00:00:00Z") }],
};

function setup() {
  const calls: { input: unknown; context: Record<string, unknown> }[] = [];
  const onError = vi.fn();
  const handlers = {
    async getWidget(input: Record<string, unknown>, context: Record<string, unknown>) {
      calls.push({ input, context });
      if (input.widgetId === "missing")
        throw new NotFound({ message: "No such widget", resourceId: "missing" });
      if (input.widgetId === "crash") throw new Error("db password is hunter2");
      if (input.widgetId === "string-thrown") throw "just a string";
      return { widget, lastModified: new Date("2024-05-06T07:08:09Z"), version: 3 };
    },
    async getFile(input: Record<string, unknown>) {
      return { key: input.key };
    },
    async createWidget(input: Record<string, unknown>, context: Record<string, unknown>) {
      calls.push({ input, context });
      return {
        widget: { id: "w2", createdAt: new Date(0) },
        status: input.name === "accepted" ? 202 : undefined,
      };
    },
    async deleteWidget() {
      return {};
    },
  };
  const handler = createProtocolHandler({ operations: widgetTable, handlers, onError });
  return { handler, calls, onError };
}

describe("binding requests into the input structure", () => {
  const cases: [string, ProtocolRequest, Record<string, unknown>][] = [
    ["label", request("GET", "/widgets/w%201"), { widgetId: "w 1" }],
    [
      "query: boolean, number by wire name, list, date-time",
      request("GET", "/widgets/w1", {
        query: { verbose: "true", "max-items": "25", tag: ["a", "b"], at: "2024-01-02T03:04:05Z" },
      }),
      { widgetId: "w1", verbose: true, limit: 25, tags: ["a", "b"], at: new Date("2024-01-02T03:04:05Z") },
    ],
    [
      "single value for a list query",
      request("GET", "/widgets/w1", { query: { tag: "a" } }),
      { widgetId: "w1", tags: ["a"] },
    ],
    [
      "http-date header and prefix headers",
      request("GET", "/widgets/w1", {
        headers: {
          "if-modified-since": "Tue, 29 Apr 2014 18:30:38 GMT",
          "x-meta-color": "red",
          "x-other": "no",
        },
      }),
      { widgetId: "w1", since: new Date("2014-04-29T18:30:38Z"), meta: { color: "red" } },
    ],
  ];
  it.each(cases)("%s", async (_name, req, expected) => {
    const { handler, calls } = setup();
    const response = await handler.handle(req);
    expect(response.status).toBe(200);
    expect(calls[0]?.input).toEqual(expected);
  });

  it("binds body members by JSON name, converts epoch seconds, base64 and nested structures", async () => {
    const { handler, calls } = setup();
    const body = JSON.stringify({
      name: "n",
      Size: 3,
      madeAt: 1_700_000_000.5,
      parts: [{ label: "x", checkedAt: "2024-01-01T00:00:00Z", unknown: 1 }],
      data: Buffer.from("hi").toString("base64"),
      extra: "ignored",
    });
    const response = await handler.handle(
      request("POST", "/widgets", { body, headers: { ...JSON_HEADERS, "x-token": "t" } }),
    );
    expect(response.status).toBe(201);
    expect(calls[0]?.input).toEqual({
      name: "n",
      size: 3,
      madeAt: new Date(1_700_000_000_500),
      parts: [{ label: "x", checkedAt: new Date("2024-01-01T00:00:00Z") }],
      data: new Uint8Array(Buffer.from("hi")),
      token: "t",
    });
  });

  it("passes requestId and operationName in the context", async () => {
    const { handler, calls } = setup();
    const response = await handler.handle(request("GET", "/widgets/w1"));
    expect(calls[0]?.context).toEqual({
      requestId: response.headers["x-amzn-RequestId"],
      operationName: "GetWidget",
    });
  });
});

describe("serializing output", () => {
  it("writes body members, Date formats per member, output headers", async () => {
    const { handler } = setup();
    const response = await handler.handle(request("GET", "/widgets/w1"));
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({
      "content-type": "application/json",
      "last-modified": "Mon, 06 May 2024 07:08:09 GMT",
      "x-version": "3",
    });
    expect(json(response)).toEqual({
      widget: {
        id: "w1",
        createdAt: "2024-05-06T07:08:09.500Z",
        updated: 1_700_000_000,
        parts: [{ label: "p", checkedAt: "2024-01-01T00:00:00Z" }],
      },
    });
  });

  it.each([
    ["the @http code", "n", 201],
    ["an @httpResponseCode member", "accepted", 202],
  ])("uses %s as the status", async (_name, name, status) => {
    const { handler } = setup();
    const response = await handler.handle(
      request("POST", "/widgets", { headers: JSON_HEADERS, body: JSON.stringify({ name }) }),
    );
    expect(response.status).toBe(status);
  });

  it("greedy labels reach the handler whole", async () => {
    const { handler } = setup();
    const response = await handler.handle(request("GET", "/widgets/w1/files/a/b%20c/d.txt"));
    expect(json(response)).toEqual({ key: "a/b c/d.txt" });
  });
});

describe("error mapping", () => {
  const cases: [string, ProtocolRequest, number, string, unknown][] = [
    [
      "modeled error",
      request("GET", "/widgets/missing"),
      404,
      "NotFound",
      { message: "No such widget", resourceId: "missing" },
    ],
    [
      "unknown route",
      request("GET", "/gadgets"),
      404,
      "UnknownOperationException",
      { message: "The request does not match any operation of this service." },
    ],
    [
      "wrong method",
      request("PUT", "/widgets/w1"),
      405,
      "MethodNotAllowedException",
      { message: "Method PUT is not allowed on this path; allowed: DELETE, GET." },
    ],
    [
      "malformed JSON",
      request("POST", "/widgets", { headers: JSON_HEADERS, body: '{"name":' }),
      400,
      "SerializationException",
      { message: expect.stringMatching(/^The request body is not valid JSON/) },
    ],
    [
      "JSON that is not an object",
      request("POST", "/widgets", { headers: JSON_HEADERS, body: "[1]" }),
      400,
      "SerializationException",
      { message: "The request body must be a JSON object." },
    ],
    [
      "every value that does not parse in one SerializationException",
      request("POST", "/widgets", {
        headers: JSON_HEADERS,
        body: JSON.stringify({ Size: "big", parts: [{ label: 1 }], madeAt: "x" }),
      }),
      400,
      "SerializationException",
      {
        message: expect.stringMatching(/^The request could not be read: \/size: /),
        fieldList: [
          { path: "/size", message: "Expected a number." },
          { path: "/madeAt", message: "Expected a timestamp in epoch seconds." },
          { path: "/parts/0/label", message: "Expected a string." },
        ],
      },
    ],
    [
      "a missing required member once every value parses",
      request("POST", "/widgets", { headers: JSON_HEADERS, body: JSON.stringify({ Size: 2 }) }),
      400,
      "ValidationException",
      {
        message: "1 validation error detected: /name: Member is required.",
        fieldList: [{ path: "/name", message: "Member is required." }],
      },
    ],
    [
      "bad query and header values",
      request("GET", "/widgets/w1", {
        query: { verbose: "yes" },
        headers: { "if-modified-since": "yesterday" },
      }),
      400,
      "SerializationException",
      {
        message: expect.any(String),
        fieldList: [
          { path: "/verbose", message: 'Expected true or false, got "yes".' },
          { path: "/since", message: 'Expected a http-date timestamp, got "yesterday".' },
        ],
      },
    ],
  ];
  it.each(cases)("%s", async (_name, req, status, errorType, body) => {
    const { handler } = setup();
    const response = await handler.handle(req);
    expect(response.status).toBe(status);
    expect(response.headers["x-amzn-ErrorType"]).toBe(errorType);
    expect(response.headers["content-type"]).toBe("application/json");
    expect(response.headers["x-amzn-RequestId"]).toMatch(UUID);
    expect(json(response)).toEqual(body);
  });

  it("sends an Allow header with 405", async () => {
    const { handler } = setup();
    const response = await handler.handle(request("PUT", "/widgets/w1"));
    expect(response.headers.allow).toBe("DELETE, GET");
  });

  it.each([
    ["an Error", "crash"],
    ["a thrown string", "string-thrown"],
  ])("hides %s behind a generic 500 and reports it", async (_name, id) => {
    const { handler, onError } = setup();
    const response = await handler.handle(request("GET", `/widgets/${id}`));
    expect(response.status).toBe(500);
    expect(response.headers["x-amzn-ErrorType"]).toBe("InternalServerException");
    expect(json(response)).toEqual({
      message: "The service failed to process the request. Try again later.",
    });
    expect(response.body.toString()).not.toMatch(/hunter2|string|stack|at /);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[1]).toEqual({
      requestId: response.headers["x-amzn-RequestId"],
      operationName: "GetWidget",
    });
  });

  it("answers 500 when an operation has no handler", async () => {
    const { handler, onError } = setup();
    const response = await handler.handle(request("POST", "/widgets/w1", { query: { action: "archive" } }));
    expect(response.status).toBe(500);
    expect(String(onError.mock.calls[0]?.[0])).toMatch(/archiveWidget/);
  });
});

describe("hooks", () => {
  it("authenticate can refuse with a modeled error before the body is read", async () => {
    const denied = new ServiceError({
      name: "AccessDeniedException",
      $fault: "client",
      httpStatus: 403,
      message: "no",
    });
    const authenticate = vi.fn((_req: ProtocolRequest) => {
      throw denied;
    });
    const handler = createProtocolHandler({ operations: widgetTable, handlers: {}, authenticate });
    const response = await handler.handle(
      request("POST", "/widgets", { headers: JSON_HEADERS, body: "{not json" }),
    );
    expect(response.status).toBe(403);
    expect(response.headers["x-amzn-ErrorType"]).toBe("AccessDeniedException");
    expect(authenticate.mock.calls[0]?.[0].body.toString()).toBe("{not json");
  });

  it("merges what authenticate and context return into the handler context", async () => {
    const { calls } = setup();
    const handlers = {
      async getWidget(input: unknown, context: Record<string, unknown>) {
        calls.push({ input, context });
        return { widget };
      },
    };
    const handler = createProtocolHandler({
      operations: widgetTable,
      handlers,
      authenticate: () => ({ accountId: "123456789012", requestId: "spoofed" }),
      context: (req) => ({ region: req.headers["x-region"] ?? "us-east-1" }),
    });
    const response = await handler.handle(
      request("GET", "/widgets/w1", { headers: { "x-region": "eu-west-1" } }),
    );
    expect(calls[0]?.context).toEqual({
      accountId: "123456789012",
      region: "eu-west-1",
      requestId: response.headers["x-amzn-RequestId"],
      operationName: "GetWidget",
    });
  });

  it("validate failures become one ValidationException", async () => {
    const { handler, calls } = setup();
    const response = await handler.handle(request("GET", "/widgets/w1"), {
      validate: () => [
        { path: "/a", message: "bad a" },
        { path: "/b", message: "bad b" },
      ],
    });
    expect(response.status).toBe(400);
    expect(json(response)).toEqual({
      message: "2 validation errors detected: /a: bad a; /b: bad b",
      fieldList: [
        { path: "/a", message: "bad a" },
        { path: "/b", message: "bad b" },
      ],
    });
    expect(calls).toHaveLength(0);
  });
});

it("gives every response a fresh x-amzn-RequestId", async () => {
  const { handler } = setup();
  const requests = [
    request("GET", "/widgets/w1"),
    request("GET", "/widgets/missing"),
    request("GET", "/nowhere"),
    request("PATCH", "/widgets/w1"),
    request("POST", "/widgets", { headers: JSON_HEADERS, body: "{" }),
    request("GET", "/widgets/crash"),
  ];
  const ids = new Set<string>();
  for (const req of requests) {
    const id = (await handler.handle(req)).headers["x-amzn-RequestId"];
    expect(id).toMatch(UUID);
    ids.add(id ?? "");
  }
  expect(ids.size).toBe(requests.length);
});

describe("content type", () => {
  it.each([
    ["text/plain", 415],
    [undefined, 415],
    ["application/json; charset=utf-8", 201],
    ["Application/JSON", 201],
    // restJson1 reads application/json only: another +json type is a different format.
    ["application/vnd.example+json", 415],
    ["application/hal+json", 415],
  ])("a JSON body sent as %s → %d", async (contentType, status) => {
    const { handler } = setup();
    const headers: Record<string, string> = contentType ? { "content-type": contentType } : {};
    const response = await handler.handle(request("POST", "/widgets", { headers, body: '{"name":"n"}' }));
    expect(response.status).toBe(status);
  });
});
