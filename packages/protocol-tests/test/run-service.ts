// What both suites do: run one service's cases once, then hold each category to its floor.
import { afterAll, beforeAll, expect, it } from "vitest";
import { FLOORS_FILE, SKIP_LIST_FILE } from "../src/files.js";
import { belowFloors } from "../src/floors.js";
import {
  type CaseResult,
  type CategoryCount,
  countResults,
  createRunner,
  type Floors,
  type Runner,
  readJson,
  runAll,
  type SkipList,
  summaryLine,
} from "../src/run.js";
import { CATEGORIES, type Category } from "../src/suite.js";

export interface ServiceRun {
  runner: Runner;
  results: CaseResult[];
  counts: Record<Category, CategoryCount>;
}

/** Runs the service in beforeAll (closing it afterwards) and adds one floor test per category. */
export function runServiceWithFloors(modelPaths: string[], serviceId: string): ServiceRun {
  const run = {} as ServiceRun;
  beforeAll(async () => {
    run.runner = await createRunner({ modelPaths, serviceId, skipList: readJson<SkipList>(SKIP_LIST_FILE) });
    run.results = await runAll(run.runner);
    run.counts = countResults(run.results);
    console.log(summaryLine(run.counts));
  });
  afterAll(async () => run.runner?.close());

  for (const category of CATEGORIES) {
    it(`${category}: passes at least its floor`, () => {
      const failing = run.results
        .filter((result) => result.case.category === category && result.outcome === "fail")
        .map((result) => `${result.case.key}: ${result.details[0]}`);
      const below = belowFloors(readJson<Floors>(FLOORS_FILE), serviceId, run.counts).filter((line) =>
        line.startsWith(`${category} `),
      );
      expect(below, `failing now:\n${failing.join("\n")}`).toEqual([]);
    });
  }
  return run;
}
