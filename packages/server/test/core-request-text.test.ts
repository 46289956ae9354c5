import { describe, expect, it } from "vitest";
import { parseJsonBody } from "../src/core/bind-request.js";
import { decodeUtf8, nestsDeeperThan } from "../src/core/request-text.js";

const bytes = (text: string) => Buffer.from(text, "utf8");

describe("nestsDeeperThan", () => {
  it.each([
    ["flat object", '{"a":1}', 1, false],
    ["exactly at the limit", "[[[]]]", 3, false],
    ["one past the limit", "[[[[]]]]", 3, true],
    ["objects and arrays count alike", '{"a":[{"b":[]}]}', 3, true],
    ["siblings do not add up", "[[],[],[],[]]", 2, false],
    ["brackets inside a string", '["[[[[{{{{"]', 1, false],
    ["an escaped quote does not end the string", '["\\"[[[["]', 1, false],
    ["an escaped backslash before the closing quote", '["\\\\",[[]]]', 2, true],
    ["multi-byte characters are skipped", '["配列[",["é"]]', 2, false],
    ["unbalanced opening brackets", "[".repeat(10), 9, true],
    ["no more openings than the limit, braces and brackets", '{"a":[{}]}', 3, false],
    ["more openings than the limit, but shallow", "[{},{},{},[]]", 2, false],
  ] as const)("%s", (_name, text, limit, deeper) => {
    expect(nestsDeeperThan(bytes(text), limit)).toBe(deeper);
  });
});

describe("decodeUtf8", () => {
  it("decodes valid UTF-8, BOM kept", () => {
    expect(decodeUtf8(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xc3, 0xa9]))).toBe("\ufeffaé");
  });

  it.each([
    ["lone 0xFF", [0x61, 0xff]],
    ["overlong slash", [0xc0, 0xaf]],
    ["truncated at the end", [0xe2, 0x82]],
    ["encoded surrogate", [0xed, 0xa0, 0x80]],
    ["beyond U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
  ])("refuses %s with a 400 SerializationException", (_name, raw) => {
    expect(() => decodeUtf8(Buffer.from(raw))).toThrow(
      expect.objectContaining({ name: "SerializationException", httpStatus: 400 }),
    );
  });

  it("keeps no state between calls (a truncated body does not leak into the next)", () => {
    expect(() => decodeUtf8(Buffer.from([0xe2, 0x82]))).toThrow();
    expect(decodeUtf8(bytes("ok"))).toBe("ok");
  });
});

describe("parseJsonBody", () => {
  it("refuses a body deeper than the limit it is given", () => {
    expect(parseJsonBody(bytes("[[1]]"), 2)).toEqual([[1]]);
    expect(() => parseJsonBody(bytes("[[[1]]]"), 2)).toThrow(/deeper than 2 levels/);
  });

  it("refuses a BOM as malformed JSON (as JSON.parse always has)", () => {
    expect(() => parseJsonBody(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toThrow(/not valid JSON/);
  });
});
