import type { Figure } from "./figure.js";
import { compareCreateLoad } from "./http-comparison.js";
import { startBenchServer } from "./servers.js";

export const expressStubFigure: Figure = {
  number: 1,
  id: "express-stub",
  title: "Server stub on Express vs bare Express",
  measures:
    "req/s of CreateSequenceStore through createRouter (routing, OpenAPI validation, binding, trivial in-memory handler, serialization) on Express 5, vs bare Express 5 + express.json() answering the same bytes; autocannon, 10 connections, separate processes.",
  unit: "req/s",
  better: "higher",
  target: { kind: "ratio", op: ">=", value: 0.9, text: "≥ 0.90×" },
  async run(context) {
    const result = await compareCreateLoad(context, {
      ours: { label: "createRouter on Express 5", start: () => startBenchServer("express-stub") },
      baseline: { label: "bare Express 5 + express.json()", start: () => startBenchServer("express-bare") },
    });
    return {
      status: "measured",
      ours: result.ours,
      baseline: result.baseline,
      checks: [result.sameBody],
      notes: [
        "The baseline is the ceiling Express itself sets for this request on this machine: the stub can only approach it.",
      ],
      extra: { answers: result.answers },
    };
  },
};
