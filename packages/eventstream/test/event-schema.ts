// Test-side stand-in for what the generator will emit: the event-stream union of an operation as an
// EventStreamSchema, read from the Smithy JSON AST, and protocol-test params turned into the values
// generated types carry (blobs as bytes, timestamps as Dates).
import type { AstModel } from "@seqstore/smithy";
import type { EventHeaderKind, EventShape, EventStreamSchema } from "../src/index.js";

type Shapes = AstModel["shapes"];
interface MemberNode {
  readonly target: string;
  readonly traits?: Record<string, unknown>;
}

function typeOf(shapes: Shapes, id: string): string {
  const shape = shapes[id];
  if (!shape) throw new Error(`shape ${id} is not in the model`);
  return shape.type;
}

function membersOf(shapes: Shapes, id: string): Record<string, MemberNode> {
  return ((shapes[id] as { members?: Record<string, MemberNode> }).members ?? {}) as Record<
    string,
    MemberNode
  >;
}

/** The union an operation streams in one direction (its @httpPayload member's target), if any. */
export function streamUnionOf(
  shapes: Shapes,
  operationId: string,
  direction: "input" | "output",
): string | undefined {
  const operation = shapes[operationId] as { input?: { target: string }; output?: { target: string } };
  const structure = operation[direction]?.target;
  if (!structure) return undefined;
  for (const member of Object.values(membersOf(shapes, structure))) {
    const target = shapes[member.target];
    if (target?.type === "union" && target.traits?.["smithy.api#streaming"] !== undefined)
      return member.target;
  }
  return undefined;
}

export interface SchemaWithTargets {
  readonly schema: EventStreamSchema;
  /** Union member name -> the structure it targets (to name a modeled error by shape id). */
  readonly targets: Readonly<Record<string, string>>;
}

export function eventStreamSchema(shapes: Shapes, unionId: string): SchemaWithTargets {
  const events: Record<string, EventShape> = {};
  const errors: Record<string, EventShape> = {};
  const targets: Record<string, string> = {};
  for (const [name, member] of Object.entries(membersOf(shapes, unionId))) {
    targets[name] = member.target;
    const headers: Record<string, EventHeaderKind> = {};
    const documentMembers: string[] = [];
    let payload: EventShape["payload"];
    for (const [field, node] of Object.entries(membersOf(shapes, member.target))) {
      const type = typeOf(shapes, node.target);
      if (node.traits?.["smithy.api#eventHeader"] !== undefined) headers[field] = type as EventHeaderKind;
      else if (node.traits?.["smithy.api#eventPayload"] !== undefined) {
        payload = { member: field, kind: type as "blob" | "string" | "structure" | "union" };
      } else documentMembers.push(field);
    }
    const shape: EventShape = { headers, documentMembers, ...(payload ? { payload } : {}) };
    if (shapes[member.target]?.traits?.["smithy.api#error"] !== undefined) errors[name] = shape;
    else events[name] = shape;
  }
  return { schema: { events, errors }, targets };
}

/** Protocol-test params of one union value as generated types hold them. */
export function typedParams(
  schema: EventStreamSchema,
  params: Readonly<Record<string, Record<string, unknown>>>,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [member, value] of Object.entries(params)) {
    const shape = schema.events[member] ?? schema.errors?.[member];
    const typed: Record<string, unknown> = { ...value };
    for (const [field, kind] of Object.entries(shape?.headers ?? {})) {
      if (typed[field] === undefined) continue;
      if (kind === "blob") typed[field] = new TextEncoder().encode(typed[field] as string);
      if (kind === "timestamp") typed[field] = new Date(typed[field] as string);
    }
    if (shape?.payload?.kind === "blob" && typeof typed[shape.payload.member] === "string") {
      typed[shape.payload.member] = new TextEncoder().encode(typed[shape.payload.member] as string);
    }
    out[member] = typed;
  }
  return out;
}
