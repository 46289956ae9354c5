// Figure 4's worker, for one short round against the bench's raw node:http server: it reports each side's
// rate and the CPU time per call of its process, and the request both sides sent.
import { availableParallelism } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBenchServer } from "../src/figures/servers.js";
import { benchFile } from "../src/paths.js";
import { runForJson, tsxArgs } from "../src/process/child.js";
import type { ServerProcess } from "../src/process/server-process.js";

let server: ServerProcess;
beforeAll(async () => {
  server = await startBenchServer("node-bare");
}, 30_000);
afterAll(() => server?.stop());

interface WorkerOutput {
  client: number[];
  fetch: number[];
  minimalFetch: number[];
  cpuMicrosPerCall: Record<"client" | "fetch" | "minimalFetch", number[]>;
  request: { method: string; headers: Record<string, string> };
}

describe("src/workers/client-calls.ts", () => {
  it("reports calls/s and CPU µs per call for every side, one number per round", async () => {
    const output = (await runForJson(
      process.execPath,
      tsxArgs(benchFile("src/workers/client-calls.ts"), [server.url, "2", "100"]),
      { what: "client calls worker", timeoutMs: 60_000 },
    )) as WorkerOutput;
    for (const side of ["client", "fetch", "minimalFetch"] as const) {
      expect(output[side]).toHaveLength(2);
      expect(output.cpuMicrosPerCall[side]).toHaveLength(2);
      for (const [round, rate] of output[side].entries()) {
        expect(rate).toBeGreaterThan(0);
        const cpu = output.cpuMicrosPerCall[side][round]!;
        expect(cpu).toBeGreaterThan(0);
        // No process gets more CPU time than its wall time on every CPU of the machine.
        expect(cpu).toBeLessThan((availableParallelism() * 1_000_000) / rate);
      }
    }
    expect(output.request.method).toBe("POST");
    expect(Object.keys(output.request.headers)).toContain("amz-sdk-invocation-id");
  }, 60_000);
});
