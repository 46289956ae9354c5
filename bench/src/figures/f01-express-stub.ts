import { autocannon } from "../load/autocannon.js";
import { CREATE_PATH, CREATE_REQUEST_BODY } from "../servers/fixture.js";
import type { Figure } from "./figure.js";
import { compareHttp, sameJsonAnswer } from "./http-comparison.js";
import { startBenchServer } from "./servers.js";

const request = {
  method: "POST" as const,
  path: CREATE_PATH,
  body: CREATE_REQUEST_BODY,
  headers: { "content-type": "application/json" },
};

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
    let answers: { same: boolean; ours: string; baseline: string } | undefined;
    const result = await compareHttp(
      context,
      {
        ours: { label: "createRouter on Express 5", start: () => startBenchServer("express-stub") },
        baseline: { label: "bare Express 5 + express.json()", start: () => startBenchServer("express-bare") },
      },
      (url, seconds) => autocannon(url, request, seconds),
      async (urls) => {
        answers = await sameJsonAnswer(urls, CREATE_PATH, CREATE_REQUEST_BODY);
      },
    );
    return {
      status: "measured",
      ours: result.ours,
      baseline: result.baseline,
      checks: [
        {
          name: "same response body",
          value: answers?.same ? "yes" : "no",
          limit: "yes",
          pass: answers?.same === true,
        },
      ],
      notes: [
        "The baseline is the ceiling Express itself sets for this request on this machine: the stub can only approach it.",
      ],
      extra: { answers },
    };
  },
};
