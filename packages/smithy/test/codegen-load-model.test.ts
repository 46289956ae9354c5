import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { AstModel } from "../src/ast.js";
import { loadGeneratedModel, pickService } from "../src/codegen/load-model.js";

const dir = mkdtempSync(path.join(tmpdir(), "smithy-codegen-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeModel(name: string, model: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(model));
  return file;
}

const valid = {
  smithy: "2.0",
  shapes: { "example.load#Svc": { type: "service", version: "1" }, "example.load#Name": { type: "string" } },
};

describe("loadGeneratedModel", () => {
  it("assembles the model through the toolchain (prelude included)", () => {
    const model = loadGeneratedModel(writeModel("valid.json", valid));
    expect(model.shapes["example.load#Name"]).toEqual({ type: "string" });
    expect(model.shapes["smithy.api#String"]?.type).toBe("string");
  });

  it("reads the JSON as written with raw", () => {
    const model = loadGeneratedModel(writeModel("raw.json", valid), { raw: true });
    expect(model).toEqual(valid);
  });

  it("names the file and the command to run when the model is missing", () => {
    expect(() => loadGeneratedModel(path.join(dir, "absent.json"))).toThrow(
      /Assembled model not found at .*absent\.json; run `npm run generate -w @seqstore\/model` first/,
    );
  });

  it("lists the model's errors", () => {
    const broken = {
      smithy: "2.0",
      shapes: { "example.load#S": { type: "structure", members: { a: { target: "example.load#Missing" } } } },
    };
    expect(() => loadGeneratedModel(writeModel("broken.json", broken))).toThrow(
      /^The model has errors[^\n]*\n.*example\.load#Missing/s,
    );
  });
});

describe("pickService", () => {
  const model = (...services: string[]): AstModel => ({
    smithy: "2.0",
    shapes: Object.fromEntries(services.map((id) => [id, { type: "service", version: "1" }])),
  });

  it.each([
    [model("a#One"), undefined, "a#One"],
    [model("a#One", "a#Two"), "a#Two", "a#Two"],
  ])("picks the service", (m, wanted, expected) => {
    expect(pickService(m, wanted)).toBe(expected);
  });

  it.each([
    [model(), undefined, "Expected exactly one service in the model, found 0: none"],
    [model("a#One", "a#Two"), undefined, "Expected exactly one service in the model, found 2: a#One, a#Two"],
    [model("a#One"), "a#Other", "Service a#Other is not in the model"],
  ])("refuses an unclear choice", (m, wanted, message) => {
    expect(() => pickService(m, wanted)).toThrow(message);
  });
});
