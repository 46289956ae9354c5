// Servers lacking a feature, made from the real adapters: what the harness's own tests run a case
// against to show it can fail.
import type { ServerJudgeOptions } from "../src/server-judge.js";

/** A server that never looks at Content-Encoding: the header is gone before either adapter reads it. */
export const ignoresContentEncoding: ServerJudgeOptions = {
  beforeAdapters: (request) => {
    delete request.headers["content-encoding"];
  },
};
