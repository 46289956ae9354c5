import { describe, expect, it } from "vitest";
import { fromJson, toJson } from "../src/runtime/json-serde.js";
import type { ShapeTable } from "../src/runtime/spec.js";

const table: ShapeTable = {
  Thing: {
    type: "structure",
    members: {
      when: { jsonName: "When", timestampFormat: "epoch-seconds" },
      data: { blob: true },
      items: { shape: "Items" },
      choice: { shape: "Choice" },
      counts: { shape: "Counts" },
    },
  },
  Items: { type: "list", member: { timestampFormat: "date-time" }, sparse: true },
  Counts: { type: "map", value: {} },
  Choice: { type: "union", members: { text: {}, number: {} } },
};
const thing = { shape: "Thing" };

describe("JSON serde", () => {
  it.each([
    {
      name: "jsonName, epoch-seconds and blobs",
      value: { when: new Date(1500), data: new Uint8Array([104, 105]) },
      json: { When: 1.5, data: "aGk=" },
    },
    {
      name: "sparse list keeps nulls, dense map drops them",
      value: { items: [new Date(0), null], counts: { a: 1 } },
      json: { items: ["1970-01-01T00:00:00Z", null], counts: { a: 1 } },
    },
    { name: "union member", value: { choice: { number: 2 } }, json: { choice: { number: 2 } } },
    {
      name: "unknown union member",
      value: { choice: { $unknown: ["later", 1] } },
      json: { choice: { later: 1 } },
    },
  ])("$name", ({ value, json }) => {
    expect(toJson(value, thing, table)).toEqual(json);
    expect(fromJson(json, thing, table)).toEqual(value);
  });

  it("drops unknown members, nulls and non-sparse map nulls when reading", () => {
    expect(fromJson({ extra: 1, data: null, counts: { a: null, b: 2 } }, thing, table)).toEqual({
      counts: { b: 2 },
    });
  });
});
