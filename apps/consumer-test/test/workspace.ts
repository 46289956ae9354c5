// Test support: the workspace's publishable packages, packing them, and running tools in a scratch project.
import { execFile } from "node:child_process";
import { cpSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const ROOT = path.resolve(import.meta.dirname, "../../..");
export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  main?: string;
  types?: string;
  engines?: Record<string, string>;
  sideEffects?: boolean;
  exports?: Record<string, string | { types: string; default: string }>;
  files?: string[];
  publishConfig?: { access?: string };
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;
}

/** Every workspace under packages/ that is not private: what would be published. */
export function publishablePackages(): Array<{ dir: string; manifest: Manifest }> {
  const base = path.join(ROOT, "packages");
  return readdirSync(base)
    .map((name) => path.join(base, name))
    .filter((dir) => {
      try {
        return !readManifest(dir).private;
      } catch {
        return false;
      }
    })
    .map((dir) => ({ dir, manifest: readManifest(dir) }));
}

/** The version of a package installed in the workspace (so a scratch install finds it in the npm cache). */
export function workspaceVersion(name: string): string {
  const file = createRequire(path.join(ROOT, "package.json")).resolve(`${name}/package.json`);
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

export interface PackResult {
  name: string;
  version: string;
  filename: string;
  files: Array<{ path: string }>;
}

/**
 * `npm pack` of the given workspaces into `destination`. Scripts are skipped: this test's turbo task depends
 * on every package's build, so dist/ is current; prepack (a turbo build) is checked to exist instead.
 */
export async function pack(names: string[], destination: string): Promise<PackResult[]> {
  const { stdout } = await run(
    "npm",
    [
      "pack",
      "--json",
      "--ignore-scripts",
      "--pack-destination",
      destination,
      ...names.flatMap((n) => ["-w", n]),
    ],
    { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as PackResult[];
}

/** Copies a fixture project into the scratch directory. */
export function copyFixture(name: string, destination: string): void {
  cpSync(path.join(FIXTURES, name), destination, { recursive: true });
}

/** `npm install` in a scratch project, from the local npm cache where it can (no audit, no scripts). */
export async function npmInstall(cwd: string, specs: string[]): Promise<void> {
  await run(
    "npm",
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      "--no-package-lock",
      ...specs,
    ],
    { cwd, maxBuffer: 64 * 1024 * 1024 },
  );
}

/** The workspace's TypeScript compiler on a scratch project's tsconfig; rejects with tsc's diagnostics. */
export async function tsc(cwd: string, project: string): Promise<void> {
  const compiler = createRequire(path.join(ROOT, "package.json")).resolve("typescript/bin/tsc");
  try {
    await run(process.execPath, [compiler, "-p", project], { cwd });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc -p ${project} failed in ${cwd}:\n${stdout}${stderr}`);
  }
}

/** Runs a compiled program of the scratch project and parses the JSON line it prints. */
export async function runProgram(
  cwd: string,
  file: string,
  env: Record<string, string> = {},
): Promise<unknown> {
  const { stdout } = await run(process.execPath, [file], { cwd, env: { ...process.env, ...env } });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as unknown;
}
