import type { AstModel } from "@seqstore/smithy";
import { describe, expect, it } from "vitest";
import { renderErrors } from "../codegen/render.js";
import { SpecBuilder } from "../codegen/specs.js";

const NS = "example.test#";
const model: AstModel = {
  smithy: "2.0",
  shapes: {
    [`${NS}Svc`]: { type: "service", version: "1", operations: [{ target: `${NS}GetThing` }] },
    [`${NS}GetThing`]: {
      type: "operation",
      input: { target: `${NS}GetThingInput` },
      output: { target: `${NS}GetThingOutput` },
      errors: [{ target: `${NS}Busy` }],
      traits: { "smithy.api#http": { method: "GET", uri: "/things/{id}/{path+}?view=full", code: 200 } },
    },
    [`${NS}GetThingInput`]: {
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
        since: { target: "smithy.api#Timestamp", traits: { "smithy.api#httpQuery": "since" } },
        sizes: { target: `${NS}Sizes`, traits: { "smithy.api#httpQuery": "size" } },
        token: { target: "smithy.api#String", traits: { "smithy.api#idempotencyToken": {} } },
      },
    },
    [`${NS}GetThingOutput`]: {
      type: "structure",
      members: {
        etag: { target: "smithy.api#String", traits: { "smithy.api#httpHeader": "ETag" } },
        data: { target: "smithy.api#Blob", traits: { "smithy.api#httpPayload": {} } },
      },
    },
    [`${NS}Sizes`]: { type: "list", member: { target: "smithy.api#Integer" } },
    [`${NS}Busy`]: {
      type: "structure",
      members: {
        message: { target: "smithy.api#String" },
        retryAfter: { target: "smithy.api#Integer", traits: { "smithy.api#httpHeader": "Retry-After" } },
      },
      traits: { "smithy.api#error": "server", "smithy.api#httpError": 503, "smithy.api#retryable": {} },
    },
  },
};
const specs = new SpecBuilder(model, `${NS}Svc`);

describe("SpecBuilder", () => {
  it("reads an operation's HTTP bindings", () => {
    expect(specs.operation(`${NS}GetThing`)).toEqual({
      name: "GetThing",
      method: "GET",
      path: "/things/{id}/{path+}",
      queryLiterals: { view: "full" },
      code: 200,
      request: {
        shape: "GetThingInput",
        labels: [
          { member: "id", name: "id", type: "string" },
          { member: "path", name: "path", type: "string", greedy: true },
        ],
        query: [
          { member: "since", name: "since", type: "timestamp", timestampFormat: "date-time" },
          { member: "sizes", name: "size", type: "number", list: true },
        ],
        headers: [],
        body: ["token"],
      },
      response: {
        shape: "GetThingOutput",
        labels: [],
        query: [],
        headers: [{ member: "etag", name: "ETag", type: "string" }],
        payload: {
          member: "data",
          kind: "blob",
          schema: { blob: true },
          contentType: "application/octet-stream",
        },
        body: [],
      },
      errors: ["Busy"],
      idempotencyToken: "token",
    });
  });

  it("reads errors with their fault, retryability and header members", () => {
    expect(specs.error(`${NS}Busy`)).toMatchObject({
      fault: "server",
      retryable: { throttling: false },
      response: {
        headers: [{ member: "retryAfter", name: "Retry-After", type: "number" }],
        body: ["message"],
      },
    });
    const source = renderErrors(specs, "Svc");
    expect(source).toContain("export class Busy extends SvcServiceException implements BusyShape {");
    expect(source).toContain('  declare readonly retryAfter?: BusyShape["retryAfter"];');
    expect(source).toContain("message, $metadata, $retryable: { throttling: false } }, members);");
  });

  it("refuses an error member that would clash with the exception's own properties", () => {
    const clash: AstModel = structuredClone(model);
    const busy = clash.shapes[`${NS}Busy`];
    if (busy?.members) busy.members.name = { target: "smithy.api#String" };
    expect(() => renderErrors(new SpecBuilder(clash, `${NS}Svc`), "Svc")).toThrow(/member named 'name'/);
  });
});
