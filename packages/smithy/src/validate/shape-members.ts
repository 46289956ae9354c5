// Enums need at least one member. (List and map members are checked while assembling.)

import type { ValidatorContext } from "./context.js";
import { report } from "./context.js";

export function validateShapeMembers(context: ValidatorContext): void {
  for (const [id, shape] of Object.entries(context.model.shapes)) {
    if (
      (shape.type === "enum" || shape.type === "intEnum") &&
      Object.keys(shape.members ?? {}).length === 0
    ) {
      const message =
        shape.type === "enum"
          ? "enum must have at least one entry"
          : "intEnum shapes must have at least one member";
      report(context, "Model", "ERROR", id, message);
    }
  }
}
