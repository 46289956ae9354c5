// What a validator gets, and helpers to report events at the right place.

import type { AstModel } from "../ast.js";
import type { Severity, SourceLocation, ValidationEvent } from "../events.js";

export interface ValidatorContext {
  model: AstModel;
  locations: Map<string, SourceLocation>;
  events: ValidationEvent[];
}

export function report(
  context: ValidatorContext,
  id: string,
  severity: Severity,
  shapeId: string | undefined,
  message: string,
): void {
  const event: ValidationEvent = { id, severity, message };
  if (shapeId !== undefined) {
    event.shapeId = shapeId;
    const location = context.locations.get(shapeId);
    if (location !== undefined) event.sourceLocation = location;
  }
  context.events.push(event);
}
