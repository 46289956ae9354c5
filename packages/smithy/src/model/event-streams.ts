// Event streams (@streaming unions): how each union member's structure travels in a message, the one
// reading of @eventHeader / @eventPayload that the client and server generators share.
import type { AstModel } from "../ast.js";
import { expectShape, hasTrait } from "./shapes.js";

/** The simple types an @eventHeader may target (each has an event-stream header type). */
export type EventHeaderKind =
  | "boolean"
  | "byte"
  | "short"
  | "integer"
  | "long"
  | "blob"
  | "string"
  | "timestamp";

const EVENT_HEADER_KINDS = new Set<string>([
  "boolean",
  "byte",
  "short",
  "integer",
  "long",
  "blob",
  "string",
  "timestamp",
]);

export interface EventStreamMember {
  /** The union member's name (the `:event-type` or `:exception-type`). */
  name: string;
  /** The structure it targets. */
  target: string;
  /** The target is an @error structure: the member travels as an exception message. */
  error: boolean;
  /** @eventHeader members with the simple type each targets. */
  headers: Record<string, EventHeaderKind>;
  /** The @eventPayload member and what it targets (enum strings as string). */
  payload?: { member: string; kind: "blob" | "string" | "structure" | "union" };
  /** The members that are neither headers nor the payload: one JSON document. */
  documentMembers: string[];
}

/** Whether a shape is an event stream (a union with @streaming). */
export function isEventStream(model: AstModel, id: string): boolean {
  const shape = model.shapes[id];
  return shape?.type === "union" && hasTrait(shape, "smithy.api#streaming");
}

/** The members of an @streaming union as they travel; throws on what an event stream cannot carry. */
export function eventStreamMembers(model: AstModel, unionId: string): EventStreamMember[] {
  return Object.entries(expectShape(model, unionId).members ?? {}).map(([name, member]) => {
    const target = expectShape(model, member.target);
    if (target.type !== "structure") {
      throw new Error(
        `${unionId}$${name}: an event stream member must target a structure, not a ${target.type}`,
      );
    }
    const described: EventStreamMember = {
      name,
      target: member.target,
      error: hasTrait(target, "smithy.api#error"),
      headers: {},
      documentMembers: [],
    };
    for (const [field, node] of Object.entries(target.members ?? {})) {
      const type = expectShape(model, node.target).type;
      if (hasTrait(node, "smithy.api#eventHeader")) {
        if (!EVENT_HEADER_KINDS.has(type))
          throw new Error(`${member.target}$${field}: an @eventHeader cannot target a ${type}`);
        described.headers[field] = type as EventHeaderKind;
      } else if (hasTrait(node, "smithy.api#eventPayload")) {
        const kind = type === "enum" ? "string" : type;
        if (kind !== "blob" && kind !== "string" && kind !== "structure" && kind !== "union")
          throw new Error(`${member.target}$${field}: an @eventPayload cannot target a ${type}`);
        described.payload = { member: field, kind };
      } else described.documentMembers.push(field);
    }
    return described;
  });
}
