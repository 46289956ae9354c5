// Runs the real harness (`src/run.ts`) for one short round of two cheap figures and checks the files it
// writes. Figure 1 loads two local servers for a second each; figure 5 bundles two clients with esbuild.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BenchResults } from "../src/types.js";

const benchRoot = path.resolve(import.meta.dirname, "..");
const outDir = mkdtempSync(path.join(tmpdir(), "seqstore-bench-smoke-"));
let results: BenchResults;

beforeAll(async () => {
  await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "src/run.ts", "--quick", "--only", "1,5", "--duration", "1", "--out", outDir],
    { cwd: benchRoot, timeout: 80_000 },
  );
  results = JSON.parse(readFileSync(path.join(outDir, "results.json"), "utf8")) as BenchResults;
}, 90_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("npm run bench -- --quick --only 1,5", () => {
  it("records the machine and the options of the run", () => {
    expect(results.schemaVersion).toBe(1);
    expect(results.machine.cpuModel).toEqual(expect.any(String));
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.node).toBe(process.version);
    expect(Number.isNaN(Date.parse(results.machine.date))).toBe(false);
    expect(results.options).toEqual({ quick: true, only: [1, 5], rounds: 1, durationSeconds: 1 });
  });

  it("lists every figure, in order, whether it ran or not", () => {
    expect(results.figures.map((f) => f.number)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
    ]);
    for (const figure of results.figures.filter((f) => f.number !== 1 && f.number !== 5)) {
      expect(figure).toMatchObject({
        status: "skipped",
        reason: "not selected (--only)",
        ours: null,
        pass: null,
      });
    }
  });

  it.each([1, 5])("measures figure %i side by side: raw rounds, medians, a ratio and a verdict", (number) => {
    const figure = results.figures.find((f) => f.number === number)!;
    expect(figure.reason).toBeNull();
    expect(figure.status).toBe("measured");
    for (const series of [figure.ours!, figure.baseline!]) {
      expect(series.rounds).toHaveLength(1);
      expect(series.median).toBe(series.rounds[0]);
      expect(series.median).toBeGreaterThan(0);
    }
    expect(figure.ratio).toBeCloseTo(figure.ours!.median / figure.baseline!.median, 3);
    expect(typeof figure.pass).toBe("boolean");
  });

  it("checks that the Express stub and bare Express answer the same body", () => {
    const figure = results.figures.find((f) => f.number === 1)!;
    expect(figure.checks).toContainEqual(expect.objectContaining({ name: "same response body", pass: true }));
  });

  it.runIf(process.platform === "linux")(
    "records what a request cost each server and the load (Linux)",
    () => {
      const figure = results.figures.find((f) => f.number === 1)!;
      for (const series of [figure.ours!, figure.baseline!]) {
        expect(series.details.serverCpuUsPerRequest?.median).toBeGreaterThan(0);
        expect(series.details.loadCpuUsPerRequest?.median).toBeGreaterThan(0);
      }
    },
  );

  it("writes a Markdown table with one row per figure", () => {
    const markdown = readFileSync(path.join(outDir, "results.md"), "utf8");
    expect(markdown).toContain("| # | Figure | Ours | Baseline | Ratio | Target | Result |");
    for (const figure of results.figures)
      expect(markdown).toContain(`| ${figure.number} | ${figure.title} |`);
  });

  it("writes an SVG chart with a row per figure and a bar per measured one", () => {
    const svg = readFileSync(path.join(outDir, "chart.svg"), "utf8");
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    for (const figure of results.figures) expect(svg).toContain(`>${figure.number}. `);
    expect(svg.match(/<rect x=/g)).toHaveLength(2);
  });
});
