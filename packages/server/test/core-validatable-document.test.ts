// The document the schema validators see: without what the core checks itself (list headers, greedy
// labels), with float schemas that admit NaN/±Infinity, and never the caller's document mutated.
import { describe, expect, it } from "vitest";
import type { MemberBinding, OperationTable, WireType } from "../src/core/operation-table.js";
import { validatableDocument } from "../src/core/validatable-document.js";
import type { OpenApiDocument } from "../src/openapi-document.js";

const binding = (
  member: string,
  location: MemberBinding["location"],
  wireName: string,
  type: WireType,
  greedy?: boolean,
): MemberBinding => ({ member, location, wireName, type, required: false, ...(greedy ? { greedy } : {}) });

function table(input: MemberBinding[], structures: OperationTable["structures"] = {}): OperationTable {
  return {
    service: "S",
    structures,
    errors: {},
    operations: [
      {
        name: "Op",
        handlerName: "op",
        method: "POST",
        uri: "/a/{key+}",
        code: 200,
        input,
        output: [],
        errors: [],
      },
    ],
  };
}

function document(
  parameters: unknown[],
  body?: unknown,
  schemas: Record<string, unknown> = {},
): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/a/{key+}": {
        post: {
          operationId: "Op",
          parameters,
          ...(body ? { requestBody: { content: { "application/json": { schema: body } } } } : {}),
        },
      },
    },
    components: { schemas },
  };
}

function op(doc: OpenApiDocument): Record<string, unknown> {
  const item = doc.paths?.["/a/{key+}"] as { post: Record<string, unknown> } | undefined;
  if (item === undefined) throw new Error("the document lost the path /a/{key+}");
  return item.post;
}
const names = (doc: OpenApiDocument) => (op(doc).parameters as { name: string }[]).map((p) => p.name);

describe("validatableDocument", () => {
  it("leaves list headers and greedy labels to the core, keeps the rest", () => {
    const original = document([
      { name: "key+", in: "path", required: true, schema: { type: "string" } },
      { name: "X-List", in: "header", schema: { type: "array", items: { type: "string" } } },
      { name: "X-One", in: "header", schema: { type: "string" } },
      { name: "q", in: "query", schema: { type: "array", items: { type: "string" } } },
    ]);
    const before = structuredClone(original);
    const result = validatableDocument(
      original,
      table([
        binding("key", "label", "key", { kind: "string" }, true),
        binding("list", "header", "x-list", { kind: "list", member: { kind: "string" } }),
        binding("one", "header", "x-one", { kind: "string" }),
        binding("q", "query", "q", { kind: "list", member: { kind: "string" } }),
      ]),
    );
    expect(names(result)).toEqual(["X-One", "q"]);
    expect(original).toEqual(before);
  });

  it("lets float labels, query values, headers and body members (also nested, in lists) admit strings", () => {
    const original = document(
      [
        { name: "f", in: "query", schema: { type: "number" } },
        { name: "n", in: "query", schema: { type: "number" } },
      ],
      { $ref: "#/components/schemas/OpRequestContent" },
      {
        OpRequestContent: {
          type: "object",
          properties: {
            d: { type: "number", minimum: 1 },
            i: { type: "number" },
            inner: { $ref: "#/components/schemas/Inner" },
          },
        },
        Inner: { type: "object", properties: { fl: { type: "array", items: { type: "number" } } } },
      },
    );
    const result = validatableDocument(
      original,
      table(
        [
          binding("f", "query", "f", { kind: "number" }),
          binding("n", "query", "n", { kind: "number", integer: "integer" }),
          binding("d", "body", "d", { kind: "number" }),
          binding("i", "body", "i", { kind: "number", integer: "long" }),
          binding("inner", "body", "inner", { kind: "structure", shape: "Inner" }),
        ],
        {
          Inner: {
            members: [
              {
                member: "fl",
                jsonName: "fl",
                required: false,
                type: { kind: "list", member: { kind: "number" } },
              },
            ],
          },
        },
      ),
    );
    const parameters = op(result).parameters as { name: string; schema: { type: unknown } }[];
    expect(parameters.map((p) => [p.name, p.schema.type])).toEqual([
      ["f", ["number", "string"]],
      ["n", "number"],
    ]);
    const schemas = (
      result.components as { schemas: Record<string, { properties: Record<string, unknown> }> }
    ).schemas;
    expect(schemas.OpRequestContent?.properties).toMatchObject({
      d: { type: ["number", "string"], minimum: 1 },
      i: { type: "number" },
    });
    expect(schemas.Inner?.properties.fl).toEqual({ type: "array", items: { type: ["number", "string"] } });
    expect(
      (original.components as { schemas: Record<string, { properties: { d: unknown } }> }).schemas
        .OpRequestContent?.properties.d,
    ).toEqual({ type: "number", minimum: 1 });
  });

  it("returns the document itself when there is nothing to change", () => {
    const original = document([{ name: "q", in: "query", schema: { type: "string" } }]);
    expect(validatableDocument(original, table([binding("q", "query", "q", { kind: "string" })]))).toBe(
      original,
    );
  });
});
