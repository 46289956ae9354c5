// The protocol tests a model carries: every smithy.test#httpRequestTests, httpResponseTests and
// httpMalformedRequestTests case of one service's operations and errors, with `testParameters`
// expanded, as plain data the judges read.
import type { EventStreamTestCase } from "@seqstore/eventstream/protocol-tests";
import {
  type AstModel,
  getShape,
  getTrait,
  type NodeObject,
  type NodeValue,
  operationErrors,
  serviceOperations,
} from "@seqstore/smithy";

export type Side = "client" | "server";

export interface HttpRequestCase {
  id: string;
  protocol: string;
  method: string;
  uri: string;
  host?: string;
  resolvedHost?: string;
  authScheme?: string;
  queryParams?: string[];
  forbidQueryParams?: string[];
  requireQueryParams?: string[];
  headers?: Record<string, string>;
  forbidHeaders?: string[];
  requireHeaders?: string[];
  body?: string;
  bodyMediaType?: string;
  params?: NodeObject;
  appliesTo?: Side;
  documentation?: string;
}

export interface HttpResponseCase {
  id: string;
  protocol: string;
  code: number;
  headers?: Record<string, string>;
  forbidHeaders?: string[];
  requireHeaders?: string[];
  body?: string;
  bodyMediaType?: string;
  params?: NodeObject;
  appliesTo?: Side;
  documentation?: string;
}

export interface MalformedCase {
  id: string;
  protocol: string;
  request: {
    method: string;
    uri: string;
    host?: string;
    queryParams?: string[];
    headers?: Record<string, string>;
    body?: string;
    bodyMediaType?: string;
  };
  response: {
    code: number;
    headers?: Record<string, string>;
    body?: { mediaType: string; assertion: { contents?: string; messageRegex?: string } };
  };
}

export type Category =
  | "client-requests"
  | "client-responses"
  | "server-requests"
  | "server-responses"
  | "malformed"
  | "client-event-streams"
  | "server-event-streams";

export const CATEGORIES: readonly Category[] = [
  "client-requests",
  "client-responses",
  "server-requests",
  "server-responses",
  "malformed",
  "client-event-streams",
  "server-event-streams",
];

interface CaseBase {
  /** Unique within its category: the test's id (a malformed case expanded from testParameters gets `#n`). */
  key: string;
  operationId: string;
}

export type ProtocolCase =
  | (CaseBase & { category: "client-requests" | "server-requests"; test: HttpRequestCase })
  | (CaseBase & {
      category: "client-responses" | "server-responses";
      test: HttpResponseCase;
      /** Set when the test is on an error shape: the response is that error. */
      errorId?: string;
    })
  | (CaseBase & { category: "malformed"; test: MalformedCase })
  | (CaseBase & { category: "client-event-streams" | "server-event-streams"; test: EventStreamTestCase });

const REQUEST_TESTS = "smithy.test#httpRequestTests";
const RESPONSE_TESTS = "smithy.test#httpResponseTests";
const MALFORMED_TESTS = "smithy.test#httpMalformedRequestTests";
const EVENT_STREAM_TESTS = "smithy.test#eventStreamTests";

/** How many eventStreamTests cases the service's operations carry (of any protocol). */
export function countEventStreamTests(model: AstModel, serviceId: string): number {
  let count = 0;
  for (const operationId of serviceOperations(model, serviceId)) {
    const tests = getTrait(getShape(model, operationId), EVENT_STREAM_TESTS);
    if (Array.isArray(tests)) count += tests.length;
  }
  return count;
}

function testList(value: NodeValue | undefined, trait: string, where: string): NodeObject[] {
  if (value === undefined) return [];
  if (
    !Array.isArray(value) ||
    value.some((item) => item === null || typeof item !== "object" || Array.isArray(item))
  ) {
    throw new Error(`${where}: the ${trait} trait must be a list of test case objects`);
  }
  return value as NodeObject[];
}

function appliesTo(test: { appliesTo?: Side }, side: Side): boolean {
  return test.appliesTo === undefined || test.appliesTo === side;
}

/** The side a case runs on. */
export const sideOf = (category: Category): Side => (category.startsWith("client") ? "client" : "server");

/**
 * Why a case does not run on its side when its operation (or error) says so by a tag: `client-only`
 * keeps its cases off the server side, `server-only` off the client side. The Smithy specification
 * gives these tags no meaning; Smithy's own suite marks operations with them, and smithy-typescript's
 * protocol test generator (HttpProtocolTestGenerator) honours them the same way.
 */
export function sideTagReason(model: AstModel, testCase: ProtocolCase): string | undefined {
  const side = sideOf(testCase.category);
  const excluding = side === "server" ? "client-only" : "server-only";
  const shapes = [testCase.operationId];
  if ("errorId" in testCase && testCase.errorId !== undefined) shapes.push(testCase.errorId);
  for (const id of shapes) {
    const tags = getTrait(getShape(model, id), "smithy.api#tags");
    if (Array.isArray(tags) && tags.includes(excluding)) {
      return `${id} is tagged "${excluding}": not a ${side} case (Smithy's suite marks it so; smithy-typescript's HttpProtocolTestGenerator leaves it out of ${side} tests the same way)`;
    }
  }
  return undefined;
}

/**
 * Every case of the service, in model order, each in the category that runs it. `protocol`
 * restricts them to one protocol (tests of other protocols are not this judge's to run).
 */
export function collectCases(
  model: AstModel,
  serviceId: string,
  protocol = "aws.protocols#restJson1",
): ProtocolCase[] {
  const cases: ProtocolCase[] = [];
  // An error's response tests run through one operation that may return it: the first with request
  // tests of its own (a request known to reach the handler), else the first.
  const carriers = new Map<string, string>();
  const hasRequestTests = (id: string) =>
    testList(getTrait(getShape(model, id), REQUEST_TESTS), REQUEST_TESTS, id).length > 0;
  for (const operationId of serviceOperations(model, serviceId)) {
    for (const errorId of operationErrors(model, serviceId, operationId)) {
      const carrier = carriers.get(errorId);
      if (carrier === undefined || (!hasRequestTests(carrier) && hasRequestTests(operationId))) {
        carriers.set(errorId, operationId);
      }
    }
  }
  for (const operationId of serviceOperations(model, serviceId)) {
    const operation = getShape(model, operationId);
    for (const raw of testList(getTrait(operation, REQUEST_TESTS), REQUEST_TESTS, operationId)) {
      const test = raw as unknown as HttpRequestCase;
      if (test.protocol !== protocol) continue;
      for (const side of ["client", "server"] as const) {
        if (appliesTo(test, side)) {
          cases.push({ category: `${side}-requests`, key: test.id, operationId, test });
        }
      }
    }
    for (const raw of testList(getTrait(operation, RESPONSE_TESTS), RESPONSE_TESTS, operationId)) {
      const test = raw as unknown as HttpResponseCase;
      if (test.protocol !== protocol) continue;
      for (const side of ["client", "server"] as const) {
        if (appliesTo(test, side)) {
          cases.push({ category: `${side}-responses`, key: test.id, operationId, test });
        }
      }
    }
    for (const errorId of operationErrors(model, serviceId, operationId)) {
      if (carriers.get(errorId) !== operationId) continue;
      for (const raw of testList(
        getTrait(getShape(model, errorId), RESPONSE_TESTS),
        RESPONSE_TESTS,
        errorId,
      )) {
        const test = raw as unknown as HttpResponseCase;
        if (test.protocol !== protocol) continue;
        for (const side of ["client", "server"] as const) {
          if (appliesTo(test, side)) {
            cases.push({ category: `${side}-responses`, key: test.id, operationId, test, errorId });
          }
        }
      }
    }
    for (const raw of testList(getTrait(operation, EVENT_STREAM_TESTS), EVENT_STREAM_TESTS, operationId)) {
      const test = raw as unknown as EventStreamTestCase;
      if (test.protocol !== protocol) continue;
      for (const side of ["client", "server"] as const) {
        if (appliesTo(test, side)) {
          cases.push({ category: `${side}-event-streams`, key: test.id, operationId, test });
        }
      }
    }
    for (const raw of testList(getTrait(operation, MALFORMED_TESTS), MALFORMED_TESTS, operationId)) {
      const test = raw as unknown as MalformedCase & { testParameters?: Record<string, string[]> };
      if (test.protocol !== protocol) continue;
      const expanded = expandParameters(test, operationId);
      expanded.forEach((one, index) => {
        const key = expanded.length > 1 ? `${test.id}#${index}` : test.id;
        cases.push({ category: "malformed", key, operationId, test: one });
      });
    }
  }
  return cases;
}

/**
 * A malformed test's cases: one per position of its `testParameters` lists (all of one length),
 * each with every `${name}` in its strings replaced by that position's value.
 */
export function expandParameters(
  test: MalformedCase & { testParameters?: Record<string, string[]> },
  where: string,
): MalformedCase[] {
  const parameters = test.testParameters;
  if (!parameters || Object.keys(parameters).length === 0) return [test];
  const lengths = new Set(Object.values(parameters).map((values) => values.length));
  if (lengths.size !== 1) {
    throw new Error(
      `${where}: ${test.id}'s testParameters lists differ in length (${[...lengths].join(", ")})`,
    );
  }
  const [count = 0] = lengths;
  const cases: MalformedCase[] = [];
  for (let index = 0; index < count; index++) {
    const substitute = (value: NodeValue): NodeValue => {
      if (typeof value === "string") {
        return value.replace(/\$\{([^}]+)\}/g, (match, name: string) => parameters[name]?.[index] ?? match);
      }
      if (Array.isArray(value)) return value.map(substitute);
      if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v)]));
      }
      return value;
    };
    const { testParameters: _, ...rest } = test;
    cases.push(substitute(rest as unknown as NodeValue) as unknown as MalformedCase);
  }
  return cases;
}
