// Runs `npm run generate`'s turbo command (`turbo run generate:all`) from the repo root and reads its run
// summary (per-task cache status and time).
import { readFileSync, rmSync } from "node:fs";
import { repoFile, repoRoot } from "../paths.js";
import { failureOf, run } from "../process/child.js";

const TURBO_BIN = repoFile("node_modules/turbo/bin/turbo");
/** The turbo task `npm run generate` runs (root package.json): the whole generation in one process. */
export const GENERATE_TASK = "generate:all";

export interface TaskRun {
  task: string;
  cache: string;
  ms: number;
}

export interface TurboRun {
  wallMs: number;
  tasks: TaskRun[];
  cached: number;
  total: number;
  fullTurbo: boolean;
}

interface TurboSummary {
  tasks: Array<{
    taskId: string;
    cache: { status: string };
    execution?: { startTime: number; endTime: number };
  }>;
}

/**
 * `only`: run the generate task alone (`--only`: the toolchain tasks it depends on, @seqstore/smithy#build
 * and each generator's build:codegen, are left out and must have run before).
 */
export async function turboGenerate(force: boolean, options: { only?: boolean } = {}): Promise<TurboRun> {
  const args = [TURBO_BIN, "run", GENERATE_TASK, "--summarize", "--output-logs=errors-only"];
  if (force) args.push("--force");
  if (options.only) args.push("--only");
  const result = await run(process.execPath, args, { cwd: repoRoot, timeoutMs: 300_000 });
  const failure = failureOf(
    result,
    `turbo run ${GENERATE_TASK}${force ? " --force" : ""}${options.only ? " --only" : ""}`,
  );
  if (failure) throw new Error(failure);
  const cachedLine = /Cached:\s+(\d+) cached, (\d+) total/.exec(result.stdout);
  const summaryPath = /Summary:\s+(\S+\.json)/.exec(result.stdout)?.[1];
  let tasks: TaskRun[] = [];
  if (summaryPath) {
    const summary = JSON.parse(readFileSync(summaryPath, "utf8")) as TurboSummary;
    tasks = summary.tasks
      .map((task) => ({
        task: task.taskId,
        cache: task.cache.status,
        ms: task.execution ? task.execution.endTime - task.execution.startTime : 0,
      }))
      .sort((a, b) => a.task.localeCompare(b.task));
    // Ours to tidy: one summary file per run would pile up under .turbo/runs.
    rmSync(summaryPath, { force: true });
  }
  return {
    wallMs: result.wallMs,
    tasks,
    cached: Number(cachedLine?.[1] ?? Number.NaN),
    total: Number(cachedLine?.[2] ?? Number.NaN),
    fullTurbo: result.stdout.includes("FULL TURBO"),
  };
}
