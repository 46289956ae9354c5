import { describe, expect, it } from "vitest";
import { reachesDefaults } from "../src/core/schema-compiler.js";

const document = {
  components: {
    schemas: {
      Plain: { type: "object", properties: { name: { type: "string" } } },
      WithDefault: { type: "object", properties: { size: { type: "integer", default: 1 } } },
      Outer: { type: "object", properties: { inner: { $ref: "#/components/schemas/WithDefault" } } },
      Loop: { type: "object", properties: { next: { $ref: "#/components/schemas/Loop" } } },
      "Odd/Name": { type: "string", default: "x" },
      ResponsePayload: { type: "string", default: "" },
    },
  },
};

describe("reachesDefaults: whether validating against a schema can meet a default", () => {
  it.each([
    ["a schema without defaults or references", { type: "string" }, false],
    ["a default in the schema itself", { type: "string", default: "a" }, true],
    ["a default nested in its properties", { type: "object", properties: { a: { default: 1 } } }, true],
    ["a reference to a component without defaults", { $ref: "#/components/schemas/Plain" }, false],
    ["a reference to a component with a default", { $ref: "#/components/schemas/WithDefault" }, true],
    ["a default two references away", { $ref: "#/components/schemas/Outer" }, true],
    ["a reference cycle without defaults", { $ref: "#/components/schemas/Loop" }, false],
    ["an escaped pointer token (~1)", { $ref: "#/components/schemas/Odd~1Name" }, true],
    ["a reference that cannot be followed", { $ref: "#/components/schemas/Missing" }, true],
    ["a reference into another document", { $ref: "other.json#/Plain" }, true],
    [
      "references inside a list (anyOf)",
      { anyOf: [{ $ref: "#/components/schemas/Plain" }, { default: 2 }] },
      true,
    ],
    ["no schema", undefined, false],
  ])("%s", (_, schema, expected) => {
    expect(reachesDefaults(schema, document)).toBe(expected);
  });

  it("ignores defaults the schema does not reach (another operation's response payload)", () => {
    expect(reachesDefaults({ $ref: "#/components/schemas/Plain" }, document)).toBe(false);
    expect(JSON.stringify(document)).toContain('"default":""');
  });
});
