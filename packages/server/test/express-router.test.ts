import type { CreateSequenceStoreRequest, CreateSequenceStoreResponse } from "@seqstore/types";
import express from "express";
import request from "supertest";
import { describe, expect, it, vi } from "vitest";
import type { HandlerContext } from "../src/core/handle.js";
import type { ProtocolRequest } from "../src/core/protocol.js";
import { createRouter, type RouterOptions } from "../src/express/create-router.js";
import { AccessDeniedException, omicsErrorClasses } from "../src/generated/errors.js";
import type { OmicsHandlers } from "../src/generated/handlers.js";
import { otherHandlers } from "./fixtures/other-handlers.js";
import { omicsService } from "../src/generated/service.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY_ARN = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function storeFor(input: CreateSequenceStoreRequest): CreateSequenceStoreResponse {
  return {
    id: "1234567890",
    arn: "arn:aws:omics:us-west-2:123456789012:sequenceStore/1234567890",
    name: input.name,
    creationTime: new Date("2024-05-06T07:08:09.123Z"),
    ...(input.sseConfig ? { sseConfig: input.sseConfig } : {}),
  };
}

function appWith<Extra extends object = Record<never, never>>(
  createSequenceStore: OmicsHandlers<HandlerContext & Extra>["createSequenceStore"],
  options: RouterOptions<Extra> = {},
) {
  const onError = vi.fn();
  const app = express();
  app.use(
    createRouter<typeof omicsService, Extra>(
      omicsService,
      { ...otherHandlers(), createSequenceStore },
      { onError, ...options },
    ),
  );
  return { app, onError };
}

const ok = async (input: CreateSequenceStoreRequest) => storeFor(input);

function post(app: express.Express, body: unknown, path = "/sequencestore") {
  return request(app)
    .post(path)
    .set("content-type", "application/json")
    .send(typeof body === "string" ? body : JSON.stringify(body));
}

describe("Express adapter: success", () => {
  it("binds the body, calls the handler with context, serializes Date as date-time", async () => {
    const handler = vi.fn(async (input: CreateSequenceStoreRequest, _context: HandlerContext) =>
      storeFor(input),
    );
    const { app } = appWith(handler);
    const input = { name: "my store", sseConfig: { type: "KMS", keyArn: KEY_ARN }, tags: { a: "b" } };
    const response = await post(app, input);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json");
    expect(response.headers["x-amzn-requestid"]).toMatch(UUID);
    expect(response.body).toEqual({
      id: "1234567890",
      arn: "arn:aws:omics:us-west-2:123456789012:sequenceStore/1234567890",
      name: "my store",
      creationTime: "2024-05-06T07:08:09.123Z",
      sseConfig: { type: "KMS", keyArn: KEY_ARN },
    });
    expect(handler).toHaveBeenCalledWith(input, {
      requestId: response.headers["x-amzn-requestid"],
      operationName: "CreateSequenceStore",
    });
  });

  it("merges options.context into the handler context", async () => {
    const handler = vi.fn(
      async (input: CreateSequenceStoreRequest, _context: HandlerContext & { region: string }) =>
        storeFor(input),
    );
    const { app } = appWith<{ region: string }>(handler, { context: () => ({ region: "eu-west-1" }) });
    await post(app, { name: "s" }).expect(200);
    expect(handler.mock.calls[0]?.[1]).toMatchObject({
      region: "eu-west-1",
      operationName: "CreateSequenceStore",
    });
  });

  it.each([
    ["Latin letters", "store"],
    ["accented letters", "Ünïcödé stóre"],
    ["CJK", "配列ストア"],
    ["symbols and punctuation", "store-1 (test) #2 + €"],
  ])("accepts a \\p{L}-pattern name with %s", async (_name, name) => {
    const { app } = appWith(ok);
    const response = await post(app, { name });
    expect(response.status).toBe(200);
    expect(response.body.name).toBe(name);
  });
});

describe("Express adapter: errors", () => {
  it.each(Object.values(omicsErrorClasses).map((ErrorClass) => [ErrorClass.name, ErrorClass] as const))(
    "modeled %s → its status, x-amzn-ErrorType and members",
    async (name, ErrorClass) => {
      const error = new ErrorClass({ message: `about ${name}` });
      const { app, onError } = appWith(async () => {
        throw error;
      });
      const response = await post(app, { name: "s" });
      expect(response.status).toBe(error.httpStatus);
      expect(response.headers["x-amzn-errortype"]).toBe(name);
      expect(response.headers["x-amzn-requestid"]).toMatch(UUID);
      expect(response.body).toEqual({ message: `about ${name}` });
      expect(onError).not.toHaveBeenCalled();
    },
  );

  it("sends ValidationException's fieldList", async () => {
    const { app } = appWith(async () => {
      throw new omicsErrorClasses.ValidationException({
        message: "bad",
        fieldList: [{ path: "/name", message: "taken" }],
      });
    });
    const response = await post(app, { name: "s" });
    expect(response.body).toEqual({ message: "bad", fieldList: [{ path: "/name", message: "taken" }] });
  });

  it("hides unexpected errors behind a generic 500 and reports them", async () => {
    const secret = new Error("connection string postgres://user:pw@db");
    const { app, onError } = appWith(async () => {
      throw secret;
    });
    const response = await post(app, { name: "s" });
    expect(response.status).toBe(500);
    expect(response.headers["x-amzn-errortype"]).toBe("InternalServerException");
    expect(response.body).toEqual({ message: "The service failed to process the request. Try again later." });
    expect(response.text).not.toContain("postgres");
    expect(onError).toHaveBeenCalledWith(secret, {
      requestId: response.headers["x-amzn-requestid"],
      operationName: "CreateSequenceStore",
    });
  });

  const requestCases: [string, () => request.Test, number, string, RegExp][] = [
    [
      "unknown route",
      () => request(appWith(ok).app).get("/nope"),
      404,
      "UnknownOperationException",
      /any operation/,
    ],
    [
      "wrong method",
      () => request(appWith(ok).app).get("/sequencestore"),
      405,
      "MethodNotAllowedException",
      /POST/,
    ],
    [
      "malformed JSON",
      () => post(appWith(ok).app, '{"name": "x",'),
      400,
      "SerializationException",
      /not valid JSON/,
    ],
    [
      "not JSON content",
      () => request(appWith(ok).app).post("/sequencestore").set("content-type", "text/plain").send("hi"),
      415,
      "UnsupportedMediaTypeException",
      /application\/json/,
    ],
    [
      "body over the limit",
      () => post(appWith(ok, { bodyLimit: 100 }).app, { name: "x".repeat(200) }),
      413,
      "RequestEntityTooLargeException",
      /larger/,
    ],
  ];
  it.each(requestCases)("%s", async (_name, send, status, errorType, message) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers["x-amzn-errortype"]).toBe(errorType);
    expect(response.headers["content-type"]).toBe("application/json");
    expect(response.headers["x-amzn-requestid"]).toMatch(UUID);
    expect(response.body.message).toMatch(message);
  });
});

describe("Express adapter: validation against the OpenAPI document", () => {
  it("collects every failure into one ValidationException with a fieldList", async () => {
    const handler = vi.fn(ok);
    const { app } = appWith(handler);
    const response = await post(app, {
      name: "",
      sseConfig: { keyArn: "not-an-arn" },
      eTagAlgorithmFamily: "CRC32",
    });
    expect(response.status).toBe(400);
    expect(response.headers["x-amzn-errortype"]).toBe("ValidationException");
    const paths = (response.body.fieldList as { path: string }[]).map((f) => f.path);
    expect(new Set(paths)).toEqual(
      new Set(["/name", "/sseConfig/type", "/sseConfig/keyArn", "/eTagAlgorithmFamily"]),
    );
    expect(response.body.message).toMatch(/^\d+ validation errors detected: /);
    expect(handler).not.toHaveBeenCalled();
  });

  it("reports a missing required member", async () => {
    const { app } = appWith(ok);
    const response = await post(app, { description: "no name" });
    expect(response.status).toBe(400);
    expect(response.body.fieldList).toEqual([{ path: "/name", message: expect.stringContaining("name") }]);
  });

  it.each([
    ["a control character", "bad\u0001name"],
    ["a newline", "two\nlines"],
  ])("rejects a \\p{L}-pattern name with %s", async (_name, name) => {
    const { app } = appWith(ok);
    const response = await post(app, { name });
    expect(response.status).toBe(400);
    expect(response.body.fieldList).toEqual([{ path: "/name", message: expect.stringContaining("pattern") }]);
  });
});

describe("Express adapter: authenticate", () => {
  it("gets the raw body bytes and may refuse with AccessDeniedException", async () => {
    const seen: ProtocolRequest[] = [];
    const handler = vi.fn(ok);
    const { app } = appWith(handler, {
      authenticate: (req) => {
        seen.push(req);
        throw new AccessDeniedException({ message: "The request signature does not match." });
      },
    });
    const raw = '{"name":  "spaced"}';
    const response = await post(app, raw);
    expect(response.status).toBe(403);
    expect(response.headers["x-amzn-errortype"]).toBe("AccessDeniedException");
    expect(response.body).toEqual({ message: "The request signature does not match." });
    expect(seen[0]?.body.toString("utf8")).toBe(raw);
    expect(seen[0]).toMatchObject({ method: "POST", path: "/sequencestore" });
    expect(seen[0]?.headers["content-type"]).toBe("application/json");
    expect(handler).not.toHaveBeenCalled();
  });
});

describe("Express adapter: response validation", () => {
  it("turns a response that breaks the document into a 500", async () => {
    const { app, onError } = appWith(
      async () => ({ id: "short", arn: "arn:x", creationTime: new Date(0) }) as CreateSequenceStoreResponse,
      { validateResponses: true },
    );
    const response = await post(app, { name: "s" });
    expect(response.status).toBe(500);
    expect(response.headers["x-amzn-errortype"]).toBe("InternalServerException");
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[1]).toEqual({ requestId: response.headers["x-amzn-requestid"] });
  });

  it("lets a valid response through", async () => {
    const { app } = appWith(ok, { validateResponses: true });
    await post(app, { name: "s" }).expect(200);
  });

  it("checks every response of an operation, not only its first request's", async () => {
    let calls = 0;
    const { app } = appWith(
      async (input) =>
        ++calls === 2
          ? ({ id: "short", arn: "arn:x", creationTime: new Date(0) } as CreateSequenceStoreResponse)
          : storeFor(input),
      { validateResponses: true },
    );
    await post(app, { name: "s" }).expect(200);
    await post(app, { name: "s" }).expect(500);
    await post(app, { name: "s" }).expect(200);
  });
});

it("ignores query parameters the operation does not bind", async () => {
  const { app } = appWith(ok);
  await post(app, { name: "s" }, "/sequencestore?unrelated=1").expect(200);
});

it("routes and validates relative to the mount path", async () => {
  const app = express();
  app.use("/omics", createRouter(omicsService, { ...otherHandlers(), createSequenceStore: ok }));
  await post(app, { name: "s" }, "/omics/sequencestore").expect(200);
  const invalid = await post(app, { name: "" }, "/omics/sequencestore");
  expect(invalid.status).toBe(400);
  expect(invalid.body.fieldList[0].path).toBe("/name");
  await post(app, { name: "s" }, "/sequencestore").expect(404);
});

describe("Express adapter: the user's app", () => {
  it.each([
    ["a path with a label", "/sequencestore/1234567890"],
    ["a path without labels", "/sequencestore"],
  ])("gets no app.param handlers from the validator (%s)", async (_name, path) => {
    const { app } = appWith(ok);
    await request(app).get(path);
    // express-openapi-validator's path-parameter step would register one per label name ("id").
    expect(Object.keys((app as unknown as { router: { params: object } }).router.params)).toEqual([]);
  });
});

describe("Express adapter: express-openapi-validator's route metadata, kept per operation", () => {
  // After an operation's first request the validator's path lookup is skipped: each later request must
  // still be judged on its own labels, and valid, invalid and valid again must each answer as such.
  it("judges every request of an operation by its own labels", async () => {
    const seen: string[] = [];
    const app = express();
    app.use(
      createRouter(omicsService, {
        ...otherHandlers(),
        createSequenceStore: ok,
        getSequenceStore: async ({ id }) => {
          seen.push(id);
          return { ...storeFor({ name: "s" }), id, status: "ACTIVE" };
        },
      }),
    );
    const get = (id: string) => request(app).get(`/sequencestore/${id}`);
    expect((await get("1234567890")).status).toBe(200);
    const invalid = await get("12345abcde");
    expect(invalid.status).toBe(400);
    expect(invalid.headers["x-amzn-errortype"]).toBe("ValidationException");
    expect(invalid.body.fieldList.map((f: { path: string }) => f.path)).toEqual(["/id"]);
    const other = await get("0987654321");
    expect(other.status).toBe(200);
    expect(other.body.id).toBe("0987654321");
    expect(seen).toEqual(["1234567890", "0987654321"]);
    // Another operation on another path gets its own metadata, not the first one's.
    const created = await post(app, { name: "s" });
    expect(created.status).toBe(200);
    expect((await post(app, { name: "" })).body.fieldList[0].path).toBe("/name");
  });
});

describe("Express adapter: mounted at / next to the app's own routes", () => {
  function mounted(options: RouterOptions) {
    const onError = vi.fn();
    const app = express();
    app.use(
      createRouter(omicsService, { ...otherHandlers(), createSequenceStore: ok }, { onError, ...options }),
    );
    app.get("/own/health", (_req, res) => {
      res.json({ mine: true });
    });
    app.get("/sequencestore/own-route/extra", (_req, res) => {
      res.json({ mine: true });
    });
    return { app, onError };
  }

  it.each([
    { options: {}, status: 404, mine: false },
    { options: { unknownPaths: "respond" as const }, status: 404, mine: false },
    { options: { unknownPaths: "next" as const }, status: 200, mine: true },
  ])(
    "unknownPaths $options.unknownPaths: an unknown path answers $status",
    async ({ options, status, mine }) => {
      const { app } = mounted(options);
      for (const path of ["/own/health", "/sequencestore/own-route/extra"]) {
        const response = await request(app).get(path);
        expect(response.status).toBe(status);
        if (mine) expect(response.body).toEqual({ mine: true });
        else expect(response.headers["x-amzn-errortype"]).toBe("UnknownOperationException");
      }
    },
  );

  it("with unknownPaths next, the service's own paths are still the service's (405 for a wrong method)", async () => {
    const { app } = mounted({ unknownPaths: "next" });
    await post(app, { name: "s" }).expect(200);
    const wrongMethod = await request(app).put("/sequencestore");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers["x-amzn-errortype"]).toBe("MethodNotAllowedException");
    // Nothing in the app answers it either: Express's own 404, not the service's.
    const unknown = await request(app).get("/nowhere");
    expect(unknown.status).toBe(404);
    expect(unknown.headers["x-amzn-errortype"]).toBeUndefined();
  });
});

describe("Express adapter: a body another middleware already read", () => {
  function behind(parser: express.RequestHandler) {
    const onError = vi.fn();
    const app = express();
    app.use(parser);
    app.use(createRouter(omicsService, { ...otherHandlers(), createSequenceStore: ok }, { onError }));
    return { app, onError };
  }

  it.each([
    ["express.json()", express.json()],
    ["express.text({ type: '*/*' })", express.text({ type: "*/*" })],
    ["express.urlencoded()", express.urlencoded({ type: "*/*" })],
  ])("after %s: 500 for the client, a clear explanation for the operator", async (_name, parser) => {
    const { app, onError } = behind(parser);
    const response = await post(app, { name: "parsed" });
    // Not the misleading 400 ValidationException of an empty body.
    expect(response.status).toBe(500);
    expect(response.headers["x-amzn-errortype"]).toBe("InternalServerException");
    expect(JSON.stringify(response.body)).not.toContain("express.json");
    expect(onError).toHaveBeenCalledTimes(1);
    const [error] = onError.mock.calls[0] as [Error];
    expect(error.name).toBe("BodyAlreadyParsedError");
    expect(error.message).toMatch(
      /^POST \/sequencestore: another middleware \(e\.g\. express\.json\(\)\) read/,
    );
    expect(error.message).toContain("Mount the router before body parsers");
  });

  it("after express.raw(): the kept bytes are used", async () => {
    const { app, onError } = behind(express.raw({ type: "*/*" }));
    const response = await post(app, { name: "raw kept" });
    expect(response.status).toBe(200);
    expect(response.body.name).toBe("raw kept");
    expect(onError).not.toHaveBeenCalled();
  });

  it("after express.json(), a request without a body reaches its handler", async () => {
    const { app, onError } = behind(express.json());
    await request(app).get("/sequencestore/1234567890");
    // The request reached its handler (the fixture's unused one, which throws), not a body error.
    expect(onError).toHaveBeenCalledTimes(1);
    expect((onError.mock.calls[0] as [Error])[0].message).toBe("this handler is not used by the test");
  });
});
