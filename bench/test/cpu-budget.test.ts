// Figure 3's CPU budget: what the machine's CPUs leave each request at the target's rate.
import { describe, expect, it } from "vitest";
import { cpuBudget } from "../src/figures/cpu-budget.js";

describe("cpuBudget", () => {
  it.each([
    {
      name: "2 CPUs at 8,000 req/s leave 250 µs",
      cpus: 2,
      rate: 8000,
      spent: { server: 150, load: 100 },
      micros: 250,
      share: 1,
    },
    {
      name: "a server and load within it",
      cpus: 2,
      rate: 8000,
      spent: { server: 100, load: 50 },
      micros: 250,
      share: 0.6,
    },
    {
      name: "more than the machine has",
      cpus: 4,
      rate: 20_000,
      spent: { server: 200, load: 100 },
      micros: 200,
      share: 1.5,
    },
  ])("$name", ({ cpus, rate, spent, micros, share }) => {
    const budget = cpuBudget(cpus, rate, spent);
    expect(budget.targetRate).toBe(rate);
    expect(budget.microsPerRequest).toBeCloseTo(micros, 9);
    expect(budget.share).toBeCloseTo(share, 9);
  });

  it.each([
    { cpus: 0, rate: 1000 },
    { cpus: 2, rate: 0 },
    { cpus: 2, rate: Number.NaN },
  ])("refuses $cpus CPUs at $rate req/s", ({ cpus, rate }) => {
    expect(() => cpuBudget(cpus, rate, { server: 1, load: 1 })).toThrow(RangeError);
  });
});
