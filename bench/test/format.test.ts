// How ratios read in the table and the chart: a miss never rounds onto its target's bound.
import { describe, expect, it } from "vitest";
import { formatRatio, ratioLimit } from "../src/report/format.js";

describe("formatRatio", () => {
  it.each([
    { ratio: null, limit: undefined, text: "—" },
    { ratio: 0.8912, limit: 0.75, text: "0.89×" },
    { ratio: 0.0974, limit: 0.1, text: "0.097×" },
    { ratio: 0.7457, limit: 0.75, text: "0.746×" },
    { ratio: 0.7543, limit: 0.75, text: "0.754×" },
    { ratio: 0.75, limit: 0.75, text: "0.75×" },
    { ratio: 0.7457, limit: undefined, text: "0.75×" },
    { ratio: 0.09996, limit: 0.1, text: "0.09996×" },
    { ratio: 1.004, limit: 1, text: "1.004×" },
  ])("$ratio against $limit reads $text", ({ ratio, limit, text }) => {
    expect(formatRatio(ratio, limit)).toBe(text);
  });
});

describe("ratioLimit", () => {
  it.each([
    { target: { kind: "ratio", op: ">=", value: 0.9, text: "≥ 0.90×" }, limit: 0.9 },
    { target: { kind: "absolute", op: "<", value: 300, text: "< 300 ms" }, limit: 1 },
  ] as const)("$target.kind $target.text → $limit", ({ target, limit }) => {
    expect(ratioLimit(target)).toBe(limit);
  });
});
