// bigInteger and bigDecimal in JSON bodies: the generated converters' helpers keep the value exact or fail
// loudly, never send or return a rounded number.
import { describe, expect, it } from "vitest";
import { renderModules } from "../codegen/render.js";
import { SpecBuilder } from "../codegen/specs.js";
import { fromJsonBigDecimal, fromJsonBigInteger, toBigJsonNumber } from "../src/runtime/serde.js";
import { model, NS } from "./fixture-model.js";

describe("big numbers going out", () => {
  it("writes values a double holds exactly as JSON numbers", () => {
    expect(toBigJsonNumber(9007199254740991n)).toBe(9007199254740991);
    expect(toBigJsonNumber(-42n)).toBe(-42);
    expect(toBigJsonNumber("0.1")).toBe(0.1);
    expect(toBigJsonNumber(undefined)).toBeUndefined();
  });

  it("refuses values a JSON number would round, before sending", () => {
    expect(() => toBigJsonNumber(9007199254740993n)).toThrow(RangeError);
    expect(() => toBigJsonNumber("3.14159265358979323846")).toThrow(RangeError);
    expect(() => toBigJsonNumber("not a number")).toThrow(RangeError);
  });
});

describe("big numbers coming in", () => {
  it("reads a bigInteger as a bigint, refusing one JSON.parse may have rounded", () => {
    expect(fromJsonBigInteger(9007199254740991)).toBe(9007199254740991n);
    expect(fromJsonBigInteger(undefined)).toBeUndefined();
    expect(() => fromJsonBigInteger(JSON.parse("9007199254740993"))).toThrow(/beyond ±\(2\^53 - 1\)/);
  });

  it("reads a bigDecimal as decimal text", () => {
    expect(fromJsonBigDecimal(0.1)).toBe("0.1");
    expect(fromJsonBigDecimal(null)).toBeUndefined();
  });
});

describe("generated converters", () => {
  // The code generator is imported with the file, not inside the test: loading it on a busy machine took
  // longer than a test's 5 s.
  it("send and read bigInteger and bigDecimal body members through the helpers", () => {
    const withBig = structuredClone(model);
    for (const id of [`${NS}PutThingInput`, `${NS}PutThingOutput`]) {
      const members = withBig.shapes[id]?.members;
      if (!members) throw new Error(`fixture lacks ${id}`);
      members.count = { target: "smithy.api#BigInteger" };
      members.amount = { target: "smithy.api#BigDecimal" };
    }
    const files = renderModules(new SpecBuilder(withBig, `${NS}Svc`), "Svc", `${NS}Svc`, "../runtime");
    const source = Object.values(files).join("\n");
    expect(source).toContain("count: toBigJsonNumber(i.count)");
    expect(source).toContain("amount: toBigJsonNumber(i.amount)");
    expect(source).toMatch(/count: fromJsonBigInteger\([^)]*\)/);
    expect(source).toMatch(/amount: fromJsonBigDecimal\([^)]*\)/);
  });
});
