// The packages as a user's project gets them: every publishable package packed, the tarballs installed into
// scratch projects outside the workspace (no symlinks), strict TypeScript compiled against their types with
// moduleResolution node16, bundler and node10, and run: a client-only consumer against the reference server,
// and a fresh Express 5 app that mounts the server stub next to its own routes. README: "Using the generated
// packages in your project" is written from this test.
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEFAULT_CONFIG, type RunningServer, startServer } from "@seqstore/reference-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  copyFixture,
  type Manifest,
  npmInstall,
  type PackResult,
  pack,
  publishablePackages,
  ROOT,
  runProgram,
  tsc,
  workspaceVersion,
} from "./workspace.js";

const scratch = mkdtempSync(path.join(tmpdir(), "seqstore-consumer-"));
const tarballs = path.join(scratch, "tarballs");
const unpacked = path.join(scratch, "unpacked");
const packages = publishablePackages();
const manifests = new Map<string, Manifest>(packages.map((p) => [p.manifest.name, p.manifest]));
let packed: PackResult[] = [];
let server: RunningServer;

const tarball = (name: string): string => {
  const entry = packed.find((p) => p.name === name);
  if (!entry) throw new Error(`${name} was not packed`);
  return path.join(tarballs, entry.filename);
};

/** A package and the @seqstore packages it depends on, transitively (its declared dependencies only). */
function withInternalDependencies(name: string, seen = new Set<string>()): string[] {
  if (seen.has(name)) return [...seen];
  seen.add(name);
  const manifest = manifests.get(name);
  if (!manifest) throw new Error(`${name} is not a publishable package of this workspace`);
  for (const dep of Object.keys(manifest.dependencies ?? {})) {
    if (dep.startsWith("@seqstore/")) withInternalDependencies(dep, seen);
  }
  return [...seen];
}

beforeAll(async () => {
  expect(path.relative(ROOT, scratch).startsWith("..")).toBe(true);
  mkdirSync(tarballs);
  mkdirSync(unpacked);
  packed = await pack(
    packages.map((p) => p.manifest.name),
    tarballs,
  );
  for (const entry of packed) {
    const into = path.join(unpacked, entry.name);
    mkdirSync(into, { recursive: true });
    execFileSync("tar", ["-xzf", path.join(tarballs, entry.filename), "-C", into, "--strip-components=1"]);
  }
  // The command line's defaults (SigV4 with the local default credentials) on a free port, in memory.
  server = await startServer({ ...DEFAULT_CONFIG, port: 0, db: ":memory:", logLevel: "silent" });
});

afterAll(async () => {
  await server?.close();
  rmSync(scratch, { recursive: true, force: true, maxRetries: 5 });
});

describe("the tarballs", () => {
  it("hold every publishable package", () => {
    expect(packed.map((p) => p.name).sort()).toEqual([...manifests.keys()].sort());
    expect(packed.length).toBeGreaterThanOrEqual(5);
  });

  it.each(packages.map((p) => p.manifest.name))("%s: a manifest a registry accepts", (name) => {
    const manifest = manifests.get(name)!;
    expect(manifest.license).toBe("Apache-2.0");
    expect(manifest.engines?.node).toBe(">=20");
    expect(typeof manifest.sideEffects).toBe("boolean");
    expect(manifest.publishConfig?.access).toBe("public");
    expect(manifest.main).toBe("./dist/index.js");
    expect(manifest.types).toBe("./dist/index.d.ts");
    // A build before every pack, so a tarball never carries stale generated code.
    expect(manifest.scripts?.prepack).toMatch(new RegExp(`^turbo run build --filter=${name}\\.\\.\\.`));
    for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
      if (!dep.startsWith("@seqstore/")) continue;
      expect(range, `${name} → ${dep}`).not.toBe("*");
      expect(range, `${name} → ${dep}`).toBe(`^${manifests.get(dep)?.version}`);
    }
  });

  it.each(packages.map((p) => p.manifest.name))(
    "%s: files, exports, LICENSE, CHANGELOG, no tests",
    (name) => {
      const files = new Set(packed.find((p) => p.name === name)!.files.map((f) => f.path));
      for (const required of [
        "package.json",
        "LICENSE",
        "README.md",
        "CHANGELOG.md",
        "dist/index.js",
        "dist/index.d.ts",
      ]) {
        expect(files.has(required), `${name} ships ${required}`).toBe(true);
      }
      const root = readFileSync(path.join(ROOT, "LICENSE"), "utf8");
      expect(readFileSync(path.join(unpacked, name, "LICENSE"), "utf8")).toBe(root);
      for (const [subpath, target] of Object.entries(manifests.get(name)!.exports ?? {})) {
        const targets = typeof target === "string" ? [target] : [target.types, target.default];
        for (const file of targets)
          expect(files.has(file.replace(/^\.\//, "")), `${name} ${subpath} → ${file}`).toBe(true);
      }
      expect([...files].filter((f) => /\.test\.ts$|(^|\/)test\/|dist-codegen\//.test(f))).toEqual([]);
    },
  );

  it.each(packages.map((p) => p.manifest.name))(
    "%s: every source map resolves inside the tarball",
    (name) => {
      const files = packed.find((p) => p.name === name)!.files.map((f) => f.path);
      const maps = files.filter((f) => f.endsWith(".map"));
      expect(maps.length).toBeGreaterThan(0);
      const unresolved: string[] = [];
      for (const map of maps) {
        const { sources } = JSON.parse(readFileSync(path.join(unpacked, name, map), "utf8")) as {
          sources: string[];
        };
        for (const source of sources) {
          const resolved = path.join(unpacked, name, path.dirname(map), source);
          if (!resolved.startsWith(path.join(unpacked, name)) || !existsSync(resolved))
            unresolved.push(`${map}: ${source}`);
        }
      }
      expect(unresolved).toEqual([]);
    },
  );
});

describe("a project that installs only @seqstore/client's tarball and its dependencies' tarballs", () => {
  const project = path.join(scratch, "client-only");

  it("installs without the registry's @seqstore packages, as real directories", async () => {
    copyFixture("client-only", project);
    const ours = withInternalDependencies("@seqstore/client");
    expect(ours.sort()).toEqual([
      "@seqstore/client",
      "@seqstore/eventstream",
      "@seqstore/protocol",
      "@seqstore/sigv4",
      "@seqstore/types",
    ]);
    await npmInstall(project, [...ours.map(tarball), `@types/node@${workspaceVersion("@types/node")}`]);
    for (const name of ours) {
      const dir = path.join(project, "node_modules", name);
      expect(lstatSync(dir).isSymbolicLink(), `${name} is a copy`).toBe(false);
      expect(lstatSync(dir).isDirectory()).toBe(true);
    }
    expect(existsSync(path.join(project, "node_modules/@seqstore/server"))).toBe(false);
    expect(existsSync(path.join(project, "node_modules/express"))).toBe(false);
  });

  it.each(["tsconfig.json", "tsconfig.bundler.json", "tsconfig.node10.json"])(
    "compiles under strict TypeScript (%s)",
    async (config) => {
      await tsc(project, config);
    },
  );

  it("runs against the reference server", async () => {
    const result = await runProgram(project, "dist/main.js", { SEQSTORE_URL: server.url });
    expect(result).toEqual({
      created: { id: expect.stringMatching(/^\d{10}$/), creationTimeIsDate: true },
      fetched: { id: (result as { created: { id: string } }).created.id, name: "consumer-store" },
      listed: [(result as { created: { id: string } }).created.id],
      missing: "ResourceNotFoundException 404",
      rawClient: "function",
    });
  });
});

describe("a project with every tarball, Express 5 and the server stub", () => {
  const project = path.join(scratch, "full");

  it("installs every tarball next to express and its types", async () => {
    copyFixture("full", project);
    await npmInstall(project, [
      ...packed.map((p) => tarball(p.name)),
      `express@${workspaceVersion("express")}`,
      `express-openapi-validator@${workspaceVersion("express-openapi-validator")}`,
      `@types/express@${workspaceVersion("@types/express")}`,
      `@types/node@${workspaceVersion("@types/node")}`,
    ]);
    for (const p of packed)
      expect(lstatSync(path.join(project, "node_modules", p.name)).isSymbolicLink()).toBe(false);
  });

  it.each(["tsconfig.json", "tsconfig.bundler.json"])(
    "compiles under strict TypeScript (%s)",
    async (config) => {
      await tsc(project, config);
    },
  );

  it("mounts the stub at / in a fresh Express 5 app, next to the app's own routes", async () => {
    const result = await runProgram(project, "dist/express-app.js");
    expect(result).toEqual({
      created: "1000000000",
      fetched: "in-express",
      healthz: { ok: true },
      echo: { echoed: { hello: "world" } },
      unknown: { status: 404, errorType: null },
    });
  });

  it("importing the node:http adapter loads no Express module (Express is installed)", async () => {
    expect(existsSync(path.join(project, "node_modules/express/package.json"))).toBe(true);
    const result = (await runProgram(project, "dist/node-only.js")) as {
      status: number;
      expressModules: string[];
      cjsModules: number;
    };
    expect(result.status).toBe(200);
    // Some CommonJS was loaded (ajv), so the check sees CommonJS modules at all.
    expect(result.cjsModules).toBeGreaterThan(0);
    expect(result.expressModules).toEqual([]);
  });
});

// The scratch directory is not in the workspace; nothing here may write into it.
writeFileSync(
  path.join(scratch, "README"),
  "Scratch projects of @seqstore/consumer-test; deleted after the run.\n",
);
