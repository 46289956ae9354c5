// Every reference to a shape must name a shape that exists, of a fitting type.

import type { AstShape, AstTarget, ShapeType } from "../ast.js";
import type { ValidatorContext } from "./context.js";
import { report } from "./context.js";

const NOT_MEMBER_TARGETS = new Set<string>(["service", "operation", "resource"]);

export function validateTargets(context: ValidatorContext): void {
  const shapes = context.model.shapes;
  const check = (
    owner: string,
    relation: string,
    ref: AstTarget | undefined,
    allowed?: ShapeType[],
  ): void => {
    if (ref === undefined) return;
    const target = shapes[ref.target];
    if (target === undefined) {
      report(context, "Target", "ERROR", owner, `${relation} targets an unresolved shape \`${ref.target}\``);
      return;
    }
    if (allowed !== undefined && !allowed.includes(target.type as ShapeType)) {
      report(
        context,
        "Target",
        "ERROR",
        owner,
        `${relation} must target ${allowed.join(" or ")} shapes, but found ${target.type} shape \`${ref.target}\``,
      );
    }
  };
  for (const [id, shape] of Object.entries(shapes)) {
    for (const [name, member] of memberEntries(shape)) {
      const memberId = `${id}$${name}`;
      const target = shapes[member.target];
      if (target === undefined) {
        report(
          context,
          "Target",
          "ERROR",
          memberId,
          `member shape targets an unresolved shape \`${member.target}\``,
        );
      } else if (NOT_MEMBER_TARGETS.has(target.type)) {
        report(
          context,
          "Target",
          "ERROR",
          memberId,
          `Members cannot target ${target.type} shapes, but found \`${member.target}\``,
        );
      }
    }
    check(id, "Operation input", shape.input, ["structure"]);
    check(id, "Operation output", shape.output, ["structure"]);
    for (const error of shape.errors ?? []) check(id, "Error", error, ["structure"]);
    for (const operation of shape.operations ?? []) check(id, "Operation binding", operation, ["operation"]);
    for (const operation of shape.collectionOperations ?? [])
      check(id, "Operation binding", operation, ["operation"]);
    for (const resource of shape.resources ?? []) check(id, "Resource binding", resource, ["resource"]);
    for (const key of ["create", "put", "read", "update", "delete", "list"] as const) {
      check(id, `Resource ${key} lifecycle`, shape[key], ["operation"]);
    }
    for (const identifier of Object.values(shape.identifiers ?? {}))
      check(id, "Resource identifier", identifier, ["string", "enum"]);
    for (const property of Object.values(shape.properties ?? {})) check(id, "Resource property", property);
  }
}

export function memberEntries(shape: AstShape): [string, AstTarget & { traits?: Record<string, unknown> }][] {
  const result: [string, AstTarget & { traits?: Record<string, unknown> }][] = [];
  if (shape.members) result.push(...Object.entries(shape.members));
  if (shape.member) result.push(["member", shape.member]);
  if (shape.key) result.push(["key", shape.key]);
  if (shape.value) result.push(["value", shape.value]);
  return result;
}
