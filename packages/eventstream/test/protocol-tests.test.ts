// Smithy's 100 restJson1 eventStreamTests through the codec: every event's bytes decode to the
// message the case describes, encode back byte for byte, read the same in the AWS SDK's codec,
// and the model-independent message layer accepts or refuses them as the case expects. What each
// case further needs from the generated client/server is classified and pinned below.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadModelFromPaths } from "@seqstore/smithy";
import { describe, expect, it } from "vitest";
import {
  decodeMessage,
  type EventStreamMessage,
  encodeMessage,
  readEventStreamMessage,
} from "../src/index.js";
import {
  type EventStreamTestCase,
  type EventStreamTestEvent,
  eventBytes,
  expectedMessage,
  judgeMessage,
} from "../src/protocol-tests.js";
import { smithyDecode } from "./smithy-oracle.js";

const suite = fileURLToPath(new URL("../../../../shared/conformance/protocol-tests", import.meta.url));
const available = existsSync(suite);
if (!available) console.warn(`skipping eventStreamTests: ${suite} not found (../shared is absent)`);

interface Case {
  readonly operation: string;
  readonly test: EventStreamTestCase;
}

function loadCases(): Case[] {
  const { model, ok, events } = loadModelFromPaths([`${suite}/model`, `${suite}/traits`]);
  if (!ok)
    throw new Error(`the protocol test model does not load: ${events.map((e) => e.message).join("; ")}`);
  const cases: Case[] = [];
  for (const [id, shape] of Object.entries(model.shapes)) {
    const tests = shape.traits?.["smithy.test#eventStreamTests"] as EventStreamTestCase[] | undefined;
    for (const test of tests ?? []) cases.push({ operation: id.split("#")[1] as string, test });
  }
  return cases;
}

/** What the rest of the stack must add for a case to pass end to end. */
type Need =
  /** Fully judged here: the message layer itself produces the expected failure. */
  | "none"
  /** params <-> union member, @eventHeader and @eventPayload members (generated serde). */
  | "event serde"
  /** An exception message mapped to the modeled error its union member targets. */
  | "modeled error mapping"
  /** A @required member of the HTTP-bound input/output checked before streaming. */
  | "required HTTP member check"
  /** No events: the initial HTTP request/response binding (and HTTP error) only. */
  | "initial HTTP message";

function need(test: EventStreamTestCase, read: readonly (EventStreamMessage | Error)[]): Need {
  if (!test.events?.length) return "initial HTTP message";
  const failure = test.expectation?.failure;
  if (failure && failure.errorId === undefined) {
    if (read.some((r) => r instanceof Error || r.kind === "error")) return "none";
    return "required HTTP member check";
  }
  if (read.some((r) => !(r instanceof Error) && r.kind === "exception")) return "modeled error mapping";
  return "event serde";
}

function readOrError(event: EventStreamTestEvent): EventStreamMessage | Error {
  try {
    return readEventStreamMessage(decodeMessage(eventBytes(event) as Uint8Array));
  } catch (error) {
    return error as Error;
  }
}

describe.skipIf(!available)(
  "restJson1 eventStreamTests through the codec (skipped when ../shared is absent)",
  () => {
    const cases = available ? loadCases() : [];

    it("finds all 100 cases on the 6 event-stream operations", () => {
      expect(cases).toHaveLength(100);
      expect(new Set(cases.map((c) => c.operation)).size).toBe(6);
    });

    describe.each(cases.map((c) => [`${c.operation} ${c.test.id}`, c] as const))("%s", (_name, { test }) => {
      it("decodes, judges, re-encodes and classifies every event", () => {
        const read: (EventStreamMessage | Error)[] = [];
        for (const event of test.events ?? []) {
          const bytes = eventBytes(event);
          if (bytes === undefined) throw new Error(`${test.id}: an event without bytes`);
          const decoded = decodeMessage(bytes);
          expect(judgeMessage(event, decoded)).toEqual([]);
          expect(encodeMessage(decoded)).toEqual(bytes);
          // The message the case describes, encoded in the order it lists its headers, is exactly its bytes.
          expect(encodeMessage(expectedMessage(event))).toEqual(bytes);
          expect(smithyDecode(bytes)).toEqual(decoded);
          try {
            read.push(readEventStreamMessage(decoded));
          } catch (error) {
            expect(error).toMatchObject({ name: "EventStreamError", code: "InvalidMessageType" });
            read.push(error as Error);
          }
        }
        // The message layer refuses a message only where the case expects a failure.
        if (read.some((r) => r instanceof Error)) expect(test.expectation?.failure).toBeDefined();
      });
    });

    it("pins what the generated client/server must add, case by case", () => {
      const byNeed: Record<string, string[]> = {};
      for (const { test } of cases) {
        const what = need(
          test,
          (test.events ?? []).map((event) => readOrError(event)),
        );
        byNeed[what] = [...(byNeed[what] ?? []), test.id];
      }
      const counts = Object.fromEntries(Object.entries(byNeed).map(([what, ids]) => [what, ids.length]));
      console.log(`eventStreamTests by what remains: ${JSON.stringify(counts)}`);
      expect(counts).toEqual({
        none: 20,
        "event serde": 60,
        "modeled error mapping": 8,
        "required HTTP member check": 4,
        "initial HTTP message": 8,
      });
      expect(byNeed["required HTTP member check"]?.sort()).toEqual([
        "DuplexMissingRequiredInitialRequestInput",
        "DuplexMissingRequiredInitialResponseOutput",
        "MissingRequiredInitialRequestInput",
        "MissingRequiredInitialResponseOutput",
      ]);
    });
  },
);
