import { describe, expect, it } from "vitest";
import type { AstModel, AstShape, NodeValue } from "../src/ast.js";
import { convertToOpenApi } from "../src/index.js";
import type { JsonObject } from "../src/index.js";

// A minimal restJson1 service with one POST operation; `members` make up its input.
function service(
  members: NonNullable<AstShape["members"]>,
  extra: Record<string, AstShape> = {},
  opTraits: Record<string, NodeValue> = {},
): AstModel {
  return {
    smithy: "2.0",
    shapes: {
      "ex#Svc": {
        type: "service",
        version: "1",
        operations: [{ target: "ex#Op" }],
        traits: { "aws.protocols#restJson1": {} },
      },
      "ex#Op": {
        type: "operation",
        input: { target: "ex#OpInput" },
        output: { target: "smithy.api#Unit" },
        traits: { "smithy.api#http": { method: "POST", uri: "/op/{id}" }, ...opTraits },
      },
      "ex#OpInput": {
        type: "structure",
        members: {
          id: {
            target: "smithy.api#String",
            traits: { "smithy.api#httpLabel": {}, "smithy.api#required": {} },
          },
          ...members,
        },
      },
      ...extra,
    },
  };
}

function convert(model: AstModel, config: Record<string, NodeValue> = {}): JsonObject {
  const result = convertToOpenApi(model, { service: "ex#Svc", ...config });
  if (!result.document) throw new Error(result.events.map((e) => e.message).join("; "));
  return result.document;
}

function bodyProperty(doc: JsonObject, name: string): unknown {
  const schemas = (doc.components as JsonObject).schemas as JsonObject;
  return ((schemas.OpRequestContent as JsonObject).properties as JsonObject)[name];
}

describe("member schemas in a JSON body", () => {
  it.each<[string, AstShape["members"] & object, Record<string, AstShape>, unknown]>([
    [
      "length and pattern on a string",
      { s: { target: "ex#Name" } },
      {
        "ex#Name": {
          type: "string",
          traits: { "smithy.api#length": { min: 1, max: 5 }, "smithy.api#pattern": "^\\p{L}+$" },
        },
      },
      { type: "string", pattern: "^\\p{L}+$", minLength: 1, maxLength: 5 },
    ],
    [
      "range on an integer",
      { n: { target: "smithy.api#Integer", traits: { "smithy.api#range": { min: 0, max: 9 } } } },
      {},
      { type: "number", minimum: 0, maximum: 9 },
    ],
    [
      "list length becomes minItems/maxItems, uniqueItems kept",
      { l: { target: "ex#List" } },
      {
        "ex#List": {
          type: "list",
          member: { target: "smithy.api#String" },
          traits: { "smithy.api#length": { max: 3 }, "smithy.api#uniqueItems": {} },
        },
      },
      { type: "array", items: { type: "string" }, uniqueItems: true, maxItems: 3 },
    ],
    [
      "timestamps default to epoch-seconds in restJson1 bodies",
      { t: { target: "smithy.api#Timestamp" } },
      {},
      { type: "number", format: "double" },
    ],
    [
      "explicit date-time timestamp",
      { t: { target: "smithy.api#Timestamp", traits: { "smithy.api#timestampFormat": "date-time" } } },
      {},
      { type: "string", format: "date-time" },
    ],
    [
      "blobs are base64 strings",
      { b: { target: "smithy.api#Blob" } },
      {},
      { type: "string", format: "byte" },
    ],
    ["documents have no type", { d: { target: "smithy.api#Document" } }, {}, {}],
    [
      "documentation becomes description",
      { s: { target: "smithy.api#String", traits: { "smithy.api#documentation": "Hello" } } },
      {},
      { type: "string", description: "Hello" },
    ],
    [
      "default on a referenced shape is wrapped in allOf",
      { e: { target: "ex#Color", traits: { "smithy.api#default": "red" } } },
      {
        "ex#Color": {
          type: "enum",
          members: {
            RED: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "red" } },
            BLUE: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "blue" } },
          },
        },
      },
      { allOf: [{ $ref: "#/components/schemas/Color" }, { default: "red" }] },
    ],
  ])("%s", (_name, members, extra, expected) => {
    const key = Object.keys(members)[0] as string;
    expect(bodyProperty(convert(service(members, extra)), key)).toEqual(expected);
  });

  it("uses @jsonName for property names and sorts required", () => {
    const doc = convert(
      service({
        zed: { target: "smithy.api#String", traits: { "smithy.api#required": {} } },
        alpha: {
          target: "smithy.api#String",
          traits: { "smithy.api#jsonName": "ALPHA", "smithy.api#required": {} },
        },
      }),
    );
    const schema = ((doc.components as JsonObject).schemas as JsonObject).OpRequestContent as JsonObject;
    expect(Object.keys(schema.properties as JsonObject)).toEqual(["zed", "ALPHA"]);
    expect(schema.required).toEqual(["ALPHA", "zed"]);
    expect(
      (((doc.paths as JsonObject)["/op/{id}"] as JsonObject).post as JsonObject).requestBody,
    ).toMatchObject({ required: true });
  });

  it("writes enums, intEnums, maps and unions as components", () => {
    const doc = convert(
      service(
        { m: { target: "ex#Map" }, u: { target: "ex#U" }, i: { target: "ex#Level" } },
        {
          "ex#Map": {
            type: "map",
            key: { target: "smithy.api#String" },
            value: { target: "smithy.api#Integer" },
          },
          "ex#U": {
            type: "union",
            members: { a: { target: "smithy.api#String" }, b: { target: "smithy.api#Integer" } },
          },
          "ex#Level": {
            type: "intEnum",
            members: {
              LOW: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": 1 } },
              HIGH: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": 2 } },
            },
          },
        },
      ),
    );
    const schemas = (doc.components as JsonObject).schemas as JsonObject;
    expect(schemas.Map).toEqual({ type: "object", additionalProperties: { type: "number" } });
    expect(schemas.Level).toEqual({ type: "number", enum: [1, 2] });
    expect((schemas.U as JsonObject).oneOf).toEqual([
      { type: "object", title: "a", properties: { a: { type: "string" } }, required: ["a"] },
      { type: "object", title: "b", properties: { b: { type: "number" } }, required: ["b"] },
    ]);
  });
});

describe("HTTP bindings", () => {
  const model = service(
    {
      q: { target: "ex#Strings", traits: { "smithy.api#httpQuery": "q" } },
      when: { target: "smithy.api#Timestamp", traits: { "smithy.api#httpQuery": "when" } },
      h: { target: "smithy.api#Timestamp", traits: { "smithy.api#httpHeader": "X-When" } },
    },
    { "ex#Strings": { type: "list", member: { target: "smithy.api#String" } } },
  );
  const op = ((convert(model).paths as JsonObject)["/op/{id}"] as JsonObject).post as JsonObject;

  it.each([
    [0, { name: "id", in: "path", required: true, schema: { type: "string" } }],
    [
      1,
      {
        name: "q",
        in: "query",
        style: "form",
        explode: true,
        schema: { type: "array", items: { type: "string" } },
      },
    ],
    [2, { name: "when", in: "query", schema: { type: "string", format: "date-time" } }],
    [3, { name: "X-When", in: "header", schema: { type: "string" } }],
  ])("parameter %i", (index, expected) => {
    expect((op.parameters as JsonObject[])[index]).toEqual(expected);
  });

  it("leaves out the request body when every member is bound elsewhere", () => {
    expect(op.requestBody).toBeUndefined();
  });
});

describe("errors and responses", () => {
  const errors = {
    "ex#NotFound": {
      type: "structure",
      members: { message: { target: "smithy.api#String" } },
      traits: { "smithy.api#error": "client", "smithy.api#httpError": 404 },
    },
    "ex#Gone": {
      type: "structure",
      members: {},
      traits: { "smithy.api#error": "client", "smithy.api#httpError": 404 },
    },
    "ex#Boom": { type: "structure", members: {}, traits: { "smithy.api#error": "server" } },
  } satisfies Record<string, AstShape>;
  const model = service({}, errors);
  (model.shapes["ex#Op"] as AstShape).errors = [{ target: "ex#NotFound" }, { target: "ex#Gone" }];
  (model.shapes["ex#Svc"] as AstShape).errors = [{ target: "ex#Boom" }];

  it("maps errors to responses by status, service errors included", () => {
    const responses = (((convert(model).paths as JsonObject)["/op/{id}"] as JsonObject).post as JsonObject)
      .responses as JsonObject;
    expect(Object.keys(responses)).toEqual(["200", "404", "500"]);
    expect((responses["404"] as JsonObject).description).toBe("Gone 404 response");
  });

  it("deconflicts errors sharing a status with onErrorStatusConflict: oneOf", () => {
    const doc = convert(model, { onErrorStatusConflict: "oneOf" });
    const schemas = (doc.components as JsonObject).schemas as JsonObject;
    expect(schemas.Op404ErrorResponseContent).toEqual({
      oneOf: [{ $ref: "#/components/schemas/NotFound" }, { $ref: "#/components/schemas/Gone" }],
    });
  });
});

describe("document level", () => {
  it("adds the sigv4 security scheme and requirement", () => {
    const model = service({});
    (model.shapes["ex#Svc"] as AstShape).traits = {
      "aws.protocols#restJson1": {},
      "aws.auth#sigv4": { name: "svc" },
    };
    const doc = convert(model);
    expect(doc.security).toEqual([{ "aws.auth.sigv4": [] }]);
    expect(((doc.components as JsonObject).securitySchemes as JsonObject)["aws.auth.sigv4"]).toMatchObject({
      type: "apiKey",
      name: "Authorization",
      in: "header",
    });
  });

  it.each([
    ["3.0.2", { format: "byte" }],
    ["3.1.0", { contentEncoding: "byte" }],
  ])("OpenAPI %s blob encoding", (version, expected) => {
    const doc = convert(service({ b: { target: "smithy.api#Blob" } }), { version });
    expect(doc.openapi).toBe(version);
    expect(bodyProperty(doc, "b")).toEqual({ type: "string", ...expected });
  });

  it("strips non-alphanumerics from names with alphanumericOnlyRefs", () => {
    const model = service(
      { s: { target: "ex#Some_Struct" } },
      { "ex#Some_Struct": { type: "structure", members: {} } },
    );
    const schemas = (convert(model, { alphanumericOnlyRefs: true }).components as JsonObject)
      .schemas as JsonObject;
    expect(Object.keys(schemas).sort()).toEqual(["OpRequestContent", "SomeStruct"]);
  });
});

describe("failures are events, not exceptions", () => {
  it.each<[string, Record<string, NodeValue>, string]>([
    ["missing service", { service: "ex#Nope" }, "not found"],
    ["unknown setting", { service: "ex#Svc", bogus: true }, "Unknown openapi setting"],
    ["unknown protocol", { service: "ex#Svc", protocol: "aws.protocols#restXml" }, "Unable to find protocol"],
    ["reference descriptions need 3.1", { service: "ex#Svc", addReferenceDescriptions: true }, "3.1.0"],
    [
      "non-default strategies",
      { service: "ex#Svc", unionStrategy: "object" },
      "only supported with its default",
    ],
    ["wrong value type", { service: "ex#Svc", tags: "yes" }, "Invalid value for openapi setting `tags`"],
  ])("%s", (_name, config, message) => {
    const result = convertToOpenApi(service({}), config);
    expect(result.document).toBeUndefined();
    expect(result.events).toEqual([
      expect.objectContaining({ severity: "ERROR", message: expect.stringContaining(message) }),
    ]);
  });

  it("reports broken models instead of throwing", () => {
    const model = service({ x: { target: "ex#Missing" } });
    const result = convertToOpenApi(model, { service: "ex#Svc" });
    expect(result.document).toBeUndefined();
    expect(result.events[0]?.message).toContain("ex#Missing");
  });

  it("refuses @endpoint unless ignoreUnsupportedTraits", () => {
    const model = service({}, {}, { "smithy.api#endpoint": { hostPrefix: "data." } });
    expect(convertToOpenApi(model, { service: "ex#Svc" }).document).toBeUndefined();
    const lenient = convertToOpenApi(model, { service: "ex#Svc", ignoreUnsupportedTraits: true });
    expect(lenient.document).toBeDefined();
    expect(lenient.events.map((e) => e.severity)).toEqual(["NOTE"]);
    expect(lenient.events[0]?.message).toContain("left out of the OpenAPI document");
    expect(lenient.events[0]?.message).not.toContain("set `ignoreUnsupportedTraits`");
  });

  it("names the trait and the option when it refuses @endpoint", () => {
    const model = service({}, {}, { "smithy.api#endpoint": { hostPrefix: "data." } });
    const strict = convertToOpenApi(model, { service: "ex#Svc" });
    expect(strict.events.map((e) => e.severity)).toEqual(["ERROR"]);
    expect(strict.events[0]?.message).toContain("smithy.api#endpoint");
    expect(strict.events[0]?.message).toContain("set `ignoreUnsupportedTraits`");
  });

  it("refuses @httpPrefixHeaders by default, saying how to convert without them", () => {
    const model = service(
      {
        meta: { target: "ex#Meta", traits: { "smithy.api#httpPrefixHeaders": "x-meta-" } },
        name: { target: "smithy.api#String" },
      },
      {
        "ex#Meta": {
          type: "map",
          key: { target: "smithy.api#String" },
          value: { target: "smithy.api#String" },
        },
      },
    );
    const strict = convertToOpenApi(model, { service: "ex#Svc" });
    expect(strict.document).toBeUndefined();
    expect(strict.events[0]?.message).toMatch(
      /httpPrefixHeaders.*ex#OpInput\$meta.*onHttpPrefixHeaders.*WARN/,
    );
    const lenient = convertToOpenApi(model, { service: "ex#Svc", onHttpPrefixHeaders: "WARN" });
    expect(lenient.events).toEqual([
      expect.objectContaining({ severity: "WARNING", message: expect.stringContaining("ex#OpInput$meta") }),
    ]);
    // The member is left out of the document (not sent as a body member); the body keeps the others.
    const doc = lenient.document as JsonObject;
    expect(bodyProperty(doc, "meta")).toBeUndefined();
    expect(bodyProperty(doc, "name")).toBeDefined();
  });
});
