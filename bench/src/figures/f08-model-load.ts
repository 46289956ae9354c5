import { existsSync } from "node:fs";
import path from "node:path";
import { benchFile, repoFile, sharedRoot } from "../paths.js";
import { failureOf, run, runForJson, tsxArgs } from "../process/child.js";
import { median } from "../stats.js";
import type { Figure } from "./figure.js";

const AWS_MODEL = path.join(sharedRoot, "reference/aws-omics.smithy.json");
const SMITHY_BIN = repoFile("packages/smithy/bin/smithy.js");

/** Wall ms of a whole `smithy build` of our own model, to a scratch output directory. */
async function smithyBuild(outputDir: string): Promise<number> {
  const result = await run(
    process.execPath,
    [SMITHY_BIN, "build", "--config", "smithy-build.json", "--output", outputDir],
    { cwd: repoFile("model"), timeoutMs: 120_000 },
  );
  const failure = failureOf(result, "smithy build");
  if (failure) throw new Error(failure);
  return result.wallMs;
}

export const modelLoadFigure: Figure = {
  number: 8,
  id: "model-load",
  title: "AWS Omics model (107 ops) parse + convert",
  measures:
    "in-process ms of loadModelFromPaths(aws-omics.smithy.json) + convertToOpenApi (restJson1, 3.1.0, ignoreUnsupportedTraits) in a fresh worker process, median of N after warm-up; also the wall time of a whole `smithy build` of our own model (process start included, no target).",
  unit: "ms",
  better: "lower",
  target: { kind: "absolute", op: "<", value: 300, text: "< 300 ms" },
  async run(context) {
    const quick = context.options.quick;
    const buildRuns: number[] = [];
    for (let i = 0; i < (quick ? 1 : context.options.rounds); i++) {
      buildRuns.push(await smithyBuild(path.join(context.scratchDir, `smithy-build-${i}`)));
    }
    const smithyBuildMs = { median: Math.round(median(buildRuns)), rounds: buildRuns.map(Math.round) };
    if (!existsSync(AWS_MODEL)) {
      return {
        status: "skipped",
        reason: `AWS's model is not here (${AWS_MODEL}); a clone without ../shared skips this figure.`,
        extra: { smithyBuildMs },
      };
    }
    const iterations = quick ? 3 : 10;
    const result = (await runForJson(
      process.execPath,
      tsxArgs(benchFile("src/workers/model-timing.ts"), [AWS_MODEL, quick ? "1" : "3", String(iterations)]),
      { what: "model timing worker", timeoutMs: 180_000 },
    )) as { ms: number[]; operations: number; openApiPaths: number };
    return {
      status: "measured",
      ours: { label: "loadModelFromPaths + convertToOpenApi", rounds: result.ms },
      notes: [
        `Whole \`smithy build\` of our model: ${smithyBuildMs.median} ms wall (median, process start included).`,
      ],
      extra: { operations: result.operations, openApiPaths: result.openApiPaths, smithyBuildMs },
    };
  },
};
