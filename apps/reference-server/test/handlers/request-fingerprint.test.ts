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

describe("requestFingerprint", () => {
  it("ignores member order but not list order or values", () => {
    const base = requestFingerprint({ name: "a", tags: { x: "1", y: "2" }, list: ["p", "q"] });
    expect(requestFingerprint({ list: ["p", "q"], tags: { y: "2", x: "1" }, name: "a" })).toBe(base);
    expect(requestFingerprint({ name: "a", tags: { x: "1", y: "2" }, list: ["q", "p"] })).not.toBe(base);
    expect(requestFingerprint({ name: "b", tags: { x: "1", y: "2" }, list: ["p", "q"] })).not.toBe(base);
  });
});
