// The one-process `npm run generate` (generate.mjs → lib/generate/pipeline.mjs): its contract with the
// packages' compiled generators, its output lines, and how it stops on a broken model or on a trait the
// generators do not implement.
import { existsSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  CODEGEN_ENTRIES,
  loadClient,
  loadServer,
  loadTypes,
  loadTypesThread,
} from "../lib/generate/codegen-modules.mjs";
import { deepFreeze } from "../lib/generate/deep-freeze.mjs";
import { describeWritten, generateAll } from "../lib/generate/pipeline.mjs";
import { removeDir, SHOP_BUILD_CONFIG, SHOP_MODEL, scriptsDir, tempDir, writeFiles } from "./helpers.mjs";

const repoRoot = join(scriptsDir, "..");

describe("describeWritten", () => {
  it.each([
    [["/r/p/src/generated/a.ts", "/r/p/src/generated/b.ts"], "p/src/generated/{a.ts,b.ts}"],
    [["/r/p/src/generated/a.ts"], "p/src/generated/a.ts"],
    [["/r/p/a.ts", "/r/q/b.ts"], "p/a.ts, q/b.ts"],
    [[], ""],
  ])("%j → %s", (files, expected) => {
    expect(describeWritten("/r", files)).toBe(expected);
  });
});

describe("deepFreeze", () => {
  it.each([
    ["a nested object", () => deepFreeze({ a: { b: [1] } }).a.b.push(2)],
    ["a top-level property", () => Object.assign(deepFreeze({ a: 1 }), { a: 2 })],
    ["an array in an array", () => deepFreeze([[1]])[0]?.push(2)],
  ])("makes changing %s throw", (_, change) => {
    expect(change).toThrow(TypeError);
  });

  it.each([null, 1, "s", undefined])("returns %j as it is", (value) => {
    expect(deepFreeze(value)).toBe(value);
  });
});

describe("the compiled generators (turbo builds them before test:scripts)", () => {
  it.each([
    ["typesThread", loadTypesThread, "startOpenApiTypesThread"],
    ["types", loadTypes, "generateTypes"],
    ["client", loadClient, "generateClient"],
    ["server", loadServer, "generateServer"],
  ])("%s exports what the pipeline calls", async (_, load, name) => {
    const loaded = /** @type {Record<string, unknown>} */ (await load(repoRoot));
    expect(typeof loaded[name]).toBe("function");
  });
});

describe("generateAll", () => {
  /** @type {string} */
  let root;
  /** @type {string[]} */
  let errors;
  beforeEach(() => {
    root = tempDir("generate");
    errors = [];
    vi.spyOn(console, "error").mockImplementation((/** @type {unknown} */ line) => {
      errors.push(String(line));
    });
    vi.spyOn(console, "log").mockImplementation(() => {});
    vi.spyOn(console, "warn").mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
    removeDir(root);
  });

  it("fails with the build command when the generators are not compiled", async () => {
    expect(await generateAll(root)).toBe(1);
    expect(errors.join("\n")).toContain(`${CODEGEN_ENTRIES.typesThread} is missing`);
    expect(errors.join("\n")).toContain("npx turbo run build:codegen");
  });

  it("stops after the smithy build on a broken model, printing its diagnostics and writing nothing", async () => {
    writeFiles(root, {
      "model/smithy-build.json": SHOP_BUILD_CONFIG,
      "model/smithy/broken.smithy": '$version: "2"\nnamespace shop\nstructure Broken { id: NoSuchShape }\n',
    });
    // The openapi-typescript thread starts before the build fails: it must be stopped, not waited for.
    writeFiles(root, { "packages/types/.keep": "" });
    symlinkSync(join(repoRoot, "packages/types/dist-codegen"), join(root, "packages/types/dist-codegen"));
    expect(await generateAll(root)).toBe(1);
    expect(errors.join("\n")).toMatch(/broken\.smithy:3:\d+: ERROR .*NoSuchShape/);
    expect(errors.join("\n")).not.toContain("generate failed");
    expect(existsSync(join(root, "model/generated"))).toBe(false);
  });

  it.each([
    [
      "a trait neither generator implements",
      SHOP_MODEL,
      (/** @type {string} */ model) =>
        model.replace(
          '@http(method: "GET", uri: "/items")',
          '@aws.protocols#httpChecksum(requestChecksumRequired: true)\n@http(method: "GET", uri: "/items")',
        ),
      /shop\.smithy:\d+:1: ERROR Trait `@aws\.protocols#httpChecksum` on operation `example\.shop#ListItems` is not supported by the client and server generators/,
    ],
    [
      "a service without restJson1",
      SHOP_MODEL,
      (/** @type {string} */ model) => model,
      /shop\.smithy:5:1: ERROR Service `example\.shop#Shop` does not declare `@aws\.protocols#restJson1`, the protocol the generators speak/,
    ],
    [
      "a trait the server does not implement",
      SHOP_MODEL,
      (/** @type {string} */ model) =>
        model.replace("service Shop {", "@aws.protocols#restJson1\n@cors\nservice Shop {"),
      /shop\.smithy:7:1: ERROR Trait `@cors` on service `example\.shop#Shop` is not supported by the server generator: The server stub answers no CORS preflight requests/,
    ],
  ])("stops at %s's source location and writes nothing", async (_name, base, edit, expected) => {
    writeFiles(root, {
      "model/smithy-build.json": SHOP_BUILD_CONFIG,
      "model/smithy/shop.smithy": edit(base),
      "packages/types/.keep": "",
    });
    symlinkSync(join(repoRoot, "packages/types/dist-codegen"), join(root, "packages/types/dist-codegen"));
    expect(await generateAll(root)).toBe(1);
    expect(errors.join("\n")).toMatch(expected);
    expect(errors.join("\n")).toContain("Smithy build failed");
    expect(existsSync(join(root, "model/generated"))).toBe(false);
  });
});
