// The generated-code cache: an entry runs the runtime of the checkout it links to, so an entry made by
// another checkout (a node_modules copied from one worktree to another) must not be used as it is.
import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateService } from "../src/generate.js";
import { repoRoot } from "../src/paths.js";
import { loadModel } from "../src/run.js";

const FIXTURE = [
  path.join(repoRoot, "packages/protocol-tests/test/fixtures/compression/uploads.smithy"),
  path.join(repoRoot, "model/smithy/traits"),
];
const SERVICE = "example.uploads#Uploads";

describe("the generated-code cache", () => {
  const cacheRoot = mkdtempSync(path.join(tmpdir(), "protocol-tests-cache-"));
  afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));

  const serverCore = (dir: string) => realpathSync(path.join(dir, "server/src/core"));
  const ownCore = realpathSync(path.join(repoRoot, "packages/server/src/core"));

  it("makes again an entry another checkout made, instead of running that checkout's server", async () => {
    const model = loadModel(FIXTURE);
    const first = await generateService(model, SERVICE, cacheRoot);
    expect(serverCore(first.dir)).toBe(ownCore);

    // The same entry as another checkout would have left it.
    const elsewhere = mkdtempSync(path.join(tmpdir(), "other-checkout-"));
    try {
      const link = path.join(first.dir, "server/src/core");
      rmSync(link);
      symlinkSync(elsewhere, link);
      const metaFile = path.join(first.dir, "generated.json");
      const meta = JSON.parse(readFileSync(metaFile, "utf8")) as Record<string, unknown>;
      writeFileSync(metaFile, JSON.stringify({ ...meta, repoRoot: elsewhere }));

      const again = await generateService(model, SERVICE, cacheRoot);
      expect(again.dir).toBe(first.dir);
      expect(serverCore(again.dir)).toBe(ownCore);
      expect(
        JSON.parse(readFileSync(path.join(again.dir, "tsconfig.json"), "utf8")).compilerOptions.rootDir,
      ).toBe(repoRoot);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
