// Operation-level trait queries: pagination, idempotency tokens, error descriptions.
import type { AstModel, NodeObject } from "../ast.js";
import { getShape, getTrait, hasTrait, shapeName } from "./shapes.js";

export interface PaginatedInfo {
  inputToken?: string;
  outputToken?: string;
  /** Path of the list of results in the output (may be a dotted path). */
  items?: string;
  pageSize?: string;
}

function asObject(value: unknown): NodeObject | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as NodeObject)
    : undefined;
}

/**
 * The effective @paginated config of an operation: the service's @paginated values overridden
 * by the operation's. Undefined when the operation is not paginated.
 */
export function paginatedInfo(
  model: AstModel,
  serviceId: string | undefined,
  operationId: string,
): PaginatedInfo | undefined {
  const own = asObject(getTrait(getShape(model, operationId), "smithy.api#paginated"));
  if (!own) return undefined;
  const common = serviceId
    ? asObject(getTrait(getShape(model, serviceId), "smithy.api#paginated"))
    : undefined;
  const merged: PaginatedInfo = {};
  for (const key of ["inputToken", "outputToken", "items", "pageSize"] as const) {
    const value = own[key] ?? common?.[key];
    if (typeof value === "string") merged[key] = value;
  }
  return merged;
}

/** Name of the input member marked @idempotencyToken, or undefined. */
export function idempotencyTokenMember(model: AstModel, operationId: string): string | undefined {
  const inputId = getShape(model, operationId)?.input?.target;
  const members = inputId ? (getShape(model, inputId)?.members ?? {}) : {};
  for (const [name, member] of Object.entries(members)) {
    if (hasTrait(member, "smithy.api#idempotencyToken")) return name;
  }
  return undefined;
}

export interface ErrorInfo {
  id: string;
  /** Shape name, which is also the `x-amzn-ErrorType` value in AWS protocols. */
  name: string;
  fault: "client" | "server";
  /** @httpError, else 400 for client and 500 for server errors. */
  httpStatus: number;
  retryable: boolean;
  throttling: boolean;
}

/** How an error structure (one with @error) behaves on the wire. Undefined if the shape is not an error. */
export function errorInfo(model: AstModel, errorId: string): ErrorInfo | undefined {
  const shape = getShape(model, errorId);
  const fault = getTrait(shape, "smithy.api#error");
  if (fault !== "client" && fault !== "server") return undefined;
  const status = getTrait(shape, "smithy.api#httpError");
  const retryable = asObject(getTrait(shape, "smithy.api#retryable"));
  return {
    id: errorId,
    name: shapeName(errorId),
    fault,
    httpStatus: typeof status === "number" ? status : fault === "client" ? 400 : 500,
    retryable: retryable !== undefined,
    throttling: retryable?.throttling === true,
  };
}
