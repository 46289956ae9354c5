import { median } from "../stats.js";
import type { Figure } from "./figure.js";
import { ALTERNATION_NOTE, compareCreateLoad } from "./http-comparison.js";
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
    // Reference point, measured against the same baseline: what express-openapi-validator costs when added
    // to bare Express the usual way (the Express adapter must validate with it).
    context.log("reference point: bare Express 5 + express.json() + express-openapi-validator");
    const validatorOnly = await compareCreateLoad(context, {
      ours: {
        label: "bare Express 5 + express.json() + express-openapi-validator",
        start: () => startBenchServer("express-eov"),
      },
      baseline: { label: "bare Express 5 + express.json()", start: () => startBenchServer("express-bare") },
    });
    const validatorRatio = median(validatorOnly.ours.rounds) / median(validatorOnly.baseline.rounds);
    return {
      status: "measured",
      ours: result.ours,
      baseline: result.baseline,
      checks: [result.sameBody, { ...validatorOnly.sameBody, name: "same response body (reference point)" }],
      notes: [
        ALTERNATION_NOTE,
        "The baseline is the ceiling Express itself sets for this request on this machine: the stub can only approach it.",
        `Reference point, same run: bare Express 5 + express.json() + express-openapi-validator (same document and options, trivial handler) reaches ${validatorRatio.toFixed(2)}× of bare Express (${median(validatorOnly.ours.rounds).toFixed(0)} vs ${median(validatorOnly.baseline.rounds).toFixed(0)} req/s). The stub must validate with express-openapi-validator too; it reads the raw body itself instead of express.json() (SigV4 needs the bytes) and runs only the validator's request-validation step (its route-metadata step, which compiles every path of the document to a regular expression on each request, runs on an operation's first request only; later requests get the same metadata with their own labels).`,
        "Both baselines answer through res.send, which also computes an ETag (Express's default); the stub sends none.",
      ],
      extra: {
        answers: result.answers,
        validatorOnly: {
          ratio: Number(validatorRatio.toFixed(3)),
          withValidator: validatorOnly.ours,
          bareExpress: validatorOnly.baseline,
          answers: validatorOnly.answers,
        },
      },
    };
  },
};
