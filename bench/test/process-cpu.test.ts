// CPU time of a process from /proc: its threads' run times added up, and no number where /proc cannot tell.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ownCpuNanos, processCpuNanos } from "../src/load/process-cpu.js";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A fake /proc holding process 42 with the given threads' schedstat texts (null: a directory without one). */
function fakeProc(tasks: Record<string, string | null>): string {
  const root = mkdtempSync(path.join(tmpdir(), "bench-proc-"));
  roots.push(root);
  for (const [tid, schedstat] of Object.entries(tasks)) {
    const dir = path.join(root, "42", "task", tid);
    mkdirSync(dir, { recursive: true });
    if (schedstat !== null) writeFileSync(path.join(dir, "schedstat"), schedstat);
  }
  return root;
}

describe("processCpuNanos", () => {
  it.each<{ name: string; tasks: Record<string, string | null>; expected: number | undefined }>([
    { name: "one thread", tasks: { "42": "1500 20 3\n" }, expected: 1500 },
    {
      name: "threads added up",
      tasks: { "42": "1000 5 1\n", "43": "250 0 2\n", "44": "5 1 1\n" },
      expected: 1255,
    },
    {
      name: "a thread that ended before its read is left out",
      tasks: { "42": "700 1 1\n", "43": null },
      expected: 700,
    },
    { name: "a run time that is not a number", tasks: { "42": "x 1 1\n" }, expected: undefined },
    { name: "no thread could be read", tasks: { "43": null }, expected: undefined },
  ])("$name", ({ tasks, expected }) => {
    expect(processCpuNanos(42, fakeProc(tasks))).toBe(expected);
  });

  it("is undefined for a process /proc does not hold", () => {
    expect(processCpuNanos(42, fakeProc({}))).toBeUndefined();
    expect(processCpuNanos(7, fakeProc({ "42": "1 1 1\n" }))).toBeUndefined();
  });

  it.runIf(process.platform === "linux")("grows while this process works (Linux)", () => {
    const before = processCpuNanos(process.pid);
    expect(before).toBeGreaterThan(0);
    const until = ownCpuNanos() + 20_000_000;
    while (ownCpuNanos() < until) Math.sqrt(Math.random());
    expect(processCpuNanos(process.pid)! - before!).toBeGreaterThan(10_000_000);
  });
});
