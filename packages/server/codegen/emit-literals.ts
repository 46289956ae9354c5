// Emits the data modules: src/generated/operations.ts and src/generated/openapi-document.ts.
import type { OperationTable } from "../src/core/operation-table.js";
import { lowerFirst } from "./emit-handlers.js";
import { GENERATED_HEADER } from "./header.js";

export function emitOperations(table: OperationTable): string {
  const name = `${lowerFirst(table.service)}OperationTable`;
  const names = table.operations.map((o) => JSON.stringify(o.name)).join(" | ") || "never";
  return `${GENERATED_HEADER}
import type { OperationTable } from "../core/operation-table.js";

/** Routing, member bindings, wire types and errors of every ${table.service} operation. */
export const ${name}: OperationTable = ${JSON.stringify(table, null, 2)};

/** Smithy names of the ${table.service} operations. */
export type ${table.service}OperationName = ${names};
`;
}

export function emitOpenApiDocument(service: string, document: unknown, source: string): string {
  return `${GENERATED_HEADER}
// Embedded from ${source}.
import type { OpenApiDocument } from "../openapi-document.js";

/** The OpenAPI 3.1 description of ${service}, used by the Express adapter to validate requests. */
export const ${lowerFirst(service)}OpenApiDocument: OpenApiDocument = ${JSON.stringify(document, null, 2)};
`;
}
