// Model rewrites smithy-openapi applies before converting (on a copy; the input model is untouched).
import type { AstModel, AstShape, AstTarget } from "../ast.js";
import { getShape, shapeName, shapeNamespace } from "../model/shapes.js";
import { serviceOperations } from "../model/service.js";
import { OpenApiError } from "./config.js";
import { errorStatus } from "./rest-json.js";

/** Append the service's common errors to each of its operations (once each). */
export function copyServiceErrorsToOperations(model: AstModel, serviceId: string): AstModel {
  const common = getShape(model, serviceId)?.errors ?? [];
  if (common.length === 0) return model;
  const shapes = { ...model.shapes };
  for (const opId of serviceOperations(model, serviceId)) {
    const op = shapes[opId];
    if (!op) continue;
    const ids = [...(op.errors ?? []), ...common].map((e) => e.target);
    shapes[opId] = { ...op, errors: [...new Set(ids)].map((target) => ({ target })) };
  }
  return { ...model, shapes };
}

/**
 * Errors of one operation that share a status code are replaced by a synthesized
 * "<Operation><Status>Error" structure whose `errorUnion` member is a union of them (their
 * @httpHeader members are hoisted onto the new structure).
 */
export function deconflictErrorsWithSharedStatusCode(model: AstModel, serviceId: string): AstModel {
  const withCommon = copyServiceErrorsToOperations(model, serviceId);
  const shapes = { ...withCommon.shapes };
  const namespace = shapeNamespace(serviceId);
  for (const opId of serviceOperations(withCommon, serviceId)) {
    const op = shapes[opId];
    if (!op?.errors) continue;
    const byStatus = new Map<number, string[]>();
    for (const e of op.errors) {
      const status = errorStatus(getShape(withCommon, e.target));
      byStatus.set(status, [...(byStatus.get(status) ?? []), e.target]);
    }
    let errors: AstTarget[] = op.errors;
    for (const [status, ids] of [...byStatus].sort(([a], [b]) => a - b)) {
      if (ids.length < 2) continue;
      const errorId = `${namespace}#${shapeName(opId)}${status}Error`;
      const unionId = `${errorId}Content`;
      const headers = new Map<string, NonNullable<AstShape["members"]>[string]>();
      const union: AstShape = { type: "union", members: {} };
      for (const id of ids) {
        const original = shapes[id] ?? getShape(withCommon, id);
        if (!original) continue;
        const members: NonNullable<AstShape["members"]> = {};
        for (const [name, m] of Object.entries(original.members ?? {})) {
          const header = m.traits?.["smithy.api#httpHeader"];
          if (header === undefined) {
            members[name] = m;
            continue;
          }
          const previous = headers.get(name)?.traits?.["smithy.api#httpHeader"];
          if (previous !== undefined && previous !== header)
            throw new OpenApiError("Conflicting header when de-conflicting");
          headers.set(name, { target: "smithy.api#String", traits: { "smithy.api#httpHeader": header } });
        }
        shapes[id] = { ...original, members };
        (union.members as NonNullable<AstShape["members"]>)[shapeName(id)] = { target: id };
      }
      shapes[unionId] = union;
      shapes[errorId] = {
        type: "structure",
        traits: {
          "smithy.api#error": status >= 400 && status < 500 ? "client" : "server",
          "smithy.api#httpError": status,
        },
        members: { errorUnion: { target: unionId }, ...Object.fromEntries(headers) },
      };
      errors = [...errors.filter((e) => !ids.includes(e.target)), { target: errorId }];
    }
    shapes[opId] = { ...op, errors };
  }
  return { ...withCommon, shapes };
}
