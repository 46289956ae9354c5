// Shapes that appear, disappear or change type.
import type { AstShape } from "../../ast.js";
import { hasTrait } from "../context.js";
import type { DiffEvent, DiffRule } from "../types.js";
import { SCALAR_SHAPE_TYPES } from "../../ast.js";

const SCALAR_TYPES = SCALAR_SHAPE_TYPES;

/** Scalars are inlined into the members that use them: removing one alone changes no API. */
function isScalar(shape: AstShape): boolean {
  return SCALAR_TYPES.has(shape.type) && !hasTrait(shape, "smithy.api#enum");
}

export const addedShape: DiffRule = {
  id: "AddedShape",
  category: "shapes",
  description: "NOTE: a shape was added to the model.",
  check: (ctx) =>
    ctx.added.map(([id, shape]) =>
      inOperations(ctx.event("AddedShape", "NOTE", id, `Added ${shape.type} \`${id}\``), shape),
    ),
};

const OPERATION_LEVEL = new Set(["operation", "resource", "service"]);

/** Operations, resources and services added or removed belong under "Operations" in the changelog. */
function inOperations(event: DiffEvent, shape: AstShape): DiffEvent {
  return OPERATION_LEVEL.has(shape.type) ? { ...event, category: "operations" } : event;
}

export const removedShape: DiffRule = {
  id: "RemovedShape",
  category: "shapes",
  description:
    "ERROR: a shape was removed (its generated type and every use of it break); WARNING (RemovedShape.ScalarShape) for a removed scalar shape.",
  check: (ctx) =>
    ctx.removed.map(([id, shape]) =>
      isScalar(shape)
        ? ctx.event(
            "RemovedShape.ScalarShape",
            "WARNING",
            id,
            `Removed ${shape.type} \`${id}\` (members that targeted it are reported separately)`,
          )
        : inOperations(ctx.event("RemovedShape", "ERROR", id, `Removed ${shape.type} \`${id}\``), shape),
    ),
};

/** Type changes Smithy itself recommends: deprecated forms replaced by their successors. */
function isRecommendedUpgrade(oldShape: AstShape, newShape: AstShape): boolean {
  if (oldShape.type === "set" && newShape.type === "list")
    return hasTrait(newShape, "smithy.api#uniqueItems");
  return oldShape.type === "string" && newShape.type === "enum" && hasTrait(oldShape, "smithy.api#enum");
}

export const changedShapeType: DiffRule = {
  id: "ChangedShapeType",
  category: "shapes",
  description:
    "ERROR: a shape changed type (e.g. string to integer); NOTE for the recommended upgrades set→list+@uniqueItems and string+@enum→enum.",
  check: (ctx) =>
    ctx.kept
      .filter((pair) => pair.old.type !== pair.new.type)
      .map((pair) => {
        const change = `\`${pair.id}\` changed type from \`${pair.old.type}\` to \`${pair.new.type}\``;
        return isRecommendedUpgrade(pair.old, pair.new)
          ? ctx.event("ChangedShapeType", "NOTE", pair.id, `${change} (a compatible upgrade)`)
          : ctx.event("ChangedShapeType", "ERROR", pair.id, change);
      }),
};
