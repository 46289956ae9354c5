// The generator formats through Biome's native binary (no Node launcher per file), found as
// @biomejs/biome's own launcher finds it.
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { biomeBinary, biomeBinaryCandidates } from "../codegen/biome-binary.js";
import { repoRoot } from "../codegen/model-input.js";

describe("biomeBinaryCandidates", () => {
  it.each([
    ["linux", "x64", ["@biomejs/cli-linux-x64/biome", "@biomejs/cli-linux-x64-musl/biome"]],
    ["linux", "arm64", ["@biomejs/cli-linux-arm64/biome", "@biomejs/cli-linux-arm64-musl/biome"]],
    ["darwin", "arm64", ["@biomejs/cli-darwin-arm64/biome"]],
    ["win32", "x64", ["@biomejs/cli-win32-x64/biome.exe"]],
  ])("%s %s", (platform, arch, expected) => {
    expect(biomeBinaryCandidates(platform, arch)).toEqual(expected);
  });
});

describe("biomeBinary", () => {
  it("prefers BIOME_BINARY, as the launcher does", () => {
    expect(biomeBinary(repoRoot, { BIOME_BINARY: "/opt/biome" })).toBe("/opt/biome");
  });

  it("finds an installed binary in this repository", () => {
    const found = biomeBinary(repoRoot, {});
    expect(existsSync(found)).toBe(true);
    expect(found.startsWith(path.join(repoRoot, "node_modules"))).toBe(true);
  });

  it("falls back to the node_modules/.bin launcher where no binary package resolves", () => {
    const elsewhere = path.join(path.parse(repoRoot).root, "no-such-repo");
    expect(biomeBinary(elsewhere, {})).toBe(path.join(elsewhere, "node_modules/.bin/biome"));
  });
});
