import { describe, expect, it } from "vitest";
import { joinHeaderList, quoteHeaderItem, splitHeaderList } from "../src/header-list.js";

describe("splitHeaderList", () => {
  const cases: [string, string[]][] = [
    ["a, b, c", ["a", "b", "c"]],
    ["a,b,c", ["a", "b", "c"]],
    ["  a  ,  b ", ["a", "b"]],
    ["a", ["a"]],
    ['"b,c", "\\"def\\"", a', ["b,c", '"def"', "a"]],
    ['"a\\\\b", c', ["a\\b", "c"]],
    ['"  padded  ", x', ["  padded  ", "x"]],
    ['"", x', ["", "x"]],
    ["1, 2, 3", ["1", "2", "3"]],
  ];
  it.each(cases)("%j → %j", (text, items) => {
    expect(splitHeaderList(text)).toEqual(items);
  });
  it("pairs the halves of http-dates back up", () => {
    expect(splitHeaderList("Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT", true)).toEqual([
      "Mon, 16 Dec 2019 23:48:18 GMT",
      "Mon, 16 Dec 2019 23:48:18 GMT",
    ]);
    expect(splitHeaderList("Tue, 29 Apr 2014 18:30:38 GMT", true)).toEqual(["Tue, 29 Apr 2014 18:30:38 GMT"]);
  });
});

describe("joinHeaderList", () => {
  it("quotes string items only when they hold a comma or a quote", () => {
    expect(joinHeaderList(["b,c", '"def"', "a"], true)).toBe('"b,c", "\\"def\\"", a');
    expect(joinHeaderList(["a", "b"], true)).toBe("a, b");
    expect(quoteHeaderItem("a\\b")).toBe("a\\b");
    expect(quoteHeaderItem('a\\"b')).toBe('"a\\\\\\"b"');
  });
  it("never quotes when not asked to (dates hold commas)", () => {
    expect(joinHeaderList(["Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 23:48:18 GMT"])).toBe(
      "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT",
    );
  });
  it("round-trips quoted strings", () => {
    const items = ["plain", "with, comma", 'with "quotes"', "back\\slash, too"];
    expect(splitHeaderList(joinHeaderList(items, true))).toEqual(items);
  });
});
