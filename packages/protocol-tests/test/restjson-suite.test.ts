// Smithy's restJson1 protocol tests through the generated client and both server adapters: each
// category's passing count must reach its floor (floors.json), and every skip must name a real case
// with its reason. Skips with a message where the suite (../shared) is absent.
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLOORS_FILE, SKIP_LIST_FILE } from "../src/files.js";
import { RESTJSON_SERVICE, SUITE_DIR } from "../src/paths.js";
import { createRunner, type Floors, type Runner, readJson, type SkipList } from "../src/run.js";
import { CATEGORIES } from "../src/suite.js";
import { typecheckClient } from "../src/typecheck.js";
import { runServiceWithFloors } from "./run-service.js";
import { ignoresContentEncoding } from "./stand-ins.js";

const available = existsSync(SUITE_DIR);
const skipList = readJson<SkipList>(SKIP_LIST_FILE);
const floors = readJson<Floors>(FLOORS_FILE);

describe.skipIf(!available)(
  available ? "restJson1 protocol tests" : `restJson1 protocol tests: skipped, no suite at ${SUITE_DIR}`,
  () => {
    const modelPaths = [path.join(SUITE_DIR, "model"), path.join(SUITE_DIR, "traits")];
    const run = runServiceWithFloors(modelPaths, RESTJSON_SERVICE);

    it("finds every case the suite defines", () => {
      // The suite's README counts: 136/108 client, 132/92 server, 107 malformed tests in 530 cases.
      expect(
        Object.fromEntries(CATEGORIES.map((category) => [category, run.counts[category].total])),
      ).toEqual({
        "client-requests": 136,
        "client-responses": 108,
        "server-requests": 132,
        "server-responses": 92,
        malformed: 107,
        // The 100 eventStreamTests on the sides they apply to (16 are for servers only, 20 for clients only).
        "client-event-streams": 84,
        "server-event-streams": 80,
      });
      expect(run.counts.malformed.cases?.total).toBe(530);
      expect(run.runner.eventStreamTests).toBe(100);
      expect(run.counts["server-event-streams"].tests?.total).toBe(100);
    });

    it("generates a client that typechecks under the repository's strict settings", () => {
      if (run.runner.generated.openApiError) throw new Error(run.runner.generated.openApiError);
      expect(typecheckClient(run.runner.generated)).toEqual([]);
    }, 120_000);

    it("skips only cases that exist, each with a reason", () => {
      const keys = new Set(run.results.map((result) => `${result.case.category}/${result.case.key}`));
      for (const [category, entries] of Object.entries(skipList[RESTJSON_SERVICE] ?? {})) {
        for (const [key, reason] of Object.entries(entries ?? {})) {
          expect(
            keys.has(`${category}/${key}`),
            `${category}/${key} is in the skip list but not in the suite`,
          ).toBe(true);
          expect(reason.trim().length, `${category}/${key} needs a reason`).toBeGreaterThan(10);
        }
      }
    });

    // The serializing side is judged by the described headers, the deserializing side by the params.
    it.each([
      ["client-event-streams", "BooleanHeaderInput", "headers"],
      ["client-event-streams", "BooleanHeaderOutput", "params"],
      ["server-event-streams", "BooleanHeaderInput", "params"],
      ["server-event-streams", "BooleanHeaderOutput", "headers"],
    ] as const)("fails %s %s when its event's %s say false", async (category, key, part) => {
      const found = run.runner.cases.find((c) => c.category === category && c.key === key);
      if (found?.category !== category) throw new Error(`no ${category} case ${key}`);
      const [event] = found.test.events ?? [];
      if (!event) throw new Error(`${key} has no event`);
      const changed =
        part === "params"
          ? { ...event, params: { headers: { booleanHeader: false } } }
          : { ...event, headers: { ...event.headers, booleanHeader: { boolean: false } } };
      const wrong = { ...found, test: { ...found.test, events: [changed] } };
      expect(await run.runner.judge(wrong)).not.toEqual([]);
    });

    it("skips the client-only operation's server case by its tag, and passes its client case", () => {
      const outcomes = run.results
        .filter((r) => r.case.key === "RestJsonOmitsEmptyListQueryValues")
        .map((r) => [r.case.category, r.outcome, r.details[0] ?? ""]);
      expect(outcomes).toEqual([
        ["client-requests", "pass", ""],
        [
          "server-requests",
          "skip",
          expect.stringContaining('OmitsSerializingEmptyLists is tagged "client-only"'),
        ],
      ]);
    });

    describe("the cases that leave their gzip body to the client", () => {
      let ignoring: Runner;
      beforeAll(async () => {
        ignoring = await createRunner({
          modelPaths,
          serviceId: RESTJSON_SERVICE,
          server: ignoresContentEncoding,
        });
      });
      afterAll(async () => ignoring?.close());

      it.each(["SDKAppliedContentEncoding_restJson1", "SDKAppendedGzipAfterProvidedEncoding_restJson1"])(
        "passes %s, and fails it on both adapters when the server ignores Content-Encoding",
        async (key) => {
          const result = run.results.find((r) => r.case.category === "server-requests" && r.case.key === key);
          if (!result) throw new Error(`no server request case ${key}`);
          expect(result.details).toEqual([]);
          expect(result.outcome).toBe("pass");
          const failures = await ignoring.judge(result.case);
          expect(failures.some((line) => line.startsWith("[node] "))).toBe(true);
          expect(failures.some((line) => line.startsWith("[express] "))).toBe(true);
        },
      );
    });

    it("keeps floors no higher than the cases there are", () => {
      for (const category of CATEGORIES) {
        expect(floors[RESTJSON_SERVICE]?.[category] ?? 0).toBeLessThanOrEqual(run.counts[category].total);
      }
    });
  },
);
