// JSON AST loading: AWS's own model must load cleanly with the bundled trait models, and JSON
// inputs must come out in the assembled form (apply merged, mixins flattened, annotation values).
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadModel, loadModelFromPaths, serializeModel } from "../src/index.js";

const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const awsModel = resolve(repoRoot, "../shared/reference/aws-omics.smithy.json");

function loadJson(shapes: Record<string, unknown>, version = "2.0") {
  return loadModel({
    sources: [{ filename: "test.json", text: JSON.stringify({ smithy: version, shapes }) }],
  });
}

describe.skipIf(!existsSync(awsModel))("AWS's omics model (skipped: ../shared/reference is absent)", () => {
  it("loads with no ERROR or DANGER events", () => {
    const result = loadModelFromPaths([awsModel]);
    expect(
      result.events.filter((event) => event.severity === "ERROR" || event.severity === "DANGER"),
    ).toEqual([]);
    expect(result.model.shapes["com.amazonaws.omics#Omics"]?.type).toBe("service");
  });
});

describe("JSON AST loading", () => {
  it("includes the prelude and bundled trait definitions in the assembled model", () => {
    const { model, ok } = loadJson({});
    expect(ok).toBe(true);
    expect(model.shapes["smithy.api#String"]).toEqual({ type: "string" });
    expect(model.shapes["aws.protocols#restJson1"]?.traits?.["smithy.api#trait"]).toBeDefined();
  });

  it("leaves bundled traits out when asked", () => {
    const { model } = loadModel({ sources: [], bundledTraits: false });
    expect(model.shapes["aws.protocols#restJson1"]).toBeUndefined();
  });

  it("merges apply entries and flattens mixins, inherited members first", () => {
    const { model, ok, events } = loadJson({
      "a.b#Base": {
        type: "structure",
        members: { id: { target: "smithy.api#String" } },
        traits: { "smithy.api#mixin": {}, "smithy.api#sensitive": {} },
      },
      "a.b#Thing": {
        type: "structure",
        mixins: [{ target: "a.b#Base" }],
        members: { name: { target: "smithy.api#String" } },
      },
      "a.b#Thing$name": { type: "apply", traits: { "smithy.api#required": {} } },
    });
    expect(events.filter((event) => event.severity === "ERROR")).toEqual([]);
    expect(ok).toBe(true);
    const thing = model.shapes["a.b#Thing"];
    expect(Object.keys(thing?.members ?? {})).toEqual(["id", "name"]);
    expect(thing?.members?.name?.traits).toEqual({ "smithy.api#required": {} });
    expect(thing?.traits).toEqual({ "smithy.api#sensitive": {} });
  });

  it.each([
    [
      "missing member target",
      { "a.b#S": { type: "structure", members: { x: { target: "a.b#Nope" } } } },
      "Target",
    ],
    ["unknown trait", { "a.b#S": { type: "string", traits: { "a.b#nope": {} } } }, "Model"],
    [
      "bad trait value",
      { "a.b#S": { type: "string", traits: { "smithy.api#length": { min: "x" } } } },
      "TraitValue",
    ],
    ["list without member", { "a.b#L": { type: "list" } }, "Model"],
  ])("reports %s", (_name, shapes, eventId) => {
    const result = loadJson(shapes);
    expect(result.ok).toBe(false);
    expect(result.events.map((event) => event.id)).toContain(eventId);
  });

  it("reports unparsable JSON as an event with a location", () => {
    const result = loadModel({
      sources: [{ filename: "bad.json", text: '{\n  "smithy": "2.0",\n  oops\n}' }],
    });
    expect(result.ok).toBe(false);
    expect(result.events[0]?.sourceLocation?.filename).toBe("bad.json");
  });

  it("serializes without prelude shapes, sorted by shape ID", () => {
    const { model } = loadJson({
      "a.b#Z": { type: "string" },
      "a.b#A": { type: "string" },
    });
    expect(Object.keys(serializeModel(model).shapes)).toEqual(["a.b#A", "a.b#Z"]);
  });
});
