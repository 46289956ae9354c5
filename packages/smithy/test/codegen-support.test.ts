// The generators' support check: unsupported or unknown traits become ERROR events at their source
// location; the operations they reach can be named and left out.
import { describe, expect, it } from "vitest";
import {
  type CodegenSupport,
  checkCodegenSupport,
  formatEvent,
  loadModel,
  operationsAffected,
  parseCodegenSupport,
  serviceOperations,
  withoutOperations,
} from "../src/index.js";

const SUPPORT: CodegenSupport = parseCodegenSupport({
  features: [
    { trait: "aws.protocols#restJson1", client: "supported", server: "supported", notes: "" },
    { trait: "smithy.api#http", client: "supported", server: "supported", notes: "" },
    { trait: "smithy.api#input", client: "no-effect", server: "no-effect", notes: "" },
    { trait: "smithy.api#output", client: "no-effect", server: "no-effect", notes: "" },
    { trait: "smithy.api#httpPayload", client: "supported", server: "supported", notes: "" },
    { trait: "smithy.api#httpHeader", client: "supported", server: "unsupported", notes: "no headers" },
    {
      trait: "smithy.api#streaming",
      on: ["blob"],
      client: "buffered",
      server: "buffered",
      notes: "in memory",
    },
    {
      trait: "smithy.api#streaming",
      on: ["union"],
      feature: "event streams",
      client: "unsupported",
      server: "unsupported",
      notes: "Event streams are not implemented.",
    },
  ],
});

const MODEL = `$version: "2"
namespace ex
use aws.protocols#restJson1

@restJson1
service Svc { operations: [Upload, Subscribe, Tag] }

@http(method: "PUT", uri: "/upload")
operation Upload {
    input := {
        @httpPayload
        data: Data
    }
}

@streaming
blob Data

@http(method: "POST", uri: "/subscribe")
operation Subscribe {
    output := {
        @httpPayload
        events: Events
    }
}

@streaming
union Events { ping: Ping }

structure Ping {}

@http(method: "POST", uri: "/tag")
operation Tag {
    input := {
        @httpHeader("x-tag")
        tag: String
        @deprecated
        old: String
    }
}
`;

function load(text = MODEL) {
  const loaded = loadModel({ sources: [{ filename: "model/svc.smithy", text }] });
  expect(loaded.events.filter((e) => e.severity === "ERROR")).toEqual([]);
  return loaded;
}

describe("checkCodegenSupport", () => {
  const loaded = load();
  const check = (sides?: ("client" | "server")[]) =>
    checkCodegenSupport(loaded.model, SUPPORT, {
      serviceId: "ex#Svc",
      locations: loaded.locations,
      source: "support.json",
      ...(sides ? { sides } : {}),
    }).map(formatEvent);

  it("reports unsupported and unknown traits at the shape or member that carries them", () => {
    expect(check()).toEqual([
      "model/svc.smithy:28:1: ERROR Trait `@streaming` (event streams) on union `ex#Events` is not supported by the client and server generators: Event streams are not implemented. [ex#Events] (CodegenSupport)",
      "model/svc.smithy:36:9: ERROR Trait `@httpHeader` on string `ex#TagInput$tag` is not supported by the server generator: no headers [ex#TagInput$tag] (CodegenSupport)",
      "model/svc.smithy:38:9: ERROR Trait `@deprecated` on string `ex#TagInput$old` is not known to the client and server generators (not in support.json); generated code would ignore it [ex#TagInput$old] (CodegenSupport)",
    ]);
  });

  it("refuses a service without the protocol the generators speak, when asked to", () => {
    const text = MODEL.replace("@restJson1\n", "");
    const other = load(text);
    const events = checkCodegenSupport(other.model, SUPPORT, {
      serviceId: "ex#Svc",
      locations: other.locations,
      protocol: "aws.protocols#restJson1",
    });
    expect(events.map(formatEvent)[0]).toBe(
      "model/svc.smithy:5:1: ERROR Service `ex#Svc` does not declare `@aws.protocols#restJson1`, the protocol the generators speak [ex#Svc] (CodegenSupport)",
    );
    const withProtocol = checkCodegenSupport(loaded.model, SUPPORT, {
      serviceId: "ex#Svc",
      protocol: "aws.protocols#restJson1",
    });
    expect(withProtocol.map((e) => e.shapeId)).not.toContain("ex#Svc");
  });

  it("only judges the sides that are generated", () => {
    const clientOnly = check(["client"]);
    expect(clientOnly).toHaveLength(2);
    expect(clientOnly[0]).toContain("not supported by the client generator");
    expect(clientOnly.join("\n")).not.toContain("@httpHeader");
  });

  it("takes a buffered streaming blob, and tells it from an event stream by the shape type", () => {
    expect(check().join("\n")).not.toContain("ex#Data");
    const noBlobs = parseCodegenSupport({
      features: SUPPORT.features.map((entry) =>
        entry.on?.includes("blob") ? { ...entry, server: "unsupported" } : entry,
      ),
    });
    const events = checkCodegenSupport(loaded.model, noBlobs, { serviceId: "ex#Svc", sides: ["server"] });
    expect(events.map((e) => e.message.slice(0, e.message.indexOf(" on ")))).toEqual([
      "Trait `@streaming`",
      "Trait `@streaming` (event streams)",
      "Trait `@deprecated`",
      "Trait `@httpHeader`",
    ]);
    expect(events.map((e) => e.shapeId)).toEqual([
      "ex#Data",
      "ex#Events",
      "ex#TagInput$old",
      "ex#TagInput$tag",
    ]);
  });

  it("passes user-defined traits and shapes outside the service", () => {
    const extra = `${MODEL}\n@trait\nstructure mine {}\n\n@mine\n@sensitive\nstring Lonely\n`;
    const text = extra.replace("@deprecated\n        old", "@mine\n        old");
    const events = checkCodegenSupport(load(text).model, SUPPORT, { serviceId: "ex#Svc" });
    expect(events.map((e) => e.shapeId)).toEqual(["ex#Events", "ex#TagInput$tag"]);
  });

  it("names the operations each problem reaches, and leaves them out on request", () => {
    const events = checkCodegenSupport(loaded.model, SUPPORT, { serviceId: "ex#Svc" });
    const affected = operationsAffected(loaded.model, "ex#Svc", events);
    expect([...affected.keys()]).toEqual(["ex#Subscribe", "ex#Tag"]);
    expect(affected.get("ex#Tag")?.map((e) => e.shapeId)).toEqual(["ex#TagInput$old", "ex#TagInput$tag"]);
    const trimmed = withoutOperations(loaded.model, affected.keys());
    expect(serviceOperations(trimmed, "ex#Svc")).toEqual(["ex#Upload"]);
    expect(checkCodegenSupport(trimmed, SUPPORT, { serviceId: "ex#Svc" })).toEqual([]);
    expect(serviceOperations(loaded.model, "ex#Svc")).toHaveLength(3);
  });
});

describe("parseCodegenSupport", () => {
  it.each([
    ["no features array", {}, "expected an object with a `features` array"],
    [
      "a relative trait name",
      { features: [{ trait: "http", client: "supported", server: "supported", notes: "" }] },
      "features[0].trait must be an absolute shape ID",
    ],
    [
      "an unknown status",
      { features: [{ trait: "a#b", client: "yes", server: "supported", notes: "" }] },
      "features[0].client must be one of supported, buffered, partial, no-effect, unsupported",
    ],
    [
      "a partial entry without notes",
      { features: [{ trait: "a#b", client: "partial", server: "supported", notes: " " }] },
      "features[0].notes must say what is left out",
    ],
    [
      "the same trait and types twice",
      {
        features: [
          { trait: "a#b", client: "supported", server: "supported", notes: "" },
          { trait: "a#b", client: "supported", server: "supported", notes: "" },
        ],
      },
      "features[1] repeats a#b *",
    ],
  ])("refuses %s", (_name, json, message) => {
    expect(() => parseCodegenSupport(json, "list.json")).toThrow(message);
  });
});
