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
  target: { kind: "ratio", op: ">=", value: 0.85, text: "≥ 0.85×" },
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
      notes: [
        ALTERNATION_NOTE,
        // Said because it is the one way the two servers' timing differs, not only their work.
        "The adapter writes the responses that become ready in one turn of the event loop together at its end; the baseline writes each one at once. Same bytes, one write per response on both sides; on this 2-CPU machine, writing back to back wakes the load process once per batch instead of once per response.",
      ],
      extra: { adapter: adapter.name, answers: result.answers },
    };
  },
};
