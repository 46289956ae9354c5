import { describe, expect, it } from "vitest";
import { fromBase64, textFromBase64, textToBase64, toBase64 } from "../src/base64.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("base64", () => {
  const valid: [string, string][] = [
    ["", ""],
    ["YmxvYg==", "blob"],
    ["YmxvYmI=", "blobb"],
    ["YmxvYmJi", "blobbb"],
    ["Pz8/", "???"],
  ];
  it.each(valid)("%j ↔ %j", (encoded, text) => {
    expect(fromBase64(encoded)).toEqual(bytes(text));
    expect(toBase64(bytes(text))).toBe(encoded);
  });
  const invalid = ["xyz", "YmxvYg=", "YmxvYg", "[][]", "-_==", "Ym=xvYg==", "YmxvYg===", "Ym xvYg=="];
  it.each(invalid)("refuses %j", (text) => {
    expect(fromBase64(text)).toBeUndefined();
  });
  it("encodes large blobs", () => {
    const big = new Uint8Array(70_000).map((_, i) => i % 251);
    expect(fromBase64(toBase64(big))).toEqual(big);
  });
  it("carries text as base64 of its UTF-8 (@mediaType headers)", () => {
    expect(textToBase64("true")).toBe("dHJ1ZQ==");
    expect(textFromBase64("dHJ1ZQ==")).toBe("true");
    expect(textToBase64("é")).toBe("w6k=");
    expect(textFromBase64("w6k=")).toBe("é");
    expect(textFromBase64("/w==")).toBeUndefined(); // 0xff is not UTF-8
    expect(textFromBase64("xyz")).toBeUndefined();
  });
});
