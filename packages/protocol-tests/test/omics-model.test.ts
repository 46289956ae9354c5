// The protocol tests our own model carries (model/smithy/sequence-store-tests.smithy), through the
// same judge: the Omics client and server stub as generated, both adapters. Counts hold to floors.json.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLOORS_FILE, SKIP_LIST_FILE } from "../src/files.js";
import { belowFloors } from "../src/floors.js";
import { repoRoot } from "../src/paths.js";
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

const OMICS = "com.amazonaws.omics#Omics";

describe("the Omics model's own protocol tests", () => {
  let runner: Runner;
  let results: CaseResult[];
  let counts: Record<Category, CategoryCount>;

  beforeAll(async () => {
    runner = await createRunner({
      modelPaths: [path.join(repoRoot, "model/smithy")],
      serviceId: OMICS,
      skipList: readJson<SkipList>(SKIP_LIST_FILE),
    });
    results = await runAll(runner);
    counts = countResults(results);
    console.log(summaryLine(counts));
  });

  afterAll(async () => runner?.close());

  it("has request and response tests for CreateSequenceStore, its errors and the other operations", () => {
    const ids = new Set(results.map((result) => result.case.key));
    for (const id of [
      "CreateSequenceStoreMinimalInput",
      "CreateSequenceStoreEveryMember",
      "CreateSequenceStoreResponseEveryMember",
      "ValidationExceptionWithFieldList",
    ]) {
      expect(ids).toContain(id);
    }
    expect(counts["client-requests"].total).toBeGreaterThanOrEqual(6);
    expect(counts["client-responses"].total).toBeGreaterThanOrEqual(4);
  });

  it("passes every client test", () => {
    const failing = results.filter(
      (result) => result.case.category.startsWith("client") && result.outcome !== "pass",
    );
    expect(failing.map((result) => `${result.case.key}: ${result.details.join("; ")}`)).toEqual([]);
  });

  for (const category of CATEGORIES) {
    it(`${category}: passes at least its floor`, () => {
      const failing = results
        .filter((result) => result.case.category === category && result.outcome === "fail")
        .map((result) => `${result.case.key}: ${result.details[0]}`);
      const below = belowFloors(readJson<Floors>(FLOORS_FILE), OMICS, counts).filter((line) =>
        line.startsWith(`${category} `),
      );
      expect(below, `failing now:\n${failing.join("\n")}`).toEqual([]);
    });
  }
});
