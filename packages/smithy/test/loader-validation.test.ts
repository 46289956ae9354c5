import { describe, expect, it } from "vitest";
import { loadModel, type ValidationEvent } from "../src/index.js";

const V2 = '$version: "2"\n';

function events(text: string, filename = "t.smithy"): ValidationEvent[] {
  return loadModel({ sources: [{ filename, text }], bundledTraits: false }).events;
}

function describeEvent(event: ValidationEvent): string {
  const reason = event.suppressionReason === undefined ? "" : ` (${event.suppressionReason})`;
  return `[${event.severity}] ${event.shapeId ?? "-"}: ${event.message}${reason} | ${event.id}`;
}

describe("model validation while loading", () => {
  const cases: [string, string, string[]][] = [
    [
      "trait placed where its selector does not match",
      `${V2}namespace ex\n@idempotent\nstring S\n`,
      [
        "[ERROR] ex#S: Trait `idempotent` cannot be applied to `ex#S`. This trait may only be applied to shapes that match the following selector: operation | TraitTarget",
      ],
    ],
    [
      "custom trait with a selector over members",
      `${V2}namespace ex\n@trait(selector: "structure > member")\nstructure onMember {}\nstructure A {\n  @onMember\n  a: String\n}\n@onMember\nstructure B {}\n`,
      [
        "[ERROR] ex#B: Trait `ex#onMember` cannot be applied to `ex#B`. This trait may only be applied to shapes that match the following selector: structure > member | TraitTarget",
      ],
    ],
    [
      "a mixin used as a trait",
      `${V2}namespace ex\n@trait\n@mixin\nstructure m {}\n@m\nstring S\n`,
      ["[ERROR] ex#S: Trait `ex#m` is a mixin and cannot be applied to `ex#S`. | TraitTarget"],
    ],
    [
      "a shape that is not a trait",
      `${V2}namespace ex\ndocument D\n@D\nstructure S {}\n`,
      [
        "[ERROR] ex#D: Shape `ex#D` cannot be applied as a trait. If this is a custom trait, please add `@trait` to this shape. | Model",
      ],
    ],
    [
      "EmitEachSelector with id, message and severity, and a @suppress trait",
      `${V2}metadata validators = [{name: "EmitEachSelector", id: "NoLists", message: "no: {super}", severity: "WARNING", configuration: {selector: "list"}}]\nnamespace ex\nlist A { member: String }\n@suppress(["NoLists"])\nlist B { member: String }\n`,
      [
        "[WARNING] ex#A: no: Selector capture matched selector: list | NoLists",
        "[SUPPRESSED] ex#B: no: Selector capture matched selector: list | NoLists",
      ],
    ],
    [
      "metadata suppressions by namespace, with a reason, hierarchically",
      `${V2}metadata validators = [{name: "EmitEachSelector", id: "Bad.Thing", configuration: {selector: "[id|name = A]"}}, {name: "Missing"}]\nmetadata suppressions = [{id: "Bad", namespace: "ex", reason: "fine"}, {id: "UnknownValidator_Missing", namespace: "*"}]\nnamespace ex\nstring A\n`,
      [
        "[SUPPRESSED] ex#A: Selector capture matched selector: [id|name = A] (fine) | Bad.Thing",
        "[SUPPRESSED] -: Unable to locate a validator named `Missing` | UnknownValidator_Missing",
      ],
    ],
    [
      "errors cannot be suppressed",
      `${V2}metadata suppressions = [{id: "TraitTarget", namespace: "*"}]\nnamespace ex\n@suppress(["TraitTarget"])\n@readonly\nstring S\n`,
      [
        "[ERROR] ex#S: Trait `readonly` cannot be applied to `ex#S`. This trait may only be applied to shapes that match the following selector: operation | TraitTarget",
      ],
    ],
    [
      "EmitNoneSelector",
      `${V2}metadata validators = [{name: "EmitNoneSelector", configuration: {selector: "service"}}]\nnamespace ex\nstring A\n`,
      ["[DANGER] -: Expected at least one shape to match selector: service | EmitNoneSelector"],
    ],
    [
      "UnreferencedShape",
      `${V2}metadata validators = [{name: "UnreferencedShape"}]\nnamespace ex\nservice S { operations: [Op] }\noperation Op { input := { a: A } }\nstring A\nstring Lonely\n@trait\nstructure t { b: B }\nstring B\n`,
      [
        "[NOTE] ex#Lonely: This shape is unreferenced. It has no modeled connections to shapes that match the following selector: `service` | UnreferencedShape",
      ],
    ],
    [
      "validators must be an array",
      `${V2}metadata validators = {}\nnamespace ex\n`,
      ["[ERROR] -: validators must be an array. Found object. | Model"],
    ],
    [
      "misplaced documentation comments",
      `${V2}namespace ex\n@sensitive\n/// after traits\nstring A\nstructure B {\n  /// dangling\n}\n`,
      [
        "[WARNING] -: Found documentation comments ('///') attached to nothing. Documentation comments must appear on their own lines, directly before shapes and members, and before any traits. The invalid comments were: after traits | Model.BadDocumentationComment",
        "[WARNING] -: Found documentation comments ('///') attached to nothing. Documentation comments must appear on their own lines, directly before shapes and members, and before any traits. The invalid comments were: dangling | Model.BadDocumentationComment",
      ],
    ],
    [
      "duplicate keys in a node object",
      `${V2}namespace ex\n@tags(["a"])\nservice S { version: "1", version: "2" }\n`,
      ["[ERROR] -: Duplicate member: 'version' | Model"],
    ],
    [
      "duplicate keys in a trait structure",
      `${V2}namespace ex\n@deprecated(message: "a", message: "b")\nstring S\n`,
      ["[ERROR] -: Duplicate member of trait: 'message' | Model"],
    ],
    [
      "the same shape defined twice",
      `${V2}namespace ex\nstring A\nstring A\n`,
      [
        "[NOTE] ex#A: Ignoring duplicate but equivalent shape definition: ex#A defined at t.smithy [3, 1] and t.smithy [4, 1] | Model.IgnoredDuplicateDefinition",
      ],
    ],
    [
      "mixin cycles",
      `${V2}namespace ex\n@mixin\nstructure A with [B] {}\n@mixin\nstructure B with [A] {}\n`,
      [
        "[ERROR] ex#A: Unable to resolve mixins; cycles detected between this shape and [ex#B] | Model",
        "[ERROR] ex#B: Unable to resolve mixins; cycles detected between this shape and [ex#A] | Model",
      ],
    ],
    [
      "a structure trait value missing a required member",
      `${V2}namespace ex\n@trait\nstructure t { @required a: String, b: String }\n@t(b: "x")\nstring S\n`,
      [
        "[ERROR] ex#S: Error validating trait `ex#t`: Missing required structure member `a` for `ex#t` | TraitValue",
      ],
    ],
    [
      "a nested structure trait value missing a required member, on a member",
      `${V2}namespace ex\n@trait\nstructure t { inner: Inner }\nstructure Inner { @required id: String, @required n: Integer }\nstructure S {\n  @t(inner: { n: 1 })\n  m: String\n}\n`,
      [
        "[ERROR] ex#S$m: Error validating trait `ex#t`.inner: Missing required structure member `id` for `ex#Inner` | TraitValue",
      ],
    ],
    [
      "a structure trait value with every required member",
      `${V2}namespace ex\n@trait\nstructure t { @required a: String, b: String }\n@t(a: "x")\nstring S\n`,
      [],
    ],
    [
      "an empty union trait value",
      `${V2}namespace ex\n@trait\nunion u { a: String, b: String }\n@u({})\nstring S\n`,
      [
        "[ERROR] ex#S: Error validating trait `ex#u`: union values must contain exactly one entry | TraitValue",
      ],
    ],
    [
      "an empty union nested in a list trait value",
      `${V2}namespace ex\n@trait\nlist us { member: U }\nunion U { a: String, b: Integer }\n@us([{ a: "x" }, {}])\nstring S\n`,
      [
        "[ERROR] ex#S: Error validating trait `ex#us`.1: union values must contain exactly one entry | TraitValue",
      ],
    ],
    [
      "a union trait value with two entries",
      `${V2}namespace ex\n@trait\nunion u { a: String, b: String }\n@u(a: "x", b: "y")\nstring S\n`,
      [
        "[ERROR] ex#S: Error validating trait `ex#u`: union values must contain exactly one entry | TraitValue",
      ],
    ],
    [
      "a union trait value with one entry",
      `${V2}namespace ex\n@trait\nunion u { a: String, b: String }\n@u(b: "y")\nstring S\n`,
      [],
    ],
  ];

  it.each(cases)("%s", (_name, text, expected) => {
    expect(events(text).map(describeEvent).sort()).toEqual([...expected].sort());
  });

  it("warns about unknown top-level properties of a JSON model", () => {
    const found = events('{"smithy": "2.0", "extra": 1}', "t.json").map(describeEvent);
    expect(found).toEqual([
      "[WARNING] -: Expected an object with possible properties of `metadata`, `shapes`, `smithy`, but found additional properties: `extra` | Model",
    ]);
  });
});
