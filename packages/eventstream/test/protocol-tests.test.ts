// Smithy's 100 restJson1 eventStreamTests through this package: every event's bytes decode to the
// message the case describes, encode back byte for byte and read the same in the AWS SDK's codec;
// then the events go through the schema-driven serde on each side the case applies to (the
// serializing side judged by the trait's rules, the deserializing side against the params or the
// expected failure). What each case still needs from the generated client/server is pinned below.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type AstModel, loadModelFromPaths } from "@seqstore/smithy";
import { describe, expect, it } from "vitest";
import { createEventStreamSerde, decodeMessage, encodeMessage, plainJsonDocuments } from "../src/index.js";
import {
  type EventStreamTestCase,
  eventBytes,
  expectedMessage,
  judgeMessage,
} from "../src/protocol-tests.js";
import { eventStreamSchema, streamUnionOf, typedParams } from "./event-schema.js";
import { smithyDecode } from "./smithy-oracle.js";

const suite = fileURLToPath(new URL("../../../../shared/conformance/protocol-tests", import.meta.url));
const available = existsSync(suite);
if (!available) console.warn(`skipping eventStreamTests: ${suite} not found (../shared is absent)`);

interface Case {
  readonly operation: string;
  readonly test: EventStreamTestCase;
}

function load(): { shapes: AstModel["shapes"]; cases: Case[] } {
  const { model, ok, events } = loadModelFromPaths([`${suite}/model`, `${suite}/traits`]);
  if (!ok)
    throw new Error(`the protocol test model does not load: ${events.map((e) => e.message).join("; ")}`);
  const cases: Case[] = [];
  for (const [id, shape] of Object.entries(model.shapes)) {
    const tests = shape.traits?.["smithy.test#eventStreamTests"] as EventStreamTestCase[] | undefined;
    for (const test of tests ?? []) cases.push({ operation: id, test });
  }
  return { shapes: model.shapes, cases };
}

/** What the rest of the stack must add for a case to pass end to end. */
type Need =
  /** Every event judged here, on every side the case applies to; the generated code only wires it up. */
  | "none"
  /** Events pass; the expected failure is a @required HTTP-bound member missing from the initial message. */
  | "required HTTP member check"
  /** No events: the initial HTTP request/response binding (and HTTP errors) only. */
  | "initial HTTP message";

type Outcome = { readonly ok: true; readonly need: Need } | { readonly ok: false; readonly problem: string };

/** Runs one case's events through serde on the sides it applies to; says what is left for the runtime. */
function runCase(shapes: AstModel["shapes"], { operation, test }: Case): Outcome {
  const events = test.events ?? [];
  if (events.length === 0) return { ok: true, need: "initial HTTP message" };
  const failure = test.expectation?.failure;
  let failed: { errorId?: string } | undefined;
  for (const event of events) {
    const direction = event.type === "request" ? "input" : "output";
    const serializer = event.type === "request" ? "client" : "server";
    const union = streamUnionOf(shapes, operation, direction);
    if (!union) return { ok: false, problem: `${operation} streams no union in its ${direction}` };
    const { schema, targets } = eventStreamSchema(shapes, union);
    const serde = createEventStreamSerde(schema, plainJsonDocuments);
    const params = event.params as Record<string, Record<string, unknown>> | undefined;

    // Serializing side: params to a message, judged by the trait's rules (never against `bytes`).
    if (test.appliesTo !== (serializer === "client" ? "server" : "client") && params && !failure) {
      const problems = judgeMessage(event, serde.serialize(typedParams(schema, params)));
      if (problems.length > 0)
        return { ok: false, problem: `${serializer} serializes: ${problems.join("; ")}` };
    }
    // Deserializing side: the case's bytes to a value, or to the expected failure.
    if (test.appliesTo !== serializer) {
      try {
        const decoded = serde.deserialize(decodeMessage(eventBytes(event) as Uint8Array));
        if (decoded.kind === "unknown")
          return { ok: false, problem: `unknown event type ${decoded.eventType}` };
        if (decoded.kind === "exception") failed = { errorId: targets[decoded.member] as string };
        else expect({ [decoded.member]: decoded.value }).toEqual(typedParams(schema, params ?? {}));
      } catch (error) {
        if (!failure) return { ok: false, problem: `deserializing failed: ${(error as Error).message}` };
        expect((error as Error).name).toMatch(/^EventStream(Error|RemoteError)$/);
        failed = {};
      }
    }
  }
  if (failure) {
    if (!failed) return { ok: true, need: "required HTTP member check" };
    if (failure.errorId !== undefined && failed.errorId !== failure.errorId) {
      return {
        ok: false,
        problem: `expected error ${failure.errorId}, got ${failed.errorId ?? "an unmodeled failure"}`,
      };
    }
  } else if (failed) return { ok: false, problem: `unexpected failure ${failed.errorId ?? ""}` };
  return { ok: true, need: "none" };
}

describe.skipIf(!available)("restJson1 eventStreamTests (skipped when ../shared is absent)", () => {
  const { shapes, cases } = available ? load() : { shapes: {}, cases: [] };

  it("finds all 100 cases on the 6 event-stream operations", () => {
    expect(cases).toHaveLength(100);
    expect(new Set(cases.map((c) => c.operation)).size).toBe(6);
  });

  describe.each(cases.map((c) => [`${c.operation.split("#")[1]} ${c.test.id}`, c] as const))(
    "%s",
    (_name, c) => {
      it("framing: bytes decode to the described message and encode back byte for byte", () => {
        for (const event of c.test.events ?? []) {
          const bytes = eventBytes(event);
          if (bytes === undefined) throw new Error(`${c.test.id}: an event without bytes`);
          const decoded = decodeMessage(bytes);
          expect(judgeMessage(event, decoded)).toEqual([]);
          expect(encodeMessage(decoded)).toEqual(bytes);
          // The described message, its headers in the order listed, encodes to exactly the case's bytes.
          expect(encodeMessage(expectedMessage(event))).toEqual(bytes);
          expect(smithyDecode(bytes)).toEqual(decoded);
        }
      });

      it("serde: each applicable side serializes or deserializes as the case expects", () => {
        expect(runCase(shapes, c)).toMatchObject({ ok: true });
      });
    },
  );

  it("pins what the generated client/server must add, case by case", () => {
    const byNeed: Record<string, string[]> = {};
    for (const c of cases) {
      const outcome = runCase(shapes, c);
      const need = outcome.ok ? outcome.need : "failing";
      byNeed[need] = [...(byNeed[need] ?? []), c.test.id];
    }
    const counts = Object.fromEntries(Object.entries(byNeed).map(([need, ids]) => [need, ids.length]));
    console.log(`eventStreamTests by what remains: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({ none: 88, "required HTTP member check": 4, "initial HTTP message": 8 });
    expect(byNeed["required HTTP member check"]?.sort()).toEqual([
      "DuplexMissingRequiredInitialRequestInput",
      "DuplexMissingRequiredInitialResponseOutput",
      "MissingRequiredInitialRequestInput",
      "MissingRequiredInitialResponseOutput",
    ]);
  });
});
