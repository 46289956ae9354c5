// Checks what a handler returned against the document's response schema (the `validateResponses`
// option): a mismatch is a server bug, answered as a 500 and reported, never sent.
import type { ValidateFunction } from "ajv/dist/2020.js";
import type { OpenApiDocument } from "../openapi-document.js";
import { operationSchemas } from "./openapi-operation-schemas.js";
import type { OperationSpec, OperationTable } from "./operation-table.js";
import type { ProtocolResponse } from "./protocol.js";
import { createSchemaCompiler } from "./schema-compiler.js";
import { violationFromAjv } from "./schema-violations.js";

export interface ResponseValidator {
  /** Throws an Error describing the mismatch when a JSON success response breaks the document. */
  check(operation: OperationSpec, response: ProtocolResponse): void;
}

export function createResponseValidator(document: OpenApiDocument, table: OperationTable): ResponseValidator {
  const compiler = createSchemaCompiler(document, "response");
  const components = document.components ?? {};
  const compiled = new Map<OperationSpec, Map<number, ValidateFunction>>();
  for (const operation of table.operations) {
    const byStatus = new Map<number, ValidateFunction>();
    for (const [status, schema] of operationSchemas(document, operation).responses) {
      if (typeof schema !== "object" || schema === null) continue;
      byStatus.set(status, compiler.compile({ ...schema, components }));
    }
    compiled.set(operation, byStatus);
  }

  return {
    check(operation, response) {
      if (response.headers["content-type"] !== "application/json") return;
      const validate = compiled.get(operation)?.get(response.status);
      if (!validate) {
        throw new Error(
          `The document describes no application/json ${response.status} response of ${operation.name}.`,
        );
      }
      if (validate(JSON.parse(response.body.toString("utf8")))) return;
      const details = (validate.errors ?? [])
        .map((e) => violationFromAjv(e, "/response"))
        .map((v) => `${v.path} ${v.message}`)
        .join("; ");
      throw new Error(`The ${operation.name} response does not match the document: ${details}`);
    },
  };
}
