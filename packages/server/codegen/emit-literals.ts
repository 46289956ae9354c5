// Emits the data modules: src/generated/operations.ts and src/generated/openapi-document.ts.
import type { OperationTable } from "../src/core/operation-table.js";
import { lowerFirst } from "./emit-handlers.js";
import { GENERATED_HEADER } from "./header.js";
import { DEFAULT_IMPORTS, type ImportSpecifiers, runtimeModule } from "./imports.js";

export function emitOperations(
  table: OperationTable,
  specifiers: ImportSpecifiers = DEFAULT_IMPORTS,
): string {
  const name = `${lowerFirst(table.service)}OperationTable`;
  const names = table.operations.map((o) => JSON.stringify(o.name)).join(" | ") || "never";
  return `${GENERATED_HEADER}
import type { OperationTable } from "${runtimeModule(specifiers, "../core/operation-table.js")}";

/** Routing, member bindings, wire types and errors of every ${table.service} operation. */
export const ${name}: OperationTable = ${JSON.stringify(table, null, 2)};

/** Smithy names of the ${table.service} operations. */
export type ${table.service}OperationName = ${names};
`;
}

export function emitOpenApiDocument(
  service: string,
  document: unknown,
  source: string,
  specifiers: ImportSpecifiers = DEFAULT_IMPORTS,
): string {
  return `${GENERATED_HEADER}
// Embedded from ${source}.
import type { OpenApiDocument } from "${runtimeModule(specifiers, "../openapi-document.js")}";

/** The OpenAPI 3.1 description of ${service}, used by the Express adapter to validate requests. */
export const ${lowerFirst(service)}OpenApiDocument: OpenApiDocument = ${JSON.stringify(document, null, 2)};
`;
}

/** src/generated/service.ts: the service as data, the one value the adapters take. */
export function emitService(table: OperationTable, specifiers: ImportSpecifiers = DEFAULT_IMPORTS): string {
  const base = lowerFirst(table.service);
  return `${GENERATED_HEADER}
import type { ServiceDefinition } from "${runtimeModule(specifiers, "../core/service-definition.js")}";
import { ${base}ErrorClasses } from "./errors.js";
import type { ${table.service}Handlers } from "./handlers.js";
import { ${base}OpenApiDocument } from "./openapi-document.js";
import { ${base}OperationTable } from "./operations.js";

/**
 * ${table.service} as data: its operation table, OpenAPI document and error classes. Hand it to an adapter
 * with the handlers: \`createNodeHandler(${base}Service, handlers)\` or \`createRouter(${base}Service, handlers)\`.
 */
export const ${base}Service: ServiceDefinition<${table.service}Handlers> = {
  operations: ${base}OperationTable,
  document: ${base}OpenApiDocument,
  errorClasses: ${base}ErrorClasses,
};
`;
}
