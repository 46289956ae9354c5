// The judge's own rules, case by case: a judge that cannot fail would prove nothing.
import { describe, expect, it } from "vitest";
import { checkMessage, checkQuery, compareBody } from "../src/http-expect.js";
import { expandParameters, type MalformedCase } from "../src/suite.js";
import { difference } from "../src/values.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const message = (headers: Record<string, string>, body = "") => ({
  headers: new Map(Object.entries(headers)),
  body: bytes(body),
});

describe("bodies by media type", () => {
  it.each([
    [
      "JSON equal as values, not text",
      '{"a":1,"b":[1,2]}',
      "application/json",
      '{ "b": [1, 2], "a": 1 }',
      true,
    ],
    ["JSON with another value", '{"a":1}', "application/json", '{"a":2}', false],
    ["JSON with an extra member", '{"a":1}', "application/json", '{"a":1,"b":null}', false],
    ["JSON expected, text sent", '{"a":1}', "application/json", "a=1", false],
    ["text compared byte for byte", "a b", "text/plain", "a b", true],
    ["text with other whitespace", "a b", "text/plain", "a  b", false],
    ["XML as text", "<a/>", "application/xml", "<a />", false],
    ["an empty expectation means no body", "", "application/json", "", true],
    ["an empty expectation refuses a body", "", "application/json", "{}", false],
    ["+json media types are JSON", '{"a":1}', "application/vnd.x+json", '{"a" : 1}', true],
  ])("%s", (_, expected, mediaType, actual, passes) => {
    expect(compareBody(expected, mediaType, bytes(actual)) === undefined).toBe(passes);
  });
});

describe("headers", () => {
  it("compares listed headers by name regardless of case, and values exactly", () => {
    expect(checkMessage({ headers: { "X-A": "1, 2" } }, message({ "x-a": "1, 2" }))).toEqual([]);
    expect(checkMessage({ headers: { "X-A": "1, 2" } }, message({ "x-a": "1,2" }))).toHaveLength(1);
    expect(checkMessage({ headers: { "X-A": "1" } }, message({}))).toHaveLength(1);
  });

  it("refuses forbidden headers and requires required ones", () => {
    expect(checkMessage({ forbidHeaders: ["X-B"] }, message({ "x-b": "" }))).toHaveLength(1);
    expect(checkMessage({ forbidHeaders: ["X-B"] }, message({}))).toEqual([]);
    expect(checkMessage({ requireHeaders: ["X-C"] }, message({}))).toHaveLength(1);
    expect(checkMessage({ requireHeaders: ["X-C"] }, message({ "x-c": "any" }))).toEqual([]);
  });
});

describe("query strings", () => {
  it("finds each listed parameter, encoded as listed, as often as listed", () => {
    expect(checkQuery({ queryParams: ["a=%20b", "c=1", "c=2"] }, "c=2&a=%20b&c=1")).toEqual([]);
    expect(checkQuery({ queryParams: ["c=1", "c=1"] }, "c=1")).toHaveLength(1);
    expect(checkQuery({ queryParams: ["a=b%26c"] }, "a=b&c")).toHaveLength(1);
    // Escapes compare in any case; an unescaped character is not its escape.
    expect(checkQuery({ queryParams: ["p=a%2Fb"] }, "p=a%2fb")).toEqual([]);
    expect(checkQuery({ queryParams: ["p=a%2Bb"] }, "p=a+b")).toHaveLength(1);
  });

  it("checks forbidden and required keys", () => {
    expect(checkQuery({ forbidQueryParams: ["x"] }, "x=1")).toHaveLength(1);
    expect(checkQuery({ forbidQueryParams: ["x"] }, "y=1")).toEqual([]);
    expect(checkQuery({ requireQueryParams: ["x"] }, "y=1")).toHaveLength(1);
    expect(checkQuery({ requireQueryParams: ["x"] }, "x")).toEqual([]);
  });
});

describe("values", () => {
  it.each([
    [new Date(1000), new Date(1000), true],
    [new Date(1000), new Date(2000), false],
    [bytes("ab"), Buffer.from("ab"), true],
    [bytes("ab"), bytes("ac"), false],
    [Number.NaN, Number.NaN, true],
    [{ a: [1, { b: undefined }] }, { a: [1, {}] }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [[1, 2], [2, 1], false],
  ])("%#", (expected, actual, same) => {
    expect(difference(expected, actual) === undefined).toBe(same);
  });
});

describe("testParameters", () => {
  const test = {
    id: "T",
    protocol: "aws.protocols#restJson1",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Smithy's testParameters placeholders
    request: { method: "POST", uri: "/x/${value}", body: '{"v":${value}}' },
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Smithy's testParameters placeholders
    response: { code: 400, headers: { "X-T": "${tag}" } },
    testParameters: { value: ["1", "true"], tag: ["a", "b"] },
  } as MalformedCase & { testParameters: Record<string, string[]> };

  it("expands into one case per position, substituting every string", () => {
    const cases = expandParameters(test, "op");
    expect(cases.map((one) => [one.request.uri, one.request.body, one.response.headers?.["X-T"]])).toEqual([
      ["/x/1", '{"v":1}', "a"],
      ["/x/true", '{"v":true}', "b"],
    ]);
  });

  it("refuses lists of different lengths", () => {
    expect(() =>
      expandParameters({ ...test, testParameters: { value: ["1"], tag: ["a", "b"] } }, "op"),
    ).toThrow(/differ in length/);
  });
});
