// The rule table of `smithy diff`, in the order they are documented.
import type { DiffRule } from "../types.js";
import { changedLengthTrait, changedPatternTrait, changedRangeTrait } from "./constraints.js";
import { addedEnumValue, changedEnumValue, removedEnumValue } from "./enums.js";
import {
  changedErrorTrait,
  changedHttpBinding,
  changedHttpTrait,
  changedIdempotencyToken,
  changedJsonName,
  changedTimestampFormat,
} from "./http.js";
import { addedMember, changedMemberOrder, changedMemberTarget, removedMember } from "./members.js";
import { changedMetadata } from "./metadata.js";
import { changedDefault, changedNullability } from "./nullability.js";
import {
  addedEntityBinding,
  addedOperationError,
  addedServiceError,
  changedOperationInput,
  changedOperationOutput,
  changedResourceIdentifiers,
  removedEntityBinding,
  removedOperationError,
  removedServiceError,
} from "./operations.js";
import { addedShape, changedShapeType, removedShape } from "./shapes.js";
import {
  changedAuthSchemes,
  changedProtocols,
  changedServiceRename,
  changedServiceVersion,
} from "./service.js";
import { changedDeprecation, changedDocumentation, modifiedTrait, traitBreakingChange } from "./traits.js";

export const DIFF_RULES: readonly DiffRule[] = [
  // shapes
  addedShape,
  removedShape,
  changedShapeType,
  changedServiceRename,
  // operations, services and resources
  addedEntityBinding,
  removedEntityBinding,
  changedOperationInput,
  changedOperationOutput,
  addedOperationError,
  removedOperationError,
  addedServiceError,
  removedServiceError,
  changedResourceIdentifiers,
  changedServiceVersion,
  changedProtocols,
  changedAuthSchemes,
  // members
  addedMember,
  removedMember,
  changedMemberTarget,
  changedMemberOrder,
  changedNullability,
  changedDefault,
  // enums
  addedEnumValue,
  removedEnumValue,
  changedEnumValue,
  // constraints
  changedLengthTrait,
  changedRangeTrait,
  changedPatternTrait,
  // HTTP and serialization
  changedHttpTrait,
  changedHttpBinding,
  changedErrorTrait,
  changedJsonName,
  changedTimestampFormat,
  changedIdempotencyToken,
  // everything else
  changedDocumentation,
  changedDeprecation,
  changedMetadata,
  traitBreakingChange,
  modifiedTrait,
];
