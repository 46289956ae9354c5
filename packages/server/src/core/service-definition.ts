// A service as data: what a generated server stub hands the adapters. The runtime is generic over it and
// never imports generated code; the Omics stub is one instance (src/generated/service.ts).
import type { OpenApiDocument } from "../openapi-document.js";
import type { HandlerContext } from "./handle.js";
import type { OperationTable } from "./operation-table.js";
import type { ServiceError } from "./service-error.js";

export interface ServiceDefinition<Handlers extends object = object> {
  /** Routes, member bindings, wire types and modeled errors of every operation. */
  operations: OperationTable;
  /** The service's OpenAPI document: the adapters validate requests against it. */
  document: OpenApiDocument;
  /** The generated class of every modeled error, by shape name (the `x-amzn-ErrorType` value). */
  errorClasses: Readonly<Record<string, abstract new (...args: never[]) => ServiceError>>;
  /** Never set: carries the type of the service's handlers object. */
  readonly handlers?: Handlers;
}

/**
 * The handlers a service's adapter takes, each receiving `Ctx` as its context: the generated interface's
 * methods with their context type swapped (so an adapter's `context`/`authenticate` additions type-check).
 */
export type HandlersOf<Service, Ctx = HandlerContext> =
  Service extends ServiceDefinition<infer H>
    ? {
        [K in keyof H]: H[K] extends (input: infer I, context: never) => infer O
          ? (input: I, context: Ctx) => O
          : H[K];
      }
    : never;
