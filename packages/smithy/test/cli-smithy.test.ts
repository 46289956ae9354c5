// Runs the real launcher (bin/smithy.js → dist/cli.js) as a user would.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const packageDir = resolve(import.meta.dirname, "..");
const bin = join(packageDir, "bin/smithy.js");
let dir = "";

function smithy(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GOOD = `$version: "2.0"
namespace ex

@aws.protocols#restJson1
service Svc {
    version: "1"
    operations: [Ping]
}

@http(method: "POST", uri: "/ping")
operation Ping {}
`;

beforeAll(() => {
  // The launcher runs the compiled CLI; build it when this checkout has not been built yet.
  if (!existsSync(join(packageDir, "dist/cli.js"))) {
    execFileSync(process.execPath, [
      createRequire(import.meta.url).resolve("typescript/bin/tsc"),
      "-p",
      join(packageDir, "tsconfig.build.json"),
    ]);
  }
  dir = mkdtempSync(join(tmpdir(), "smithy-cli-"));
  writeFileSync(join(dir, "good.smithy"), GOOD);
  writeFileSync(
    join(dir, "bad.smithy"),
    `$version: "2.0"\nnamespace ex\n\nstructure Foo {\n    bar: Nope\n}\n`,
  );
  writeFileSync(
    join(dir, "smithy-build.json"),
    JSON.stringify({ version: "1.0", sources: ["good.smithy"], plugins: { openapi: { service: "ex#Svc" } } }),
  );
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("smithy CLI", () => {
  it.each([["--help"], ["-h"], ["help"]])("%s prints usage", (flag) => {
    const r = smithy(flag);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: smithy");
  });

  it("--version prints the package version", () => {
    const version = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")).version;
    expect(smithy("--version").stdout.trim()).toBe(version);
  });

  it("validate passes a good model", () => {
    const r = smithy("validate", "good.smithy");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Validation passed");
  });

  it("validate reports errors as file:line:col: ERROR … (Id) and exits 1", () => {
    const r = smithy("validate", "bad.smithy");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bad\.smithy:5:\d+: ERROR .+\(\w+[\w.]*\)$/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("ast prints the JSON AST", () => {
    const r = smithy("ast", "good.smithy");
    expect(r.code).toBe(0);
    const ast = JSON.parse(r.stdout);
    expect(ast.smithy).toBe("2.0");
    expect(Object.keys(ast.shapes)).toEqual(["ex#Ping", "ex#Svc"]);
  });

  it("validate and ast read sources from --config", () => {
    expect(smithy("validate", "--config", "smithy-build.json").code).toBe(0);
    expect(JSON.parse(smithy("ast", "--config=smithy-build.json").stdout).shapes["ex#Svc"].type).toBe(
      "service",
    );
  });

  it("build writes the configured outputs", () => {
    const r = smithy("build", "--output", "out");
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, "out/source/openapi/Svc.openapi.json"), "utf8"));
    expect(doc.paths["/ping"].post.operationId).toBe("Ping");
  });

  it("idl writes a JSON AST as IDL that loads back to the same model", () => {
    const ast = smithy("ast", "good.smithy");
    writeFileSync(join(dir, "good.json"), ast.stdout);
    const r = smithy("idl", "good.json");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\$version: "2"\n\nnamespace ex\n/);
    expect(r.stdout).toContain('@http(method: "POST", uri: "/ping")\noperation Ping');
    writeFileSync(join(dir, "again.smithy"), r.stdout);
    expect(smithy("ast", "again.smithy").stdout).toBe(ast.stdout);
  });

  it("idl needs --output for a model with several namespaces, and writes one file per namespace", () => {
    writeFileSync(join(dir, "two.smithy"), `$version: "2"\nnamespace other\nstring Name\n`);
    const refused = smithy("idl", "good.smithy", "two.smithy");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^ERROR The model has 2 namespaces \(ex, other\) and IDL holds one per file: pass --output <dir>/,
    );
    const written = smithy("idl", "good.smithy", "two.smithy", "--output", "idl-out");
    expect(written.code).toBe(0);
    expect(readFileSync(join(dir, "idl-out/other.smithy"), "utf8")).toBe(
      '$version: "2"\n\nnamespace other\n\nstring Name\n',
    );
    expect(readFileSync(join(dir, "idl-out/ex.smithy"), "utf8")).toContain("service Svc {");
  });

  it("idl --shapes writes only those shapes and what they need", () => {
    const r = smithy("idl", "good.smithy", "--shapes", "ex#Ping");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("operation Ping");
    expect(r.stdout).not.toContain("service Svc");
    const unknown = smithy("idl", "good.smithy", "--shapes", "ex#Nope");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^ERROR --shapes: No shape ex#Nope in the model/);
  });

  it("idl reports a model that does not load, and writes nothing", () => {
    const r = smithy("idl", "bad.smithy");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.smithy:5:\d+: ERROR/);
    expect(r.stdout).toBe("");
  });

  it.each<[string, string[], RegExp]>([
    ["unknown command", ["frobnicate"], /^ERROR Unknown command `frobnicate`/],
    ["unknown option", ["build", "--fast"], /^ERROR Unknown option --fast/],
    ["missing option value", ["build", "--config"], /^ERROR Missing value for --config/],
    ["missing config file", ["build", "--config", "nope.json"], /^ERROR Unable to read nope\.json/],
    ["missing model file", ["validate", "missing.smithy"], /ERROR Unable to read model file/],
  ])("%s: one-line error, exit 1", (_name, args, pattern) => {
    const r = smithy(...args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
