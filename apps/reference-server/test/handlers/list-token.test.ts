import { describe, expect, it } from "vitest";
import { decodeListToken, encodeListToken, type TokenBinding } from "../../src/handlers/list-token.js";

const binding: TokenBinding = {
  secret: new Uint8Array(32).fill(7),
  accountId: "123456789012",
  filterHash: "filter-a",
};
const position = { creationTime: new Date("2025-01-02T03:04:05.678Z"), id: "1234567890" };
const token = encodeListToken(binding, position);

function withPayload(payload: unknown): string {
  const [version, , mac] = token.split(".");
  return `${version}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${mac}`;
}

describe("list pagination tokens", () => {
  it("round-trips a position under the same binding", () => {
    expect(decodeListToken(binding, token)).toEqual(position);
  });

  it("uses only characters the NextToken pattern allows", () => {
    expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(token.length).toBeLessThanOrEqual(6144);
  });

  it.each([
    { case: "another account", bound: { ...binding, accountId: "210987654321" }, given: token },
    { case: "another filter", bound: { ...binding, filterHash: "filter-b" }, given: token },
    {
      case: "another database secret",
      bound: { ...binding, secret: new Uint8Array(32).fill(8) },
      given: token,
    },
    { case: "an edited payload", bound: binding, given: withPayload({ t: 0, i: "1234567890" }) },
    {
      case: "a changed MAC",
      bound: binding,
      given: `${token.slice(0, -2)}${token.endsWith("AA") ? "AB" : "AA"}`,
    },
    { case: "a truncated MAC", bound: binding, given: token.slice(0, -4) },
    { case: "another version", bound: binding, given: token.replace(/^v1/, "v2") },
    { case: "garbage", bound: binding, given: "not-a-token" },
    { case: "an extra part", bound: binding, given: `${token}.x` },
  ])("rejects a token checked against $case", ({ bound, given }) => {
    expect(decodeListToken(bound, given)).toBeUndefined();
  });
});
