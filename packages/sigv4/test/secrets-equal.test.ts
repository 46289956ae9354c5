import { describe, expect, it } from "vitest";
import { secretsEqual } from "../src/verify/node-crypto.js";

describe("secretsEqual (constant-time session token comparison)", () => {
  it.each([
    ["the same token", "token-123", "token-123", true],
    ["a different token of the same length", "token-123", "token-124", false],
    ["a prefix of the token", "token-123", "token-12", false],
    ["the token plus a suffix", "token-123", "token-1234", false],
    ["an empty token", "token-123", "", false],
    ["no token at all", "token-123", undefined, false],
    ["no token against an empty expected one", "", undefined, false],
    ["non-ASCII tokens", "tökén", "tökén", true],
  ] as const)("%s", (_name, expected, provided, equal) => {
    expect(secretsEqual(expected, provided)).toBe(equal);
  });
});
