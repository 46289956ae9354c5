// Services, resources and operations: what is bound where, inputs, outputs and errors.
import type { AstShape, AstTarget } from "../../ast.js";
import { type DiffContext, hasTrait, type ShapePair } from "../context.js";
import type { DiffEvent, DiffRule } from "../types.js";

const UNIT = "smithy.api#Unit";
const LIFECYCLE = ["create", "put", "read", "update", "delete", "list"] as const;

/** Operations and resources bound to a service or resource, by target. */
function bindings(shape: AstShape): Map<string, "operation" | "resource"> {
  const result = new Map<string, "operation" | "resource">();
  const add = (targets: AstTarget[] | undefined, kind: "operation" | "resource") => {
    for (const target of targets ?? []) result.set(target.target, kind);
  };
  add(shape.operations, "operation");
  add(shape.collectionOperations, "operation");
  for (const name of LIFECYCLE) add(shape[name] ? [shape[name]] : [], "operation");
  add(shape.resources, "resource");
  return result;
}

/** Everything bound to a container, directly or through nested resources. */
function reachable(shapes: Record<string, AstShape>, containerId: string): Set<string> {
  const seen = new Set<string>();
  const visit = (id: string) => {
    const shape = shapes[id];
    if (shape === undefined) return;
    for (const target of bindings(shape).keys()) {
      if (seen.has(target)) continue;
      seen.add(target);
      visit(target);
    }
  };
  visit(containerId);
  return seen;
}

const isContainer = (pair: ShapePair) =>
  (pair.old.type === "service" || pair.old.type === "resource") && pair.old.type === pair.new.type;

export const removedEntityBinding: DiffRule = {
  id: "RemovedEntityBinding",
  category: "operations",
  description:
    "ERROR: an operation or resource is no longer bound to its service or resource (it leaves the API); " +
    "NOTE when it is still reachable from that container through a nested resource (a move, not a removal).",
  check: (ctx) =>
    ctx.kept.filter(isContainer).flatMap((pair) => {
      const after = bindings(pair.new);
      const removed = [...bindings(pair.old)].filter(([target]) => !after.has(target));
      if (removed.length === 0) return [];
      const stillReachable = reachable(ctx.newModel.shapes, pair.id);
      return removed.map(([target, kind]) =>
        stillReachable.has(target)
          ? ctx.event(
              "RemovedEntityBinding.Moved",
              "NOTE",
              target,
              `Moved ${kind} \`${target}\` under a resource of \`${pair.id}\`; it is still part of the API`,
            )
          : ctx.event(
              "RemovedEntityBinding",
              "ERROR",
              target,
              `Removed ${kind} \`${target}\` from \`${pair.id}\``,
            ),
      );
    }),
};

export const addedEntityBinding: DiffRule = {
  id: "AddedEntityBinding",
  category: "operations",
  description: "NOTE: an operation or resource was bound to a service or resource (new API surface).",
  check: (ctx) =>
    ctx.kept.filter(isContainer).flatMap((pair) => {
      const before = bindings(pair.old);
      return [...bindings(pair.new)]
        .filter(([target]) => !before.has(target))
        .map(([target, kind]) =>
          ctx.event("AddedEntityBinding", "NOTE", target, `Added ${kind} \`${target}\` to \`${pair.id}\``),
        );
    }),
};

function requiredMembers(shape: AstShape | undefined): string[] {
  return Object.entries(shape?.members ?? {})
    .filter(
      ([, member]) => hasTrait(member, "smithy.api#required") && !hasTrait(member, "smithy.api#default"),
    )
    .map(([name]) => name);
}

function ioEvents(ctx: DiffContext, pair: ShapePair, which: "input" | "output"): DiffEvent[] {
  const before = pair.old[which]?.target ?? UNIT;
  const after = pair.new[which]?.target ?? UNIT;
  if (before === after) return [];
  const id = which === "input" ? "ChangedOperationInput" : "ChangedOperationOutput";
  const change = `\`${pair.id}\` ${which} changed from \`${before}\` to \`${after}\``;
  if (before === UNIT) {
    const required = which === "input" ? requiredMembers(ctx.shape("new", after)) : [];
    if (required.length === 0) return [ctx.event(id, "NOTE", pair.id, `${change} (an added ${which})`)];
    return [
      ctx.event(
        id,
        "ERROR",
        pair.id,
        `${change}, whose required members [${required.join(", ")}] old callers never send`,
      ),
    ];
  }
  return [ctx.event(id, "ERROR", pair.id, change)];
}

const isOperation = (pair: ShapePair) => pair.old.type === "operation" && pair.new.type === "operation";

export const changedOperationInput: DiffRule = {
  id: "ChangedOperationInput",
  category: "operations",
  description:
    "ERROR: an operation's input structure was replaced or removed; NOTE when a Unit input became a structure with no required members.",
  check: (ctx) => ctx.kept.filter(isOperation).flatMap((pair) => ioEvents(ctx, pair, "input")),
};

export const changedOperationOutput: DiffRule = {
  id: "ChangedOperationOutput",
  category: "operations",
  description:
    "ERROR: an operation's output structure was replaced or removed; NOTE when a Unit output became a structure.",
  check: (ctx) => ctx.kept.filter(isOperation).flatMap((pair) => ioEvents(ctx, pair, "output")),
};

function errorChanges(
  ctx: DiffContext,
  type: "operation" | "service",
  added: boolean,
  id: string,
  severity: "WARNING",
): DiffEvent[] {
  return ctx.kept
    .filter((pair) => pair.old.type === type && pair.new.type === type)
    .flatMap((pair) => {
      const [from, to] = added ? [pair.old, pair.new] : [pair.new, pair.old];
      const known = new Set((from.errors ?? []).map((e) => e.target));
      return (to.errors ?? [])
        .map((e) => e.target)
        .filter((error) => !known.has(error))
        .map((error) =>
          ctx.event(
            id,
            severity,
            pair.id,
            added
              ? `Added error \`${error}\` to ${type} \`${pair.id}\`: existing clients treat it as an unknown error`
              : `Removed error \`${error}\` from ${type} \`${pair.id}\`: code handling it no longer compiles or never runs`,
          ),
        );
    });
}

export const addedOperationError: DiffRule = {
  id: "AddedOperationError",
  category: "operations",
  description: "WARNING: an operation can return a new error that existing clients do not know.",
  check: (ctx) => errorChanges(ctx, "operation", true, "AddedOperationError", "WARNING"),
};

export const removedOperationError: DiffRule = {
  id: "RemovedOperationError",
  category: "operations",
  description:
    "WARNING: an error was removed from an operation (handlers written for it become dead or fail to compile).",
  check: (ctx) => errorChanges(ctx, "operation", false, "RemovedOperationError", "WARNING"),
};

export const addedServiceError: DiffRule = {
  id: "AddedServiceError",
  category: "operations",
  description: "WARNING: every operation of a service can return a new error.",
  check: (ctx) => errorChanges(ctx, "service", true, "AddedServiceError", "WARNING"),
};

export const removedServiceError: DiffRule = {
  id: "RemovedServiceError",
  category: "operations",
  description: "WARNING: a service-wide error was removed.",
  check: (ctx) => errorChanges(ctx, "service", false, "RemovedServiceError", "WARNING"),
};

export const changedResourceIdentifiers: DiffRule = {
  id: "ChangedResourceIdentifiers",
  category: "operations",
  description: "ERROR: a resource's identifiers changed (names or targets).",
  check: (ctx) =>
    ctx.kept
      .filter((pair) => pair.old.type === "resource" && pair.new.type === "resource")
      .flatMap((pair) => {
        const show = (shape: AstShape) =>
          Object.entries(shape.identifiers ?? {})
            .map(([name, target]) => `${name}: ${target.target}`)
            .sort()
            .join(", ");
        const before = show(pair.old);
        const after = show(pair.new);
        if (before === after) return [];
        return [
          ctx.event(
            "ChangedResourceIdentifiers",
            "ERROR",
            pair.id,
            `Identifiers of \`${pair.id}\` changed from {${before}} to {${after}}`,
          ),
        ];
      }),
};
