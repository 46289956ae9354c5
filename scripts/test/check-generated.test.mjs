// The drift guard: which working-tree states count as drift, and what the failure message says.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatDriftReport, GENERATED_PATHS, parseStatus } from "../lib/generated-drift.mjs";
import { commitAll, git, initRepo, removeDir, runScript, tempDir, writeFiles } from "./helpers.mjs";

describe("parseStatus", () => {
  it.each([
    { status: " M model/generated/a.json", drift: [{ kind: "modified", path: "model/generated/a.json" }] },
    { status: " D model/generated/a.json", drift: [{ kind: "deleted", path: "model/generated/a.json" }] },
    { status: "?? model/generated/b.json", drift: [{ kind: "new", path: "model/generated/b.json" }] },
    { status: "MM model/generated/a.json", drift: [{ kind: "modified", path: "model/generated/a.json" }] },
    { status: "AD model/generated/a.json", drift: [{ kind: "deleted", path: "model/generated/a.json" }] },
    { status: " T model/generated/a.json", drift: [{ kind: "modified", path: "model/generated/a.json" }] },
    // Staged changes are what the next commit holds: not drift.
    { status: "M  model/generated/a.json", drift: [] },
    { status: "D  model/generated/a.json", drift: [] },
    // A staged rename carries its source as an extra entry, which must not be read as a file.
    {
      status: "RM model/generated/new.json\0model/generated/old.json",
      drift: [{ kind: "modified", path: "model/generated/new.json" }],
    },
    {
      status: "?? model/generated/with space.ts",
      drift: [{ kind: "new", path: "model/generated/with space.ts" }],
    },
  ])("$status", ({ status, drift }) => {
    expect(parseStatus(`${status}\0`)).toEqual(drift);
  });

  it("sorts by path", () => {
    expect(parseStatus(" M b\0?? a\0").map((f) => f.path)).toEqual(["a", "b"]);
  });
});

describe("formatDriftReport", () => {
  it("names every file, what happened to it, and the fixing command", () => {
    const report = formatDriftReport([
      { kind: "deleted", path: "packages/server/src/generated/errors.ts" },
      { kind: "new", path: "packages/types/src/generated/extra.ts" },
    ]);
    expect(report).toContain("(2 files)");
    expect(report).toMatch(/^ {2}deleted {2}packages\/server\/src\/generated\/errors\.ts$/m);
    expect(report).toMatch(/^ {2}new {6}packages\/types\/src\/generated\/extra\.ts$/m);
    expect(report).toContain("deleted: committed, but generate no longer writes it");
    expect(report).not.toContain("modified:");
    expect(report).toContain(`npm run generate && git add -A -- ${GENERATED_PATHS.join(" ")}`);
  });
});

describe("check-generated.mjs", () => {
  /** @type {string} */
  let repo;
  beforeEach(() => {
    repo = tempDir("drift");
    initRepo(repo);
    writeFiles(repo, {
      "model/generated/source/model/model.json": "{}\n",
      "packages/types/src/generated/shapes.ts": "export type A = string;\n",
      "packages/server/src/generated/errors.ts": "export class E {}\n",
      "packages/server/src/handlers.ts": "// hand-written\n",
    });
    commitAll(repo, "generated files");
  });
  afterEach(() => removeDir(repo));

  it("passes when the generated files match the commit, and when the changes are staged", () => {
    const result = runScript("check-generated.mjs", [], { cwd: repo });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("up to date");
    expect(result.code).toBe(0);

    writeFiles(repo, { "model/generated/source/model/model.json": '{ "smithy": "2.0" }\n' });
    git(repo, ["add", "model/generated"]);
    expect(runScript("check-generated.mjs", [], { cwd: repo }).code).toBe(0);
  });

  it("fails naming changed, deleted and new generated files, and only those", () => {
    writeFiles(repo, {
      "packages/types/src/generated/shapes.ts": "export type A = number;\n",
      "packages/client/src/generated/client.ts": "export {};\n",
      "packages/server/src/handlers.ts": "// edited by hand, not generated\n",
    });
    // The generator stopped writing this folder at all.
    removeDir(`${repo}/packages/server/src/generated`);

    const result = runScript("check-generated.mjs", [], { cwd: `${repo}/packages/server` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Generated files are out of date with the Smithy model (3 files):");
    expect(result.stderr).toMatch(/modified {2}packages\/types\/src\/generated\/shapes\.ts/);
    expect(result.stderr).toMatch(/deleted {3}packages\/server\/src\/generated\/errors\.ts/);
    expect(result.stderr).toMatch(/new {7}packages\/client\/src\/generated\/client\.ts/);
    expect(result.stderr).not.toContain("handlers.ts");
    expect(result.stderr).toContain("run `npm run generate`");
  });

  it("says so outside a git work tree", () => {
    const plain = tempDir("no-git");
    try {
      const result = runScript("check-generated.mjs", [], { cwd: plain });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("needs a git work tree");
    } finally {
      removeDir(plain);
    }
  });
});
