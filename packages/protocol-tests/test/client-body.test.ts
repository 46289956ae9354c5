// Server request cases that leave their gzip body to the client (params and a Content-Encoding ending
// in gzip, no body): the harness sends the generated client's compressed body to both adapters. A
// server that ignored Content-Encoding must fail them, or the cases would prove nothing.
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needsClientBody, withClientBody } from "../src/client-body.js";
import { createClientJudge } from "../src/client-judge.js";
import { repoRoot } from "../src/paths.js";
import { createRunner, type Runner, runAll } from "../src/run.js";
import type { HttpRequestCase, ProtocolCase } from "../src/suite.js";
import { ignoresContentEncoding } from "./stand-ins.js";

const FIXTURE = [
  path.join(repoRoot, "packages/protocol-tests/test/fixtures/compression/uploads.smithy"),
  path.join(repoRoot, "model/smithy/traits"),
];

const request = (test: Partial<HttpRequestCase>): HttpRequestCase => ({
  id: "T",
  protocol: "aws.protocols#restJson1",
  method: "PUT",
  uri: "/x",
  ...test,
});

describe("which cases leave their body to the client", () => {
  it.each([
    ["params, gzip, no body", { params: {}, headers: { "Content-Encoding": "gzip" } }, true],
    [
      "a coding of its own before gzip",
      { params: {}, headers: { "content-encoding": "custom, GZIP" } },
      true,
    ],
    ["an empty body", { params: {}, body: "", headers: { "Content-Encoding": "gzip" } }, true],
    ["a body given", { params: {}, body: "{}", headers: { "Content-Encoding": "gzip" } }, false],
    ["gzip not last", { params: {}, headers: { "Content-Encoding": "gzip, custom" } }, false],
    ["no Content-Encoding", { params: {} }, false],
    ["no params", { headers: { "Content-Encoding": "gzip" } }, false],
  ])("%s", (_, test, expected) => {
    expect(needsClientBody(request(test))).toBe(expected);
  });
});

describe("request compression cases (fixture service)", () => {
  let runner: Runner;
  let ignoring: Runner;
  const cases = () => runner.cases.filter((c) => c.category === "server-requests");

  beforeAll(async () => {
    runner = await createRunner({ modelPaths: FIXTURE });
    ignoring = await createRunner({ modelPaths: FIXTURE, server: ignoresContentEncoding });
  });
  afterAll(async () => {
    await runner?.close();
    await ignoring?.close();
  });

  it("sends the client's gzip body, however short, with the test's headers and the client's Content-Type", async () => {
    const found = cases().find((c) => c.key === "PutNoteGzipped");
    if (found?.category !== "server-requests") throw new Error("no PutNoteGzipped case");
    const client = await createClientJudge(runner.model, runner.generated);
    const made = await withClientBody(runner.model, client, found.operationId, found.test);
    if (!("request" in made)) throw new Error(made.failure);
    const { body, headers, method, target } = made.request;
    expect([method, target, headers]).toEqual([
      "PUT",
      "/notes/n1",
      { "Content-Encoding": "gzip", "Content-Type": "application/json" },
    ]);
    if (!(body instanceof Uint8Array)) throw new Error("no body bytes");
    expect([body[0], body[1]]).toEqual([0x1f, 0x8b]);
    expect(JSON.parse(gunzipSync(body).toString("utf8"))).toEqual({ text: "short", tags: ["a", "b"] });
  });

  it("passes both cases on both adapters", async () => {
    const results = await runAll(runner);
    expect(results.map((r) => [r.case.key, r.outcome, r.details])).toEqual([
      ["PutNoteGzipped", "pass", []],
      ["PutNoteCustomThenGzipped", "pass", []],
    ]);
  });

  it("fails both cases on both adapters against a server that ignores Content-Encoding", async () => {
    for (const testCase of ignoring.cases) {
      const failures = await ignoring.judge(testCase);
      expect(
        failures.some((line) => line.startsWith("[node] ")),
        testCase.key,
      ).toBe(true);
      expect(
        failures.some((line) => line.startsWith("[express] ")),
        testCase.key,
      ).toBe(true);
    }
  });

  it("fails, saying why, when the client's Content-Encoding is not the test's", async () => {
    const [found] = cases();
    if (found?.category !== "server-requests") throw new Error("no server request case");
    const changed: ProtocolCase = {
      ...found,
      test: { ...found.test, headers: { "Content-Encoding": "br, gzip" } },
    };
    expect(await runner.judge(changed)).toEqual([
      expect.stringMatching(/client sent Content-Encoding "gzip" for the params, not "br, gzip"/),
    ]);
  });
});
