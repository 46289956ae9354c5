// Which request bodies the validator must copy before validating: those whose schema reaches a default.
import { describe, expect, it } from "vitest";
import { reachesDefaults } from "../src/core/schema-compiler.js";

const components = {
  schemas: {
    Plain: { type: "object", properties: { name: { type: "string" } } },
    WithDefault: { type: "object", properties: { size: { type: "integer", default: 1 } } },
    UsesDefault: { type: "object", properties: { inner: { $ref: "#/components/schemas/WithDefault" } } },
    Loop: { type: "object", properties: { next: { $ref: "#/components/schemas/Loop" } } },
    "a/b": { type: "object", properties: { n: { type: "number", default: 0 } } },
    Output: { type: "object", properties: { kind: { type: "string", default: "x" } } },
  },
};

describe("reachesDefaults", () => {
  it.each([
    ["a schema without defaults or references", { type: "string" }, false],
    ["an inline default", { type: "object", properties: { n: { type: "number", default: 2 } } }, true],
    ["a reference to a component without defaults", { $ref: "#/components/schemas/Plain" }, false],
    ["a reference to a component with a default", { $ref: "#/components/schemas/WithDefault" }, true],
    ["a default two references away", { $ref: "#/components/schemas/UsesDefault" }, true],
    ["a component that refers to itself", { $ref: "#/components/schemas/Loop" }, false],
    ["an escaped component name (~1 is /)", { $ref: "#/components/schemas/a~1b" }, true],
    ["a reference it cannot follow (assumed to reach one)", { $ref: "other.json#/x" }, true],
    ["a reference to a missing component", { $ref: "#/components/schemas/Missing" }, false],
    [
      "references inside allOf",
      { allOf: [{ $ref: "#/components/schemas/Plain" }, { $ref: "#/components/schemas/WithDefault" }] },
      true,
    ],
  ] as const)("%s", (_name, schema, expected) => {
    // A default elsewhere in the document (Output) never counts unless the schema reaches it.
    expect(reachesDefaults(schema, components)).toBe(expected);
  });
});
