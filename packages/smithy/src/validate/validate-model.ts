// Runs the built-in validators over an assembled model.

import type { AstModel } from "../ast.js";
import type { SourceLocation, ValidationEvent } from "../events.js";
import { validatorsInOrder } from "./validators.js";

export function validateModel(model: AstModel, locations: Map<string, SourceLocation>): ValidationEvent[] {
  const events: ValidationEvent[] = [];
  for (const validator of validatorsInOrder) validator({ model, locations, events });
  return events;
}
