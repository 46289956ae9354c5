// OpenAPI specification extensions declared with smithy.openapi#specificationExtension.
import type { AstModel, NodeValue } from "../ast.js";
import { getShape } from "../model/shapes.js";

/**
 * `x-…` members contributed by traits whose definition carries @specificationExtension:
 * the name is its `as` value, else "x-" + the trait ID with "." and "#" turned into "-".
 */
export function specificationExtensions(
  model: AstModel,
  traits: Record<string, NodeValue>,
): [string, NodeValue][] {
  const result: [string, NodeValue][] = [];
  for (const traitId in traits) {
    const name = extensionName(model, traitId);
    if (name !== undefined) result.push([name, traits[traitId] as NodeValue]);
  }
  return result;
}

// Trait definitions do not change during a conversion: remember each trait's answer per model.
const namesByModel = new WeakMap<AstModel, Map<string, string | undefined>>();

function extensionName(model: AstModel, traitId: string): string | undefined {
  let names = namesByModel.get(model);
  if (!names) {
    names = new Map();
    namesByModel.set(model, names);
  }
  if (names.has(traitId)) return names.get(traitId);
  const ext = getShape(model, traitId)?.traits?.["smithy.openapi#specificationExtension"];
  let name: string | undefined;
  if (ext !== undefined) {
    const as = ext && typeof ext === "object" && !Array.isArray(ext) ? ext.as : undefined;
    name = typeof as === "string" ? as : `x-${traitId.replace(/[.#]/g, "-")}`;
  }
  names.set(traitId, name);
  return name;
}
