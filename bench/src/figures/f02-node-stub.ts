import { ADAPTER_EXPORTS, findNodeAdapter } from "../servers/node-adapter.js";
import type { Figure } from "./figure.js";
import { ALTERNATION_NOTE, compareCreateLoad } from "./http-comparison.js";
import { startBenchServer } from "./servers.js";

export const nodeStubFigure: Figure = {
  number: 2,
  id: "node-stub",
  title: "Server stub on node:http vs raw node:http",
  measures:
    "req/s of CreateSequenceStore through the stub's node:http adapter (no Express) with the same trivial handler, vs raw node:http + JSON.parse answering the same bytes; autocannon, 10 connections, separate processes.",
  unit: "req/s",
  better: "higher",
  target: { kind: "ratio", op: ">=", value: 0.75, text: "≥ 0.75×" },
  async run(context) {
    const adapter = await findNodeAdapter();
    if (!adapter) {
      return {
        status: "not available",
        reason: `@seqstore/server exports no node:http adapter yet (looked for ${ADAPTER_EXPORTS.join(", ")}); the figure runs as soon as one is exported.`,
      };
    }
    const result = await compareCreateLoad(context, {
      ours: { label: `${adapter.name} on node:http`, start: () => startBenchServer("node-stub") },
      baseline: { label: "raw node:http + JSON.parse", start: () => startBenchServer("node-bare") },
    });
    return {
      status: "measured",
      ours: result.ours,
      baseline: result.baseline,
      checks: [result.sameBody],
      notes: [ALTERNATION_NOTE],
      extra: { adapter: adapter.name, answers: result.answers },
    };
  },
};
