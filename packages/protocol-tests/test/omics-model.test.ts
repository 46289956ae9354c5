// The protocol tests our own model carries (model/smithy/sequence-store-tests.smithy), through the
// same judge: the Omics client and server stub as generated, both adapters. Counts hold to floors.json.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../src/paths.js";
import { runServiceWithFloors } from "./run-service.js";

describe("the Omics model's own protocol tests", () => {
  const run = runServiceWithFloors([path.join(repoRoot, "model/smithy")], "com.amazonaws.omics#Omics");

  it("has request and response tests for CreateSequenceStore, its errors and the other operations", () => {
    const ids = new Set(run.results.map((result) => result.case.key));
    for (const id of [
      "CreateSequenceStoreMinimalInput",
      "CreateSequenceStoreEveryMember",
      "CreateSequenceStoreResponseEveryMember",
      "ValidationExceptionWithFieldList",
    ]) {
      expect(ids).toContain(id);
    }
    expect(run.counts["client-requests"].total).toBeGreaterThanOrEqual(6);
    expect(run.counts["client-responses"].total).toBeGreaterThanOrEqual(4);
  });

  it("passes every client test", () => {
    const failing = run.results.filter(
      (result) => result.case.category.startsWith("client") && result.outcome !== "pass",
    );
    expect(failing.map((result) => `${result.case.key}: ${result.details.join("; ")}`)).toEqual([]);
  });
});
