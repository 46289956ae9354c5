import { describe, expect, it } from "vitest";
import { assertJsonDepth, jsonNestingDepth } from "../../src/guards/json-depth.js";
import { assertUtf8, isWellFormedUtf8 } from "../../src/guards/utf8.js";

const bytes = (text: string) => Buffer.from(text);

describe("jsonNestingDepth", () => {
  it.each([
    { json: "", depth: 0 },
    { json: '"[[["', depth: 0 },
    { json: '{"a":[1,{"b":2}]}', depth: 3 },
    { json: '{"a":"\\"[[[","b":[]}', depth: 2 },
    { json: '{"a":"\\\\"}[[', depth: 2 },
    { json: "]]]]", depth: 0 },
    { json: `${"[".repeat(65)}${"]".repeat(65)}`, depth: 65 },
  ])("$json → $depth", ({ json, depth }) => {
    expect(jsonNestingDepth(bytes(json))).toBe(depth);
  });

  it("refuses bodies deeper than the limit with ValidationException", () => {
    expect(() => assertJsonDepth(bytes("[[]]"), 2)).not.toThrow();
    expect(() => assertJsonDepth(bytes("[[[]]]"), 2)).toThrow(
      expect.objectContaining({ name: "ValidationException", httpStatus: 400 }),
    );
  });
});

describe("isWellFormedUtf8", () => {
  it.each([
    { case: "ASCII", input: bytes('{"name":"x"}'), ok: true },
    { case: "astral symbol", input: bytes("😀"), ok: true },
    { case: "stray continuation byte", input: Buffer.from([0x61, 0x80]), ok: false },
    { case: "0xFF", input: Buffer.from([0xff]), ok: false },
    { case: "overlong '/'", input: Buffer.from([0xc0, 0xaf]), ok: false },
    { case: "encoded surrogate", input: Buffer.from([0xed, 0xa0, 0x80]), ok: false },
    { case: "truncated sequence", input: Buffer.from([0xe2, 0x82]), ok: false },
  ])("$case → $ok", ({ input, ok }) => {
    expect(isWellFormedUtf8(input)).toBe(ok);
    if (ok) expect(() => assertUtf8(input)).not.toThrow();
    else expect(() => assertUtf8(input)).toThrow(expect.objectContaining({ name: "ValidationException" }));
  });
});
