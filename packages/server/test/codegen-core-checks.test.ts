// What the server generator puts in the operation table for the core's own checks (checks.smithy fixture):
// constraints only on the request bindings no schema validator sees, header/query defaults, and the
// @httpChecksumRequired flag.
import { describe, expect, it } from "vitest";
import { loadChecksService } from "./fixtures/constraints/checks-service.js";

const table = loadChecksService().operations;
const operation = (name: string) => {
  const found = table.operations.find((op) => op.name === name);
  if (!found) throw new Error(`no operation ${name}`);
  return found;
};
const binding = (op: string, member: string) => operation(op).input.find((b) => b.member === member);

describe("operation table for the core's own checks", () => {
  it("carries the constraints of list headers, greedy labels, prefix headers and @httpQueryParams", () => {
    expect(binding("Constrained", "key")?.constraints).toEqual({ length: { max: 12 }, pattern: "^[a-z/]+$" });
    expect(binding("Constrained", "names")?.constraints).toEqual({
      length: { max: 3 },
      member: { length: { min: 2, max: 5 }, pattern: "^[a-z]+$" },
    });
    expect(binding("Constrained", "counts")?.constraints).toEqual({ member: { range: { min: 1, max: 10 } } });
    expect(binding("Constrained", "levels")?.constraints).toEqual({ member: { enum: [1, 5] } });
    expect(binding("Constrained", "colors")?.constraints).toEqual({
      uniqueItems: true,
      member: { enum: ["red", "green"] },
    });
    expect(binding("Constrained", "tags")?.constraints).toEqual({
      length: { max: 2 },
      key: { length: { max: 5 } },
      value: { pattern: "^v" },
    });
    expect(binding("Constrained", "params")?.constraints).toEqual({
      key: { pattern: "^[a-z]+$" },
      value: { length: { max: 4 } },
    });
  });

  it("leaves the constraints of parameters the schema validators see to them", () => {
    expect(binding("Constrained", "plain")).toBeDefined();
    expect(binding("Constrained", "plain")?.constraints).toBeUndefined();
  });

  it("carries header and query defaults, and the checksum flag", () => {
    expect(binding("Defaulted", "limit")?.default).toBe(10);
    expect(binding("Defaulted", "mode")?.default).toBe("fast");
    expect(binding("Defaulted", "plain")?.default).toBeUndefined();
    expect(operation("Checksummed").checksumRequired).toBe(true);
    expect(operation("Defaulted").checksumRequired).toBeUndefined();
  });
});
