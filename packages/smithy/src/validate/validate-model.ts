// Runs validation over an assembled model, as Smithy's model validator does:
// - unlike Smithy, validators also run when loading reported errors, so that a user sees the
//   problems of a file together (the model is then partial, but every validator tolerates that);
// - the built-in validators run, then the validators declared in `validators` metadata;
// - non-ERROR events about prelude shapes are dropped (they are not the user's concern);
// - every event (loading events included) goes through suppressions.

import type { AstModel } from "../ast.js";
import type { SourceLocation, ValidationEvent } from "../events.js";
import type { ValidatorContext } from "./context.js";
import { runMetadataValidators } from "./metadata-validators.js";
import { createEventDecorator } from "./suppressions.js";
import { validatorsInOrder } from "./validators.js";

export function validateModel(
  model: AstModel,
  locations: Map<string, SourceLocation>,
  loadEvents: ValidationEvent[] = [],
): ValidationEvent[] {
  const decorator = createEventDecorator(model);
  const result = [...decorator.events, ...loadEvents.map(decorator.decorate)];
  const context: ValidatorContext = { model, locations, events: [] };
  for (const validator of validatorsInOrder) validator(context);
  const validatorEvents = [...context.events, ...runMetadataValidators(context)];
  for (const event of validatorEvents) {
    if (event.severity !== "ERROR" && event.shapeId?.startsWith("smithy.api#")) continue;
    result.push(decorator.decorate(event));
  }
  return result;
}
