import { describe, expect, it } from "vitest";
import { decodeUriComponent, encodeLabel, encodeUriComponent } from "../src/uri.js";

describe("Smithy URI encoding", () => {
  const cases: [string, string][] = [
    ["abc-._~XYZ019", "abc-._~XYZ019"],
    ["%:/?#[]@!$&'()*+,;=😹", "%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"],
    [" ", "%20"],
    ["é", "%C3%A9"],
  ];
  it.each(cases)("%j → %j", (text, encoded) => {
    expect(encodeUriComponent(text)).toBe(encoded);
    expect(decodeUriComponent(encoded)).toBe(text);
  });
  it("keeps the slashes of a greedy label, not of a plain one", () => {
    expect(encodeLabel("a/b c/d", true)).toBe("a/b%20c/d");
    expect(encodeLabel("a/b c/d")).toBe("a%2Fb%20c%2Fd");
  });
  it("refuses bad escapes and non-UTF-8 bytes when decoding", () => {
    expect(decodeUriComponent("%ZZ")).toBeUndefined();
    expect(decodeUriComponent("%FF")).toBeUndefined();
    expect(decodeUriComponent("plain")).toBe("plain");
  });
});
