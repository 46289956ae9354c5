// The runner: loads a model, generates its client and server stub (cached), and judges every
// protocol test case of one service; the CLI and the vitest suite both drive it.
import { readFileSync } from "node:fs";
import { type AstModel, formatEvent, isFailure, loadModelFromPaths, pickService } from "@seqstore/smithy";
import { type ClientJudge, createClientJudge, placeholderInput } from "./client-judge.js";
import { createEventStreamClientJudge } from "./event-stream-judge.js";
import { type GeneratedService, generateService } from "./generate.js";
import { type ClientBody, needsClientBody, withClientBody } from "./client-body.js";
import {
  createServerJudge,
  fromRequestCase,
  type ServerJudge,
  type ServerJudgeOptions,
  type WireRequest,
} from "./server-judge.js";
import {
  CATEGORIES,
  type Category,
  collectCases,
  countEventStreamTests,
  type HttpRequestCase,
  type ProtocolCase,
  sideTagReason,
} from "./suite.js";

/** Skipped cases by service, category and case key, each with its reason. */
export type SkipList = Record<string, Partial<Record<Category, Record<string, string>>>>;
/** The least number of passing tests per category, by service: counts may only rise. */
export type Floors = Record<string, Partial<Record<Category, number>>>;

export interface CaseResult {
  case: ProtocolCase;
  outcome: "pass" | "fail" | "skip";
  /** Failed expectations, or the skip reason. */
  details: string[];
}

export interface Runner {
  model: AstModel;
  serviceId: string;
  generated: GeneratedService;
  cases: ProtocolCase[];
  /** The model's eventStreamTests cases (each runs on the sides it applies to). */
  eventStreamTests: number;
  /** The reason a case is skipped: the skip list's, or its operation's or error's side tag. */
  skipReason(testCase: ProtocolCase): string | undefined;
  /** Failed expectations of one case (empty when it passes). */
  judge(testCase: ProtocolCase): Promise<string[]>;
  close(): Promise<void>;
}

export function loadModel(paths: string[]): AstModel {
  const result = loadModelFromPaths(paths);
  const failures = result.events.filter(isFailure);
  if (failures.length > 0) {
    throw new Error(`the model has errors:\n${failures.map(formatEvent).join("\n")}`);
  }
  return result.model;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

export async function createRunner(options: {
  modelPaths: string[];
  serviceId?: string;
  skipList?: SkipList;
  /** How the server judge runs (the tests' stand-ins for a server lacking a feature). */
  server?: ServerJudgeOptions;
}): Promise<Runner> {
  const model = loadModel(options.modelPaths);
  const serviceId = pickService(model, options.serviceId);
  const cases = collectCases(model, serviceId);
  const generated = await generateService(model, serviceId);
  const skips = options.skipList?.[serviceId] ?? {};
  const client: ClientJudge = await createClientJudge(model, generated);
  const eventStreams = await createEventStreamClientJudge(model, generated);
  // A stub that could not be generated fails every server case with the reason, rather than the run.
  let server: ServerJudge | undefined;
  let serverError: string | undefined;
  if (cases.some((c) => !c.category.startsWith("client"))) {
    try {
      server = await createServerJudge(model, generated, options.server);
    } catch (error) {
      serverError = `the server stub could not be started: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** A server request test's request; its body from the client where the test leaves it to one. */
  const serverRequest = async (operationId: string, test: HttpRequestCase): Promise<ClientBody> =>
    needsClientBody(test)
      ? withClientBody(model, client, operationId, test)
      : { request: fromRequestCase(test) };

  /** A request that reaches an operation's handler: a server request test's, else the client's for a placeholder input. */
  const requestFor = async (operationId: string): Promise<WireRequest> => {
    const known = cases.find((c) => c.category === "server-requests" && c.operationId === operationId);
    if (known?.category === "server-requests") {
      const made = await serverRequest(operationId, known.test);
      if ("request" in made) return made.request;
    }
    return client.capture(operationId, placeholderInput(model, operationId, true));
  };

  return {
    model,
    serviceId,
    generated,
    cases,
    eventStreamTests: countEventStreamTests(model, serviceId),
    skipReason: (testCase) => skips[testCase.category]?.[testCase.key] ?? sideTagReason(model, testCase),
    async judge(testCase) {
      switch (testCase.category) {
        case "client-requests":
          return client.request(testCase.operationId, testCase.test);
        case "client-responses":
          return client.response(testCase.operationId, testCase.test, testCase.errorId);
        case "client-event-streams":
          return eventStreams.judge(testCase.operationId, testCase.test);
        default: {
          if (!server) return [serverError ?? "no server stub"];
          if (testCase.category === "server-requests") {
            const made = await serverRequest(testCase.operationId, testCase.test);
            if ("failure" in made) return [made.failure];
            return server.request(testCase.operationId, testCase.test, made.request);
          }
          if (testCase.category === "malformed") return server.malformed(testCase.operationId, testCase.test);
          if (testCase.category === "server-event-streams")
            return server.eventStream(testCase.operationId, testCase.test);
          if (testCase.category !== "server-responses")
            throw new Error(`unknown category ${testCase.category}`);
          const request = await requestFor(testCase.operationId);
          return server.response(testCase.operationId, testCase.test, request, testCase.errorId);
        }
      }
    },
    close: async () => server?.close(),
  };
}

/** Runs every case; a case that throws fails with what it threw. */
export async function runAll(runner: Runner, onResult?: (result: CaseResult) => void): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const testCase of runner.cases) {
    const reason = runner.skipReason(testCase);
    let result: CaseResult;
    if (reason !== undefined) result = { case: testCase, outcome: "skip", details: [reason] };
    else {
      let details: string[];
      try {
        details = await runner.judge(testCase);
      } catch (error) {
        details = [`threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
      }
      result = { case: testCase, outcome: details.length === 0 ? "pass" : "fail", details };
    }
    results.push(result);
    onResult?.(result);
  }
  return results;
}

export interface CategoryCount {
  passed: number;
  total: number;
  skipped: number;
  /** malformed only: expanded cases. */
  cases?: { passed: number; total: number };
  /** The event-stream categories: eventStreamTests passing on every side they apply to. */
  tests?: { passed: number; total: number };
}

/**
 * Passing tests per category. A malformed test counts once, passing when all its expanded cases pass
 * (its `#n` cases are counted apart in `cases`).
 */
export function countResults(results: CaseResult[]): Record<Category, CategoryCount> {
  const counts = Object.fromEntries(
    CATEGORIES.map((category) => [category, { passed: 0, total: 0, skipped: 0 }]),
  ) as Record<Category, CategoryCount>;
  const malformed = new Map<string, boolean>();
  const cases = { passed: 0, total: 0 };
  const eventStreams = new Map<string, boolean>();
  for (const result of results) {
    const { category, key } = result.case;
    if (category === "client-event-streams" || category === "server-event-streams") {
      const id = `${result.case.operationId}/${key}`;
      eventStreams.set(id, (eventStreams.get(id) ?? true) && result.outcome === "pass");
    }
    if (category === "malformed") {
      const id = key.replace(/#\d+$/, "");
      cases.total++;
      if (result.outcome === "pass") cases.passed++;
      if (result.outcome === "skip") counts.malformed.skipped++;
      malformed.set(id, (malformed.get(id) ?? true) && result.outcome === "pass");
      continue;
    }
    const count = counts[category];
    count.total++;
    if (result.outcome === "pass") count.passed++;
    if (result.outcome === "skip") count.skipped++;
  }
  counts.malformed.total = malformed.size;
  counts.malformed.passed = [...malformed.values()].filter(Boolean).length;
  counts.malformed.cases = cases;
  const tests = { passed: [...eventStreams.values()].filter(Boolean).length, total: eventStreams.size };
  counts["client-event-streams"].tests = tests;
  counts["server-event-streams"].tests = tests;
  return counts;
}

/** `restJson1 client-requests 136/136 … malformed 107/107 … event-streams 100/100 (530/530 cases)`. */
export function summaryLine(counts: Record<Category, CategoryCount>): string {
  const parts = CATEGORIES.map((category) => {
    const count = counts[category];
    return `${category} ${count.passed}/${count.total}${count.skipped > 0 ? ` (${count.skipped} skipped)` : ""}`;
  });
  const tests = counts["server-event-streams"].tests;
  if (tests) parts.push(`event-streams ${tests.passed}/${tests.total}`);
  const cases = counts.malformed.cases;
  return `restJson1 ${parts.join(" ")}${cases ? ` (${cases.passed}/${cases.total} cases)` : ""}`;
}
