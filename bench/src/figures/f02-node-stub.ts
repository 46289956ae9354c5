import { autocannon } from "../load/autocannon.js";
import { CREATE_PATH, CREATE_REQUEST_BODY } from "../servers/fixture.js";
import { ADAPTER_EXPORTS, findNodeAdapter } from "../servers/node-adapter.js";
import type { Figure } from "./figure.js";
import { compareHttp, sameJsonAnswer } from "./http-comparison.js";
import { startBenchServer } from "./servers.js";

const request = {
  method: "POST" as const,
  path: CREATE_PATH,
  body: CREATE_REQUEST_BODY,
  headers: { "content-type": "application/json" },
};

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
    let answers: { same: boolean; ours: string; baseline: string } | undefined;
    const result = await compareHttp(
      context,
      {
        ours: { label: `${adapter.name} on node:http`, start: () => startBenchServer("node-stub") },
        baseline: { label: "raw node:http + JSON.parse", start: () => startBenchServer("node-bare") },
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
      extra: { adapter: adapter.name, answers },
    };
  },
};
