// The package's entry points as a user loads them (the built dist, through package.json "exports"): the root
// and `/node` never load Express or express-openapi-validator; `/express` does. Express is an optional peer.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** The CommonJS modules (Express and its validator are CommonJS) a fresh Node process loads for `specifier`. */
function loadedModules(specifier: string): string[] {
  const script = `
    import { createRequire } from "node:module";
    const entry = await import(${JSON.stringify(specifier)});
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify({ exports: Object.keys(entry), loaded }));
  `;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: import.meta.dirname,
    encoding: "utf8",
  });
  const parsed = JSON.parse(out) as { exports: string[]; loaded: string[] };
  expect(parsed.exports.length).toBeGreaterThan(0);
  return parsed.loaded;
}

const EXPRESS = /[/\\]node_modules[/\\](express|express-openapi-validator|body-parser|router)[/\\]/;

describe("entry points", () => {
  it.each(["@seqstore/server", "@seqstore/server/node"])("%s loads no Express module", (specifier) => {
    const loaded = loadedModules(specifier);
    expect(loaded.filter((file) => EXPRESS.test(file))).toEqual([]);
  });

  it("@seqstore/server/express loads Express and its validator (the control case)", () => {
    const loaded = loadedModules("@seqstore/server/express");
    expect(loaded.some((file) => /[/\\]node_modules[/\\]express[/\\]/.test(file))).toBe(true);
    expect(loaded.some((file) => /[/\\]express-openapi-validator[/\\]/.test(file))).toBe(true);
  });

  it("the root exports the node:http adapter and not the Express one", async () => {
    const root = await import("@seqstore/server");
    const node = await import("@seqstore/server/node");
    const express = await import("@seqstore/server/express");
    expect(root.createNodeHandler).toBe(node.createNodeHandler);
    expect(root).not.toHaveProperty("createRouter");
    expect(typeof express.createRouter).toBe("function");
  });
});
