import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, requestFingerprint } from "../../src/handlers/request-fingerprint.js";

describe("canonicalJson", () => {
  it.each([
    { value: { b: 1, a: { d: [2, 1], c: null } }, expected: '{"a":{"c":null,"d":[2,1]},"b":1}' },
    { value: { a: undefined, b: "x" }, expected: '{"b":"x"}' },
    { value: [{ y: 1, x: 2 }], expected: '[{"x":2,"y":1}]' },
    { value: new Date(0), expected: '"1970-01-01T00:00:00.000Z"' },
    { value: "é", expected: '"é"' },
  ])("$expected", ({ value, expected }) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});

describe("canonicalJson keeps the text stored fingerprints were made from", () => {
  // The first implementation, whose output every stored request_hash is a hash of.
  function firstCanonicalJson(value: unknown): string {
    if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
    if (value instanceof Date) return JSON.stringify(value.toISOString());
    if (Array.isArray(value)) return `[${value.map(firstCanonicalJson).join(",")}]`;
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${firstCanonicalJson(member)}`).join(",")}}`;
  }

  it("on any JSON value, with undefined members and dates mixed in", () => {
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.constant(null),
        fc.boolean(),
        fc.double(),
        fc.string({ unit: "binary" }),
        fc.constant(undefined),
        fc.date({ noInvalidDate: true }),
        fc.array(tie("value")),
        fc.dictionary(fc.string({ unit: "binary" }), tie("value")),
      ),
    }));
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(firstCanonicalJson(v));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("requestFingerprint", () => {
  it("ignores member order but not list order or values", () => {
    const base = requestFingerprint({ name: "a", tags: { x: "1", y: "2" }, list: ["p", "q"] });
    expect(requestFingerprint({ list: ["p", "q"], tags: { y: "2", x: "1" }, name: "a" })).toBe(base);
    expect(requestFingerprint({ name: "a", tags: { x: "1", y: "2" }, list: ["q", "p"] })).not.toBe(base);
    expect(requestFingerprint({ name: "b", tags: { x: "1", y: "2" }, list: ["p", "q"] })).not.toBe(base);
  });
});
