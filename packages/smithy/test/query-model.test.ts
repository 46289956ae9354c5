import { describe, expect, it } from "vitest";
import type { AstModel } from "../src/ast.js";
import {
  errorInfo,
  getShape,
  getTrait,
  hasTrait,
  httpBindings,
  idempotencyTokenMember,
  operationErrors,
  paginatedInfo,
  parseHttpUri,
  serviceOperations,
  targetType,
} from "../src/index.js";

// A small hand-built assembled model (prelude simple shapes resolve without being listed).
const model: AstModel = {
  smithy: "2.0",
  shapes: {
    "ex#Svc": {
      type: "service",
      version: "1",
      operations: [{ target: "ex#Ping" }],
      resources: [{ target: "ex#Store" }],
      errors: [{ target: "ex#Throttled" }],
      traits: { "smithy.api#paginated": { inputToken: "token", outputToken: "next" } },
    },
    "ex#Store": {
      type: "resource",
      identifiers: { id: { target: "smithy.api#String" } },
      read: { target: "ex#GetThing" },
      list: { target: "ex#ListThings" },
      resources: [{ target: "ex#Child" }],
    },
    "ex#Child": {
      type: "resource",
      create: { target: "ex#CreateChild" },
      operations: [{ target: "ex#Ping" }],
    },
    "ex#Ping": {
      type: "operation",
      input: { target: "smithy.api#Unit" },
      output: { target: "smithy.api#Unit" },
    },
    "ex#CreateChild": {
      type: "operation",
      input: { target: "ex#CreateChildInput" },
      output: { target: "smithy.api#Unit" },
      traits: { "smithy.api#http": { method: "POST", uri: "/child", code: 201 } },
    },
    "ex#CreateChildInput": {
      type: "structure",
      members: { token: { target: "smithy.api#String", traits: { "smithy.api#idempotencyToken": {} } } },
    },
    "ex#ListThings": {
      type: "operation",
      input: { target: "ex#ListThingsInput" },
      output: { target: "ex#ListThingsOutput" },
      traits: {
        "smithy.api#http": { method: "GET", uri: "/things" },
        "smithy.api#paginated": { items: "things", pageSize: "max" },
      },
    },
    "ex#ListThingsInput": {
      type: "structure",
      members: {
        token: { target: "smithy.api#String", traits: { "smithy.api#httpQuery": "nextToken" } },
        max: { target: "smithy.api#Integer", traits: { "smithy.api#httpQuery": "maxResults" } },
      },
    },
    "ex#ListThingsOutput": { type: "structure", members: { next: { target: "smithy.api#String" } } },
    "ex#GetThing": {
      type: "operation",
      input: { target: "ex#GetThingInput" },
      output: { target: "ex#GetThingOutput" },
      errors: [{ target: "ex#NotFound" }, { target: "ex#Throttled" }],
      traits: { "smithy.api#http": { method: "GET", uri: "/things/{id}/{path+}?x=1" } },
    },
    "ex#GetThingInput": {
      type: "structure",
      members: {
        id: {
          target: "smithy.api#String",
          traits: { "smithy.api#httpLabel": {}, "smithy.api#required": {} },
        },
        path: {
          target: "smithy.api#String",
          traits: { "smithy.api#httpLabel": {}, "smithy.api#required": {} },
        },
        since: { target: "smithy.api#Timestamp", traits: { "smithy.api#httpHeader": "X-Since" } },
        when: { target: "smithy.api#Timestamp", traits: { "smithy.api#httpQuery": "when" } },
        meta: { target: "ex#StringMap", traits: { "smithy.api#httpPrefixHeaders": "x-meta-" } },
        rest: { target: "ex#StringMap", traits: { "smithy.api#httpQueryParams": {} } },
      },
    },
    "ex#GetThingOutput": {
      type: "structure",
      members: {
        status: { target: "smithy.api#Integer", traits: { "smithy.api#httpResponseCode": {} } },
        etag: { target: "smithy.api#String", traits: { "smithy.api#httpHeader": "ETag" } },
        createdAt: { target: "smithy.api#Timestamp", traits: { "smithy.api#jsonName": "created_at" } },
        updatedAt: { target: "smithy.api#Timestamp", traits: { "smithy.api#timestampFormat": "date-time" } },
      },
    },
    "ex#StringMap": {
      type: "map",
      key: { target: "smithy.api#String" },
      value: { target: "smithy.api#String" },
    },
    "ex#NotFound": {
      type: "structure",
      members: {},
      traits: { "smithy.api#error": "client", "smithy.api#httpError": 404 },
    },
    "ex#Throttled": {
      type: "structure",
      members: {},
      traits: {
        "smithy.api#error": "client",
        "smithy.api#httpError": 429,
        "smithy.api#retryable": { throttling: true },
      },
    },
    "ex#Boom": { type: "structure", members: {}, traits: { "smithy.api#error": "server" } },
  },
};

describe("shape lookups", () => {
  it.each([
    ["ex#StringMap", "map"],
    ["smithy.api#String", "string"],
    ["smithy.api#Unit", "structure"],
    ["ex#Missing", undefined],
  ])("getShape(%s).type = %s", (id, type) => {
    expect(getShape(model, id)?.type).toBe(type);
  });

  it("resolves member targets and traits", () => {
    const member = getShape(model, "ex#GetThingInput")?.members?.id;
    expect(member && targetType(model, member)).toBe("string");
    expect(hasTrait(member, "smithy.api#required")).toBe(true);
    expect(hasTrait(member, "smithy.api#httpQuery")).toBe(false);
    expect(getTrait(getShape(model, "ex#NotFound"), "smithy.api#httpError")).toBe(404);
  });
});

describe("service closure", () => {
  it("lists direct and resource operations, sorted and unique", () => {
    expect(serviceOperations(model, "ex#Svc")).toEqual([
      "ex#CreateChild",
      "ex#GetThing",
      "ex#ListThings",
      "ex#Ping",
    ]);
  });

  it("merges operation and service errors without duplicates", () => {
    expect(operationErrors(model, "ex#Svc", "ex#GetThing")).toEqual(["ex#NotFound", "ex#Throttled"]);
    expect(operationErrors(model, "ex#Svc", "ex#Ping")).toEqual(["ex#Throttled"]);
  });
});

describe("errorInfo", () => {
  it.each([
    ["ex#NotFound", { fault: "client", httpStatus: 404, retryable: false, throttling: false }],
    ["ex#Throttled", { fault: "client", httpStatus: 429, retryable: true, throttling: true }],
    ["ex#Boom", { fault: "server", httpStatus: 500, retryable: false, throttling: false }],
  ])("%s", (id, expected) => {
    expect(errorInfo(model, id)).toMatchObject({ ...expected, name: id.slice(3) });
  });

  it("is undefined for non-errors", () => {
    expect(errorInfo(model, "ex#StringMap")).toBeUndefined();
  });
});

describe("operation traits", () => {
  it("merges service-level @paginated", () => {
    expect(paginatedInfo(model, "ex#Svc", "ex#ListThings")).toEqual({
      inputToken: "token",
      outputToken: "next",
      items: "things",
      pageSize: "max",
    });
    expect(paginatedInfo(model, "ex#Svc", "ex#GetThing")).toBeUndefined();
  });

  it("finds the idempotency token", () => {
    expect(idempotencyTokenMember(model, "ex#CreateChild")).toBe("token");
    expect(idempotencyTokenMember(model, "ex#GetThing")).toBeUndefined();
  });
});

describe("httpBindings", () => {
  const b = httpBindings(model, "ex#GetThing");

  it("reads the @http trait with default code 200", () => {
    expect(b).toMatchObject({ method: "GET", uri: "/things/{id}/{path+}?x=1", code: 200 });
    expect(httpBindings(model, "ex#CreateChild")?.code).toBe(201);
    expect(httpBindings(model, "ex#Ping")).toBeUndefined();
  });

  it.each([
    ["id", "label", "id", undefined],
    ["path", "label", "path", undefined],
    ["since", "header", "X-Since", "http-date"],
    ["when", "query", "when", "date-time"],
    ["meta", "prefixHeaders", "x-meta-", undefined],
    ["rest", "queryParams", "rest", undefined],
  ])("request member %s → %s %s (%s)", (name, location, wireName, format) => {
    const binding = b?.request.all.find((m) => m.memberName === name);
    expect([binding?.location, binding?.wireName, binding?.timestampFormat]).toEqual([
      location,
      wireName,
      format,
    ]);
  });

  it.each([
    ["status", "responseCode", "status", undefined],
    ["etag", "header", "ETag", undefined],
    ["createdAt", "body", "created_at", "epoch-seconds"],
    ["updatedAt", "body", "updatedAt", "date-time"],
  ])("response member %s → %s %s (%s)", (name, location, wireName, format) => {
    const binding = b?.response.all.find((m) => m.memberName === name);
    expect([binding?.location, binding?.wireName, binding?.timestampFormat]).toEqual([
      location,
      wireName,
      format,
    ]);
  });

  it("marks greedy labels and fills the shortcuts", () => {
    expect(b?.labels.map((l) => [l.memberName, l.greedy, l.required])).toEqual([
      ["id", false, true],
      ["path", true, true],
    ]);
    expect(b?.responseCode?.memberName).toBe("status");
    expect(b?.responseHeaders.map((h) => h.wireName)).toEqual(["ETag"]);
    expect(b?.body).toEqual([]);
  });
});

describe("parseHttpUri", () => {
  it.each([
    ["/", [], {}],
    [
      "/a/{b}",
      [
        { kind: "literal", value: "a" },
        { kind: "label", name: "b", greedy: false },
      ],
      {},
    ],
    [
      "/a/{b+}?c=d&e",
      [
        { kind: "literal", value: "a" },
        { kind: "label", name: "b", greedy: true },
      ],
      { c: "d", e: "" },
    ],
  ])("%s", (uri, segments, queryLiterals) => {
    expect(parseHttpUri(uri)).toEqual({ segments, queryLiterals });
  });
});
