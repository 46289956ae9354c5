import type { AstModel } from "@seqstore/smithy";
import { describe, expect, it } from "vitest";
import { SerdeEmitter } from "../codegen/emit-serde.js";
import { renderErrors } from "../codegen/render.js";
import { SpecBuilder } from "../codegen/specs.js";
import { model, NS } from "./fixture-model.js";

const specs = new SpecBuilder(model, `${NS}Svc`);

describe("SpecBuilder", () => {
  it("reads an operation's HTTP bindings", () => {
    expect(specs.operation(`${NS}GetThing`)).toEqual({
      name: "GetThing",
      method: "GET",
      path: "/things/{id}/{path+}",
      queryLiterals: { view: "full" },
      queryLiteral: "view=full",
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
          { member: "token", name: "token", type: "string" },
        ],
        headers: [],
        body: [],
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
    const source = renderErrors(specs, "Svc", new SerdeEmitter(specs.shapeTable()));
    expect(source).toContain(
      'export const Busy = /* @__PURE__ */ errorClass<typeof SvcServiceException, BusyShape, "Busy", "server">(SvcServiceException, "Busy", "server", { throttling: false }, (d: Json, r: Response) => compact({ retryAfter: readHeader(r.headers, "Retry-After", "number") }));',
    );
    expect(source).toContain("export type Busy = InstanceType<typeof Busy>;");
  });

  it("refuses an error member that would clash with the exception's own properties", () => {
    const clash: AstModel = structuredClone(model);
    const busy = clash.shapes[`${NS}Busy`];
    if (busy?.members) busy.members.name = { target: "smithy.api#String" };
    const clashing = new SpecBuilder(clash, `${NS}Svc`);
    expect(() => renderErrors(clashing, "Svc", new SerdeEmitter(clashing.shapeTable()))).toThrow(
      /member named 'name'/,
    );
  });
});
