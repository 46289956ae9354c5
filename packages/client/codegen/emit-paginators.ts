// Paginators for the operations the model marks @paginated (with the service's @paginated defaults
// merged in): one yielding whole pages, and, when `items` names a list, one yielding its items.
import { type AstModel, expectShape, isRequired, paginatedInfo } from "@seqstore/smithy";
import { propertyKey } from "./literal.js";
import type { SpecBuilder } from "./specs.js";

export interface PaginatorSpec {
  /** The operation's name, e.g. `ListSequenceStores`. */
  operation: string;
  inputType: string;
  outputType: string;
  /** Whether the input may be left out (no member is @required). */
  inputOptional: boolean;
  inputToken: string;
  pageSize?: string;
  /** Member names from the output down to the token / the item list (Smithy allows nested paths). */
  outputTokenPath: string[];
  itemsPath?: string[];
}

/** `page.a?.b` for a path of member names (`?.["x-y"]` for names that are not identifiers). */
export function accessor(root: string, path: string[]): string {
  let expression = root;
  path.forEach((name, index) => {
    const dot = index > 0 ? "?." : ".";
    expression +=
      propertyKey(name) === name ? `${dot}${name}` : `${index > 0 ? "?." : ""}[${JSON.stringify(name)}]`;
  });
  return expression;
}

/** `NonNullable<Out["a"]>["b"]` for a path of member names. */
export function pathType(root: string, path: string[]): string {
  return path.reduce(
    (type, name, index) => `${index > 0 ? `NonNullable<${type}>` : type}[${JSON.stringify(name)}]`,
    root,
  );
}

/** The shape a member path leads to, from a structure; throws with the operation's ID when it leads nowhere. */
function resolvePath(model: AstModel, operationId: string, structureId: string, path: string, what: string) {
  let targetId = structureId;
  const names = path.split(".");
  for (const name of names) {
    const member = expectShape(model, targetId).members?.[name];
    if (!member) {
      throw new Error(`${operationId}: @paginated ${what} '${path}' names no member of ${targetId}`);
    }
    targetId = member.target;
  }
  return { names, target: expectShape(model, targetId) };
}

/** The paginator of an operation, or undefined when it is not @paginated. */
export function paginatorSpec(specs: SpecBuilder, operationId: string): PaginatorSpec | undefined {
  const info = paginatedInfo(specs.model, specs.serviceId, operationId);
  if (!info) return undefined;
  const operation = expectShape(specs.model, operationId);
  const [inputType, outputType] = specs.operationTypes(operationId);
  const inputId = operation.input?.target;
  const outputId = operation.output?.target;
  if (!info.inputToken || !info.outputToken || !inputType || !outputType || !inputId || !outputId) {
    throw new Error(`${operationId}: @paginated needs an input and output with inputToken and outputToken`);
  }
  const input = expectShape(specs.model, inputId);
  for (const [what, member] of [
    ["inputToken", info.inputToken],
    ["pageSize", info.pageSize],
  ] as const) {
    if (member !== undefined && !input.members?.[member]) {
      throw new Error(`${operationId}: @paginated ${what} '${member}' names no member of ${inputId}`);
    }
  }
  const spec: PaginatorSpec = {
    operation: specs.name(operationId),
    inputType,
    outputType,
    inputOptional: !Object.values(input.members ?? {}).some(isRequired),
    inputToken: info.inputToken,
    outputTokenPath: resolvePath(specs.model, operationId, outputId, info.outputToken, "outputToken").names,
  };
  if (info.pageSize) spec.pageSize = info.pageSize;
  if (info.items) {
    const items = resolvePath(specs.model, operationId, outputId, info.items, "items");
    // Maps have no order to yield items in; their operations get the pages paginator only.
    if (items.target.type === "list" || items.target.type === "set") spec.itemsPath = items.names;
  }
  return spec;
}

/** Names of the functions (and client methods) made for a paginator. */
export function paginatorNames(operation: string): { items: string; pages: string } {
  return { items: `paginate${operation}`, pages: `paginate${operation}Pages` };
}

/** The item type of a paginator with items, in terms of its output type. */
export function itemType(spec: PaginatorSpec & { itemsPath: string[] }): string {
  return `NonNullable<${pathType(spec.outputType, spec.itemsPath)}>[number]`;
}
