import { benchFile } from "../paths.js";
import { runForJson, tsxArgs } from "../process/child.js";
import { median } from "../stats.js";
import type { Figure } from "./figure.js";
import { startBenchServer } from "./servers.js";

export const clientCallsFigure: Figure = {
  number: 4,
  id: "client-calls",
  title: "Generated client call vs raw fetch",
  measures:
    "calls/s of client.createSequenceStore() (serialize, send, parse, map errors, timestamps to Date) vs fetch() + response.json() with the same request, sequential in one process with keep-alive, against the same raw node:http server in another process; no signing on either side. The sides take turns in 50 ms slices within each round, so drift of the machine's speed weighs on both alike.",
  unit: "calls/s",
  better: "higher",
  target: { kind: "ratio", op: ">=", value: 0.95, text: "≥ 0.95×" },
  async run(context) {
    const { rounds, durationSeconds } = context.options;
    const server = await startBenchServer("node-bare");
    try {
      const roundMs = Math.max(500, Math.round((durationSeconds * 1000) / 2));
      const result = (await runForJson(
        process.execPath,
        tsxArgs(benchFile("src/workers/client-calls.ts"), [server.url, String(rounds), String(roundMs)]),
        { what: "client calls worker", timeoutMs: rounds * roundMs * 3 + 60_000 },
      )) as { client: number[]; fetch: number[]; fetchWithSdkHeaders?: number[] };
      const notes: string[] = [];
      if (result.fetchWithSdkHeaders?.length) {
        const sameRequest = median(result.fetchWithSdkHeaders);
        notes.push(
          `The client also sends the 3 headers AWS SDKs send (amz-sdk-invocation-id, amz-sdk-request, x-amz-user-agent); fetch() sending them too: median ${Math.round(sameRequest)} calls/s, the client ${(median(result.client) / sameRequest).toFixed(2)}× of that (not the target's baseline).`,
        );
      }
      return {
        status: "measured",
        ours: { label: "@seqstore/client createSequenceStore()", rounds: result.client },
        baseline: { label: "fetch() + response.json()", rounds: result.fetch },
        notes,
        extra: { roundMs, fetchWithSdkHeaders: result.fetchWithSdkHeaders },
      };
    } finally {
      await server.stop();
    }
  },
};
