// diffModels ordering and options, and the three output formats (table, JSON, Markdown changelog).
import { describe, expect, it } from "vitest";
import type { AstModel } from "../src/ast.js";
import {
  type DiffEvent,
  type DiffRule,
  diffModels,
  formatDiffJson,
  formatDiffTable,
  summarizeApiChanges,
} from "../src/diff/index.js";
import { baseModel, id, member, shape } from "./fixtures/diff/base-model.js";

/** A new version with one change of each severity and several shapes. */
function changedModel(): AstModel {
  const m = baseModel();
  delete shape(m, "Status").members!.DELETED; // ERROR
  shape(m, "GetThing").errors?.push({ target: id("ThrottlingError") }); // WARNING
  shape(m, "GetThingOutput").members!.description = { target: "smithy.api#String" }; // NOTE
  member(m, "GetThingInput", "verbose").traits = { "smithy.api#httpQuery": "v" }; // ERROR
  return m;
}

/** The same model with its shapes inserted in reverse order. */
function reversed(model: AstModel): AstModel {
  return { ...model, shapes: Object.fromEntries(Object.entries(model.shapes).reverse()) };
}

describe("diffModels", () => {
  it("sorts most severe first, then by shape and event ID, whatever the input order", () => {
    const events = diffModels(baseModel(), changedModel());
    expect(events.map((e) => `${e.severity} ${e.id} ${e.shapeId}`)).toEqual([
      "ERROR ChangedHttpBinding com.example#GetThingInput$verbose",
      "ERROR RemovedEnumValue com.example#Status",
      "WARNING AddedOperationError com.example#GetThing",
      "NOTE AddedMember com.example#GetThingOutput$description",
    ]);
    expect(diffModels(reversed(baseModel()), reversed(changedModel()))).toEqual(events);
  });

  it("ignores built-in shapes unless asked", () => {
    const changed = baseModel();
    changed.shapes["aws.protocols#restJson1"]!.traits!["smithy.api#documentation"] = "changed";
    expect(diffModels(baseModel(), changed)).toEqual([]);
    expect(diffModels(baseModel(), changed, { includeBuiltIns: true }).map((e) => e.shapeId)).toEqual([
      "aws.protocols#restJson1",
    ]);
  });

  it("runs only the given rules, and lets the generic trait rule see traits no given rule claims", () => {
    const only: DiffRule = {
      id: "Custom",
      category: "other",
      description: "NOTE for every removed shape",
      check: (ctx) => ctx.removed.map(([shapeId]) => ctx.event("Custom", "NOTE", shapeId, "gone")),
    };
    const m = baseModel();
    delete m.shapes[id("Name")];
    expect(diffModels(baseModel(), m, { rules: [only] })).toEqual([
      { id: "Custom", severity: "NOTE", shapeId: "com.example#Name", message: "gone" },
    ]);
  });
});

const EVENTS: DiffEvent[] = [
  { id: "RemovedEnumValue", severity: "ERROR", shapeId: "ns#Status", message: "Removed value `x`" },
  { id: "AddedOperationError", severity: "WARNING", shapeId: "ns#Op", message: "Added error" },
  { id: "AddedMember", severity: "NOTE", shapeId: "ns#Out$description", message: "Added optional member" },
  { id: "ChangedDocumentation", severity: "NOTE", shapeId: "ns#Op", message: "Documentation changed" },
];

describe("formatDiffTable", () => {
  it("aligns columns and ends with the summary line", () => {
    expect(formatDiffTable(EVENTS)).toBe(
      [
        "SEVERITY  EVENT                 SHAPE               MESSAGE",
        "ERROR     RemovedEnumValue      ns#Status           Removed value `x`",
        "WARNING   AddedOperationError   ns#Op               Added error",
        "NOTE      AddedMember           ns#Out$description  Added optional member",
        "NOTE      ChangedDocumentation  ns#Op               Documentation changed",
        "",
        "1 error, 1 warning, 2 notes",
        "",
      ].join("\n"),
    );
  });

  it("says so when there is no difference", () => {
    expect(formatDiffTable([])).toBe("No differences.\n0 errors, 0 warnings, 0 notes\n");
  });
});

describe("formatDiffJson", () => {
  it("holds the events and their counts", () => {
    expect(JSON.parse(formatDiffJson(EVENTS))).toEqual({
      summary: { errors: 1, warnings: 1, notes: 2 },
      events: EVENTS,
    });
  });
});

describe("summarizeApiChanges", () => {
  it("groups changes by API area and collapses documentation edits", () => {
    expect(summarizeApiChanges(EVENTS)).toBe(
      [
        "## API changes",
        "",
        "**Breaking.** 1 error, 1 warning, 2 notes.",
        "",
        "### Operations",
        "",
        "- **WARNING** Added error",
        "",
        "### Members",
        "",
        "- **NOTE** Added optional member",
        "",
        "### Enum values",
        "",
        "- **ERROR** Removed value `x`",
        "",
        "### Other",
        "",
        "- Documentation changed on 1 shape(s) or member(s)",
        "",
      ].join("\n"),
    );
  });

  it("puts added and removed operations under Operations, other shapes under Types", () => {
    const base = baseModel();
    const changed = baseModel();
    changed.shapes[id("DeleteThing")] = { type: "operation" };
    shape(changed, "Svc").operations?.push({ target: id("DeleteThing") });
    changed.shapes[id("Extra")] = { type: "structure", members: {} };
    const added = summarizeApiChanges(diffModels(base, changed));
    const section = (text: string, heading: string) =>
      text.split("\n### ").find((part) => part.startsWith(heading)) ?? "";
    expect(section(added, "Operations")).toContain("Added operation `com.example#DeleteThing`");
    expect(section(added, "Types")).toContain("Added structure `com.example#Extra`");
    expect(section(added, "Types")).not.toContain("operation");
    const removed = summarizeApiChanges(diffModels(changed, base));
    expect(section(removed, "Operations")).toContain("Removed operation `com.example#DeleteThing`");
  });

  it("says when nothing changed", () => {
    expect(summarizeApiChanges([], "Model changes")).toBe("## Model changes\n\nNo API changes.\n");
  });
});
