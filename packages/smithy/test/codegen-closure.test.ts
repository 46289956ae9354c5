import { describe, expect, it } from "vitest";
import type { AstModel } from "../src/ast.js";
import { isPreludeShape, serviceClosure } from "../src/codegen/closure.js";

const NS = "example.closure#";
const model: AstModel = {
  smithy: "2.0",
  shapes: {
    [`${NS}Svc`]: {
      type: "service",
      version: "1",
      operations: [{ target: `${NS}GetThing` }],
      errors: [{ target: `${NS}ServiceError` }],
    },
    [`${NS}GetThing`]: {
      type: "operation",
      input: { target: `${NS}GetThingInput` },
      output: { target: "smithy.api#Unit" },
      errors: [{ target: `${NS}NotFound` }],
    },
    [`${NS}GetThingInput`]: {
      type: "structure",
      members: { tags: { target: `${NS}TagMap` }, names: { target: `${NS}NameList` } },
    },
    [`${NS}TagMap`]: { type: "map", key: { target: `${NS}Key` }, value: { target: "smithy.api#String" } },
    [`${NS}Key`]: { type: "string" },
    [`${NS}NameList`]: { type: "list", member: { target: `${NS}Name` } },
    [`${NS}Name`]: { type: "string" },
    [`${NS}NotFound`]: { type: "structure", members: {}, traits: { "smithy.api#error": "client" } },
    [`${NS}ServiceError`]: { type: "structure", members: {}, traits: { "smithy.api#error": "server" } },
    [`${NS}Unused`]: { type: "string" },
  },
};

describe("serviceClosure", () => {
  it("walks errors, inputs, outputs and aggregate members, skipping the prelude, Unit and unreachable shapes", () => {
    expect(serviceClosure(model, `${NS}Svc`)).toEqual(
      ["ServiceError", "GetThingInput", "NotFound", "TagMap", "NameList", "Key", "Name"].map((n) => NS + n),
    );
  });
});

describe("isPreludeShape", () => {
  it.each([
    ["smithy.api#String", true],
    ["smithy.api#Unit", true],
    [`${NS}String`, false],
  ])("%s → %s", (id, expected) => {
    expect(isPreludeShape(id)).toBe(expected);
  });
});
