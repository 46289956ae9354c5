import { describe, expect, it } from "vitest";
import { loadModel } from "../src/index.js";
import { compileSelector, SelectorSyntaxError } from "../src/selector/index.js";

const MODEL = `$version: "2"
namespace ex

@trait(selector: ":is(service, structure)")
list tags { member: String }

@tags(["a", "b"])
service Svc {
    version: "2024-01-01"
    operations: [GetThing]
    resources: [Thing]
}

resource Thing {
    identifiers: { id: ThingId }
    read: ReadThing
}

string ThingId

@readonly
operation ReadThing {
    input := { @required id: ThingId }
    output := { name: String }
}

@http(method: "GET", uri: "/thing")
operation GetThing {
    input := {
        @required
        @httpQuery("Token")
        token: String
        count: Integer
    }
    output: Unit
    errors: [NotFound]
}

@error("client")
@httpError(404)
@tags(["zzz"])
structure NotFound { message: String }

enum Color { RED, GREEN }

intEnum Level {
    LOW = 1
}

list Names { member: String }

map Counts { key: String, value: Integer }

@mixin
structure Base { created: Timestamp }

@tags(["internal"])
structure UsesBase with [Base] { extra: Names }

@deprecated(message: "old", since: "2020")
string Legacy
`;

const model = loadModel({ sources: [{ filename: "ex.smithy", text: MODEL }], bundledTraits: false }).model;

function select(selector: string): string[] {
  return [...compileSelector(selector).select(model)].filter((id) => id.startsWith("ex#")).sort();
}

describe("selectors", () => {
  it("loads the test model cleanly", () => {
    const result = loadModel({ sources: [{ filename: "ex.smithy", text: MODEL }], bundledTraits: false });
    expect(result.events.filter((event) => event.severity === "ERROR")).toEqual([]);
  });

  const cases: [string, string[]][] = [
    ["service", ["ex#Svc"]],
    ["resource", ["ex#Thing"]],
    ["string", ["ex#Color", "ex#Legacy", "ex#ThingId"]],
    ["string :not(enum)", ["ex#Legacy", "ex#ThingId"]],
    ["integer", ["ex#Level"]],
    ["number", ["ex#Level"]],
    ["collection", ["ex#Names", "ex#tags"]],
    ["[id|name = Names]", ["ex#Names", "ex#Names$member"]],
    ["[id = ex#Counts]", ["ex#Counts"]],
    ["[id = 'ex#Counts$key']", ["ex#Counts$key"]],
    ["map > member", ["ex#Counts$key", "ex#Counts$value"]],
    ["map > member[id|member=value] > integer", []],
    ["list > member > string", []],
    ["[trait|error = client]", ["ex#NotFound"]],
    ["[trait|error != server]", ["ex#NotFound"]],
    ["[trait|httpError >= 400][trait|httpError < 500]", ["ex#NotFound"]],
    ["[trait|httpError > 'not a number']", []],
    ["[trait|http|method = get i]", ["ex#GetThing"]],
    ["[trait|http|method = get]", []],
    ["[trait|httpQuery *= tok i]", ["ex#GetThingInput$token"]],
    ["[trait|deprecated|since ^= 20]", ["ex#Legacy"]],
    ["[trait|deprecated|message $= ld]", ["ex#Legacy"]],
    ["[trait|ex#tags|(values) = internal]", ["ex#UsesBase"]],
    ["[trait|ex#tags|(length) = 2]", ["ex#Svc"]],
    ["[trait|required ?= true]", ["ex#GetThingInput$token", "ex#ReadThingInput$id"]],
    ["[id|namespace = ex][trait|(keys)|name = mixin]", ["ex#Base"]],
    ["[service|version ^= '2024-']", ["ex#Svc"]],
    [
      "operation -[input]-> structure > member [trait|required]",
      ["ex#GetThingInput$token", "ex#ReadThingInput$id"],
    ],
    ["operation -[output]-> *", ["ex#ReadThingOutput"]],
    ["operation -[error]-> structure", ["ex#NotFound"]],
    ["resource -[read]-> operation", ["ex#ReadThing"]],
    ["resource -[identifier]-> *", ["ex#ThingId"]],
    ["service ~> operation", ["ex#GetThing", "ex#ReadThing"]],
    ["service ~> [trait|error]", ["ex#NotFound"]],
    ["structure -[mixin]-> *", ["ex#Base"]],
    ["string :test(< member < structure <-[input]- operation)", ["ex#ThingId"]],
    ["[trait|trait] :not(<-[trait]-)", []],
    ["[trait|tags]", []],
    ["[trait|trait] :test(<-[trait]-)", ["ex#tags"]],
    [":is(enum, intEnum) > member", ["ex#Color$GREEN", "ex#Color$RED", "ex#Level$LOW"]],
    [":test(timestamp, member > timestamp)", ["ex#Base$created", "ex#UsesBase$created"]],
    [
      "structure :not([trait|input]) :not([trait|output]) :not([trait|mixin]) > member",
      ["ex#NotFound$message", "ex#UsesBase$created", "ex#UsesBase$extra"],
    ],
    ["$svc(service) ~> operation [@: @{var|svc|id|name} = Svc]", ["ex#GetThing", "ex#ReadThing"]],
    [
      "service $svc(*) ~> structure [trait|ex#tags] :not([@: @{trait|ex#tags|(values)} {<} @{var|svc|trait|ex#tags|(values)}])",
      ["ex#NotFound"],
    ],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: `${name}` is selector syntax, not a template.
    ["$ops(operation) ${ops}", ["ex#GetThing", "ex#ReadThing"]],
    [":in(operation -[input]-> structure) [trait|input]", ["ex#GetThingInput", "ex#ReadThingInput"]],
    [":root(service) [id|name = Svc]", ["ex#Svc"]],
    [":recursive(-[mixin]->)", ["ex#Base"]],
    [
      ":topdown([trait|ex#tags])",
      [
        "ex#NotFound",
        "ex#NotFound$message",
        "ex#Svc",
        "ex#UsesBase",
        "ex#UsesBase$created",
        "ex#UsesBase$extra",
      ],
    ],
    [":unknownFunction(*)", []],
  ];

  it.each(cases)("%s", (selector, expected) => {
    expect(select(selector)).toEqual(expected);
  });

  it("yields only the candidates that match when asked about some shapes", () => {
    const selector = compileSelector("structure > member");
    expect([...selector.matching(model, ["ex#NotFound$message", "ex#Names$member", "ex#Legacy"])]).toEqual([
      "ex#NotFound$message",
    ]);
  });

  const syntaxErrors: [string, string][] = [
    ["strin", "Unknown shape type: strin"],
    ["[id", "Expected a comparator"],
    ["[id = ]", "Expected a selector value"],
    [":not(string, integer)", "The :not function requires a single selector argument"],
    ["-[input>", "Expected ']' or ','"],
    ["string )", "Unexpected selector character: )"],
    ["", "Unexpected selector EOF"],
  ];

  it.each(syntaxErrors)("rejects %j", (selector, message) => {
    expect(() => compileSelector(selector)).toThrow(SelectorSyntaxError);
    expect(() => compileSelector(selector)).toThrow(message);
  });
});
