// The runtime is generic over the service: no hand-written module imports generated code (only the
// package's entry re-exports the Omics stub next to the runtime).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.join(import.meta.dirname, "../src");

function runtimeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : runtimeFiles(file);
    return entry.name.endsWith(".ts") && file !== path.join(SRC, "index.ts") ? [file] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\b[^;]*?from\s+"([^"]+)"/gm;

describe("the server runtime", () => {
  const files = runtimeFiles(SRC);

  it("has the core and both adapters", () => {
    const relative = files.map((file) => path.relative(SRC, file));
    expect(relative).toEqual(
      expect.arrayContaining(["core/handle.ts", "node/create-node-handler.ts", "express/create-router.ts"]),
    );
  });

  it.each(files.map((file) => [path.relative(SRC, file), file]))(
    "%s imports no generated code",
    (_name, file) => {
      const specifiers = [...readFileSync(file, "utf8").matchAll(IMPORT)].map((m) => m[1] ?? "");
      expect(specifiers.filter((s) => s.includes("generated"))).toEqual([]);
    },
  );
});
