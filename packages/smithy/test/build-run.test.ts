import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  existsSync,
  mkdirSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BuildConfigError, parseBuildConfig, readBuildConfig, runBuild } from "../src/build/index.js";

const MODEL = `$version: "2.0"
namespace ex

use aws.protocols#restJson1

@restJson1
service Things {
    version: "2024-01-01"
    operations: [GetThing]
}

@readonly
@http(method: "GET", uri: "/things/{id}")
operation GetThing {
    input := {
        @required
        @httpLabel
        id: String
    }
    output := {
        name: String
    }
}
`;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A project folder with model/things.smithy and a smithy-build.json made of `config`. */
function project(config: Record<string, unknown>, model = MODEL): string {
  const dir = mkdtempSync(join(tmpdir(), "smithy-build-"));
  dirs.push(dir);
  mkdirSync(join(dir, "model"));
  writeFileSync(join(dir, "model", "things.smithy"), model);
  writeFileSync(join(dir, "smithy-build.json"), JSON.stringify(config));
  return dir;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

const BASE = {
  version: "1.0",
  sources: ["model"],
  plugins: { model: {}, openapi: { service: "ex#Things" } },
};

describe("runBuild", () => {
  it("writes model.json and <Service>.openapi.json under outputDirectory/source (default build/smithy)", () => {
    const dir = project(BASE);
    const result = runBuild(readBuildConfig(join(dir, "smithy-build.json")));
    expect(result.events.filter((e) => e.severity === "ERROR")).toEqual([]);
    expect(result.ok).toBe(true);
    expect(listFiles(join(dir, "build/smithy"))).toEqual([
      "source/model/model.json",
      "source/openapi/Things.openapi.json",
    ]);
    const model = JSON.parse(readFileSync(join(dir, "build/smithy/source/model/model.json"), "utf8"));
    expect(Object.keys(model.shapes)).toContain("ex#GetThing");
    expect(Object.keys(model.shapes).some((id) => id.startsWith("smithy.api#"))).toBe(false);
    const openapi = JSON.parse(
      readFileSync(join(dir, "build/smithy/source/openapi/Things.openapi.json"), "utf8"),
    );
    expect(openapi.paths["/things/{id}"].get.operationId).toBe("GetThing");
  });

  it("is byte-identical across runs and ends files with a newline", () => {
    const dir = project({ ...BASE, outputDirectory: "out" });
    const config = readBuildConfig(join(dir, "smithy-build.json"));
    runBuild(config);
    const first = listFiles(join(dir, "out")).map((f) => readFileSync(join(dir, "out", f), "utf8"));
    runBuild(config);
    const second = listFiles(join(dir, "out")).map((f) => readFileSync(join(dir, "out", f), "utf8"));
    expect(second).toEqual(first);
    for (const text of first) expect(text.endsWith("}\n")).toBe(true);
  });

  it("builds named projections with their own plugins and skips abstract ones", () => {
    const dir = project({
      ...BASE,
      plugins: { model: {} },
      projections: { api: { plugins: { openapi: { service: "ex#Things" } } }, base: { abstract: true } },
    });
    const result = runBuild(readBuildConfig(join(dir, "smithy-build.json")));
    expect(result.projections.map((p) => p.name)).toEqual(["source", "api"]);
    expect(listFiles(join(dir, "build/smithy"))).toEqual([
      "api/model/model.json",
      "api/openapi/Things.openapi.json",
      "source/model/model.json",
    ]);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ["model errors", BASE, "operation Broken { input: Missing }", "Missing"],
    [
      "projection transforms",
      { ...BASE, projections: { p: { transforms: [{ name: "excludeShapesByTag" }] } } },
      MODEL,
      "transforms",
    ],
    ["unknown plugins", { ...BASE, plugins: { "typescript-codegen": {} } }, MODEL, "typescript-codegen"],
    ["openapi failures", { ...BASE, plugins: { openapi: { service: "ex#Nope" } } }, MODEL, "ex#Nope"],
  ])("writes nothing on %s", (_name, config, model, message) => {
    const dir = project(config, model === MODEL ? MODEL : `${MODEL}\n${model}\n`);
    const result = runBuild(readBuildConfig(join(dir, "smithy-build.json")));
    expect(result.ok).toBe(false);
    expect(result.events.some((e) => e.severity === "ERROR" && e.message.includes(message))).toBe(true);
    expect(existsSync(join(dir, "build"))).toBe(false);
  });
});

describe("smithy-build.json", () => {
  it("resolves paths against the config file and defaults the output directory", () => {
    const config = parseBuildConfig(
      { version: "1.0", sources: ["a", "../b"], imports: ["c.smithy"] },
      "/p/q",
    );
    expect(config.sources).toEqual(["/p/q/a", "/p/b"]);
    expect(config.imports).toEqual(["/p/q/c.smithy"]);
    expect(config.outputDirectory).toBe("/p/q/build/smithy");
  });

  it.each<[string, unknown, string]>([
    ["not an object", [], "JSON object"],
    ["bad version", { version: "2.0" }, "version"],
    ["unknown key", { version: "1.0", bogus: 1 }, "bogus"],
    ["maven", { version: "1.0", maven: {} }, "maven"],
    ["sources not strings", { version: "1.0", sources: [1] }, "sources"],
    ["projection named source", { version: "1.0", projections: { source: {} } }, "source"],
  ])("rejects %s", (_name, raw, message) => {
    expect(() => parseBuildConfig(raw, "/x")).toThrow(BuildConfigError);
    expect(() => parseBuildConfig(raw, "/x")).toThrow(message);
  });

  it("reports unreadable and invalid files", () => {
    const dir = project(BASE);
    expect(() => readBuildConfig(join(dir, "nope.json"))).toThrow("Unable to read");
    writeFileSync(join(dir, "bad.json"), "{ nope");
    expect(() => readBuildConfig(join(dir, "bad.json"))).toThrow("not valid JSON");
  });
});
