import { describe, expect, it } from "vitest";
import { accepts, essence, messageMediaType, payloadMediaType } from "../src/media-types.js";
import type { MemberBinding, WireType } from "../src/service.js";

describe("payloadMediaType", () => {
  const cases: [WireType, string][] = [
    [{ kind: "blob" }, "application/octet-stream"],
    [{ kind: "blob", mediaType: "image/jpeg" }, "image/jpeg"],
    [{ kind: "string" }, "text/plain"],
    [{ kind: "string", mediaType: "text/markdown" }, "text/markdown"],
    [{ kind: "structure", shape: "S" }, "application/json"],
    [{ kind: "document" }, "application/json"],
  ];
  it.each(cases)("%j → %s", (type, mediaType) => {
    expect(payloadMediaType(type)).toBe(mediaType);
  });
});

describe("messageMediaType", () => {
  const binding = (location: MemberBinding["location"], type: WireType): MemberBinding => ({
    member: "m",
    location,
    wireName: "m",
    type,
    required: false,
  });
  it("is JSON with body members, the payload's type with a payload, none without either", () => {
    expect(
      messageMediaType([binding("header", { kind: "string" }), binding("body", { kind: "string" })]),
    ).toBe("application/json");
    expect(messageMediaType([binding("payload", { kind: "blob", mediaType: "image/jpeg" })])).toBe(
      "image/jpeg",
    );
    expect(messageMediaType([binding("header", { kind: "string" })])).toBeUndefined();
    expect(messageMediaType([])).toBeUndefined();
  });
});

describe("accepts", () => {
  const cases: [string | undefined, string, boolean][] = [
    [undefined, "application/json", true],
    ["", "application/json", true],
    ["application/json", "application/json", true],
    ["Application/JSON; charset=utf-8", "application/json", true],
    ["*/*", "image/jpeg", true],
    ["image/*", "image/jpeg", true],
    ["text/html, application/json;q=0.9", "application/json", true],
    ["application/hal+json", "application/json", false],
    ["application/json", "image/jpeg", false],
    ["application/json", "text/plain", false],
  ];
  it.each(cases)("Accept %j admits %s: %s", (accept, mediaType, expected) => {
    expect(accepts(accept, mediaType)).toBe(expected);
  });
  it("reads the essence of a media type", () => {
    expect(essence(" Application/Json ; charset=UTF-8")).toBe("application/json");
  });
});
