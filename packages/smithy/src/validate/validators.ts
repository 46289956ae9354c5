// The built-in validators, in the order they run. Each one reads the assembled model and adds
// events; none of them throws.

import type { ValidatorContext } from "./context.js";
import { validateShapeMembers } from "./shape-members.js";
import { validateTargets } from "./targets.js";
import { validateTraitTargets } from "./trait-target.js";
import { validateTraitValues } from "./trait-values.js";

export type Validator = (context: ValidatorContext) => void;

export const validatorsInOrder: Validator[] = [
  validateShapeMembers,
  validateTargets,
  validateTraitTargets,
  validateTraitValues,
];
