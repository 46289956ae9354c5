import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalHeaderValue,
  canonicalPath,
  canonicalQuery,
  canonicalRequest,
  credentialScope,
  EMPTY_SHA256,
  formatAmzDate,
  isSignableHeader,
  normalizeHeaders,
  parseAmzDate,
  parseQuery,
  stringToSign,
  uriEncode,
} from "../src/index.js";

describe("canonicalPath (non-S3: normalized, then encoded a second time)", () => {
  it.each([
    ["", "/"],
    ["/", "/"],
    ["/sequencestore", "/sequencestore"],
    ["/a%20b", "/a%2520b"],
    ["/a b", "/a%20b"],
    ["/%C3%BC", "/%25C3%25BC"],
    ["/a%2Fb", "/a%252Fb"],
    ["/a/./b/../c", "/a/c"],
    ["/a//b/", "/a/b/"],
    ["//", "/"],
    ["/..", "/"],
    ["/a/b/", "/a/b/"],
    ["/~user/a-b_c.d", "/~user/a-b_c.d"],
    ["/$&+,;=:@!*'()", "/%24%26%2B%2C%3B%3D%3A%40%21%2A%27%28%29"],
  ])("%j → %j", (raw, expected) => {
    expect(canonicalPath(raw)).toBe(expected);
  });
});

describe("canonical query string", () => {
  it.each([
    ["", ""],
    ["?a=1", "a=1"],
    ["b=2&a=1", "a=1&b=2"],
    ["a=2&a=1&a=10", "a=1&a=10&a=2"],
    ["a=1&a-b=2&A=3", "A=3&a=1&a-b=2"],
    ["a", "a="],
    ["a=", "a="],
    ["a=b=c", "a=b%3Dc"],
    ["a%20b=c%2Bd", "a%20b=c%2Bd"],
    ["a+b=c", "a%2Bb=c"],
    ["k=%E2%82%AC", "k=%E2%82%AC"],
    ["k=*'()!", "k=%2A%27%28%29%21"],
    ["k=%7e", "k=~"],
    ["x=%zz", "x=%25zz"],
    ["x=%C3", "x=%25C3"],
    ["&&a=1&", "a=1"],
    ["X-Amz-Signature=abc&a=1", "a=1"],
    ["x-amz-signature=abc&a=1", "a=1"],
  ])("%j → %j", (raw, expected) => {
    expect(canonicalQuery(parseQuery(raw))).toBe(expected);
  });
});

describe("canonicalHeaderValue", () => {
  it.each([
    ["value", "value"],
    ["  a   b  ", "a b"],
    ["a\t\tb", "a b"],
    ["a\r\n b", "a b"],
    ['"a   b"', '"a b"'],
    ["", ""],
    [[" a ", "b", " c d  "], "a,b,c d"],
  ] as const)("%j → %j", (value, expected) => {
    expect(canonicalHeaderValue(value)).toBe(expected);
  });

  it("gives every string what the two replacing passes give (the already-canonical shortcut included)", () => {
    const byDefinition = (value: string) => value.replace(/[ \t\r\n]+/g, " ").replace(/^ | $/g, "");
    const character = fc.constantFrom(" ", "\t", "\r", "\n", "\f", "a", "b", ",", '"', "é");
    fc.assert(
      fc.property(fc.array(character, { maxLength: 12 }), (characters) => {
        const value = characters.join("");
        expect(canonicalHeaderValue(value)).toBe(byDefinition(value));
      }),
      { numRuns: 5000 },
    );
  });

  it("normalizeHeaders lowercases, skips undefined and joins same-name headers", () => {
    const headers = normalizeHeaders({ Host: "h", host: "i", "X-A": " 1 ", skipped: undefined });
    expect([...headers]).toEqual([
      ["host", "h,i"],
      ["x-a", "1"],
    ]);
  });
});

describe("headers that are never signed", () => {
  it.each([
    ["host", true],
    ["x-amz-date", true],
    ["content-type", true],
    ["user-agent", false],
    ["authorization", false],
    ["x-amzn-trace-id", false],
    ["proxy-authorization", false],
    ["sec-fetch-mode", false],
  ])("%s → %s", (name, signable) => {
    expect(isSignableHeader(name)).toBe(signable);
  });
});

describe("x-amz-date", () => {
  it("formats a Date in basic ISO 8601 without milliseconds", () => {
    expect(formatAmzDate(new Date("2015-08-30T12:36:00.999Z"))).toEqual({
      longDate: "20150830T123600Z",
      shortDate: "20150830",
    });
  });

  it.each([
    ["20150830T123600Z", "2015-08-30T12:36:00.000Z"],
    ["20240229T235959Z", "2024-02-29T23:59:59.000Z"],
    ["20230229T000000Z", undefined],
    ["20240101T240000Z", undefined],
    ["20240101T000060Z", undefined],
    ["20240101T000000", undefined],
    ["2024-01-01T00:00:00Z", undefined],
    ["", undefined],
  ])("parse %j → %j", (text, iso) => {
    expect(parseAmzDate(text)?.toISOString()).toBe(iso);
  });

  it("reads a value seen just before the same way, into a Date of its own", () => {
    const first = parseAmzDate("20150830T123600Z");
    first?.setUTCFullYear(1999);
    expect(parseAmzDate("20150830T123600Z")?.toISOString()).toBe("2015-08-30T12:36:00.000Z");
    expect(parseAmzDate("20230229T000000Z")).toBeUndefined();
    expect(parseAmzDate("20230229T000000Z")).toBeUndefined();
    expect(parseAmzDate("20150830T123601Z")?.toISOString()).toBe("2015-08-30T12:36:01.000Z");
  });
});

describe("canonical request, scope and string to sign", () => {
  it("builds the vanilla GET exactly as the spec lays it out", () => {
    const canonical = canonicalRequest({
      method: "get",
      canonicalPath: "/",
      canonicalQuery: "",
      signedHeaders: ["host", "x-amz-date"],
      headers: new Map([
        ["host", "example.amazonaws.com"],
        ["x-amz-date", "20150830T123600Z"],
      ]),
      payloadHash: EMPTY_SHA256,
    });
    expect(canonical).toBe(
      "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + EMPTY_SHA256,
    );
  });

  it("treats a signed header that was not sent as empty", () => {
    const canonical = canonicalRequest({
      method: "GET",
      canonicalPath: "/",
      canonicalQuery: "",
      signedHeaders: ["host", "x-missing"],
      headers: new Map([["host", "h"]]),
      payloadHash: "UNSIGNED-PAYLOAD",
    });
    expect(canonical).toBe("GET\n/\n\nhost:h\nx-missing:\n\nhost;x-missing\nUNSIGNED-PAYLOAD");
  });

  it("joins scope and string to sign with the algorithm name", () => {
    const scope = credentialScope("20150830", "us-east-1", "service");
    expect(scope).toBe("20150830/us-east-1/service/aws4_request");
    expect(stringToSign("20150830T123600Z", scope, "abc")).toBe(
      "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nabc",
    );
  });

  it("uriEncode leaves only unreserved characters", () => {
    expect(uriEncode("AZaz09-_.~ !*'()/?#[]@$&+,;=%é")).toBe(
      "AZaz09-_.~%20%21%2A%27%28%29%2F%3F%23%5B%5D%40%24%26%2B%2C%3B%3D%25%C3%A9",
    );
  });
});
