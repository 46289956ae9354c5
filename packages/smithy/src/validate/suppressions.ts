// Suppressing validation events (https://smithy.io/2.0/spec/model-validation.html#suppressions):
// the `@suppress` trait of the shape an event is about, then the `suppressions` metadata in
// order. ERROR events can never be suppressed.

import type { AstModel, NodeValue } from "../ast.js";
import type { ValidationEvent } from "../events.js";
import { describeNodeType, isNodeObject } from "./node-types.js";

interface MetadataSuppression {
  id: string;
  namespace: string;
  reason?: string;
}

export interface EventDecorator {
  decorate(event: ValidationEvent): ValidationEvent;
  /** Problems found in the `suppressions` metadata itself. */
  events: ValidationEvent[];
}

/** Event ID `A.B.C` contains `A`, `A.B` and `A.B.C` (but not `A.B.CD`). */
export function eventIdContains(eventId: string, id: string): boolean {
  return eventId.startsWith(id) && (eventId.length === id.length || eventId[id.length] === ".");
}

export function createEventDecorator(model: AstModel): EventDecorator {
  const events: ValidationEvent[] = [];
  const suppressions = loadMetadataSuppressions(model.metadata?.suppressions, events);
  const decorate = (event: ValidationEvent): ValidationEvent => {
    if (event.severity === "ERROR" || event.severity === "SUPPRESSED") return event;
    const suppressTrait =
      event.shapeId === undefined ? undefined : traitsOf(model, event.shapeId)?.["smithy.api#suppress"];
    if (Array.isArray(suppressTrait)) {
      if (suppressTrait.some((id) => typeof id === "string" && eventIdContains(event.id, id))) {
        return { ...event, severity: "SUPPRESSED" };
      }
    }
    for (const suppression of suppressions) {
      if (!eventIdContains(event.id, suppression.id)) continue;
      if (suppression.namespace !== "*") {
        const namespace = event.shapeId?.slice(0, event.shapeId.indexOf("#"));
        if (namespace !== suppression.namespace) continue;
      }
      const suppressed: ValidationEvent = { ...event, severity: "SUPPRESSED" };
      if (suppression.reason !== undefined) suppressed.suppressionReason = suppression.reason;
      return suppressed;
    }
    return event;
  };
  return { decorate, events: events.map(decorate) };
}

function traitsOf(model: AstModel, shapeId: string): Record<string, NodeValue> | undefined {
  const dollar = shapeId.indexOf("$");
  if (dollar === -1) return model.shapes[shapeId]?.traits;
  const shape = model.shapes[shapeId.slice(0, dollar)];
  const name = shapeId.slice(dollar + 1);
  if (shape === undefined) return undefined;
  const member =
    shape.members?.[name] ??
    (name === "member"
      ? shape.member
      : name === "key"
        ? shape.key
        : name === "value"
          ? shape.value
          : undefined);
  return member?.traits;
}

function loadMetadataSuppressions(
  value: NodeValue | undefined,
  events: ValidationEvent[],
): MetadataSuppression[] {
  if (value === undefined) return [];
  const error = (message: string) => events.push({ id: "Model", severity: "ERROR", message });
  if (!Array.isArray(value)) {
    error(`Expected \`suppressions\` metadata to be an array, but found ${describeNodeType(value)}`);
    return [];
  }
  const result: MetadataSuppression[] = [];
  for (const entry of value) {
    if (!isNodeObject(entry)) {
      error(`Expected each suppression to be an object, but found ${describeNodeType(entry)}`);
      continue;
    }
    const { id, namespace, reason } = entry;
    if (typeof id !== "string" || typeof namespace !== "string") {
      error("Each suppression requires a string `id` and a string `namespace`");
      continue;
    }
    const suppression: MetadataSuppression = { id, namespace };
    if (typeof reason === "string") suppression.reason = reason;
    result.push(suppression);
  }
  return result;
}
