// Validates a routed request against the OpenAPI document with validators compiled once, up front:
// parameters (query, headers, labels) first, then the JSON body, as express-openapi-validator does, so
// the node:http adapter reports the same fields, in the same order, with the same words.
import type { ValidateFunction } from "ajv/dist/2020.js";
import type { OpenApiDocument } from "../openapi-document.js";
import { type OperationSchemas, operationSchemas } from "./openapi-operation-schemas.js";
import type { OperationSpec, OperationTable } from "./operation-table.js";
import type { ProtocolRequest } from "./protocol.js";
import type { ValidationFailure } from "./protocol-errors.js";
import { createSchemaCompiler, reachesDefaults } from "./schema-compiler.js";
import { type SchemaViolation, toValidationFailures, violationFromAjv } from "./schema-violations.js";
import { validatableDocument } from "./validatable-document.js";

export interface RequestValidationInput {
  request: ProtocolRequest;
  operation: OperationSpec;
  labels: Record<string, string>;
  /** The parsed JSON body (undefined when the operation has none). */
  body: unknown;
}

export interface RequestValidator {
  /** The broken fields of the request; empty when it is valid. */
  validate(input: RequestValidationInput): ValidationFailure[];
}

interface CompiledOperation {
  parameters?: ValidateFunction;
  /** Declared parameter names per location: only those are copied (coercion rewrites the copy). */
  queryNames: string[];
  /** Query parameters whose schema is an array: one value arrives as a string, the schema wants a list. */
  queryLists: Set<string>;
  headerNames: string[];
  labelNames: string[];
  body?: ValidateFunction;
  bodyRequired: boolean;
  /** The body schemas fill in defaults; validate a copy so the handler's input stays as sent. */
  cloneBody: boolean;
}

const NO_FAILURES: ValidationFailure[] = [];

/**
 * The values of `names` as the validator may see them: a copy (coercion rewrites what it validates, and
 * must not reach the request), lists copied too, and a single value of a `lists` name as a one-item list.
 */
function pick(
  source: Record<string, string | string[]>,
  names: string[],
  lists?: Set<string>,
): Record<string, string | string[]> {
  const copy: Record<string, string | string[]> = {};
  for (const name of names) {
    const value = source[name];
    if (value === undefined) continue;
    copy[name] = Array.isArray(value) ? [...value] : lists?.has(name) ? [value] : value;
  }
  return copy;
}

function isArraySchema(schema: unknown): boolean {
  return typeof schema === "object" && schema !== null && (schema as { type?: unknown }).type === "array";
}

function compileOperation(
  schemas: OperationSchemas,
  parameterCompiler: ReturnType<typeof createSchemaCompiler>,
  bodyCompiler: ReturnType<typeof createSchemaCompiler>,
  document: OpenApiDocument,
): CompiledOperation {
  const components = document.components ?? {};
  const { query, headers, params } = schemas.parameters;
  const compiled: CompiledOperation = {
    queryNames: Object.keys(query?.properties ?? {}),
    queryLists: new Set(
      Object.entries(query?.properties ?? {}).flatMap(([name, schema]) =>
        isArraySchema(schema) ? [name] : [],
      ),
    ),
    headerNames: Object.keys(headers?.properties ?? {}),
    labelNames: Object.keys(params?.properties ?? {}),
    bodyRequired: schemas.bodyRequired,
    cloneBody: false,
  };
  if (query || headers || params) {
    compiled.parameters = parameterCompiler.compile({
      components,
      type: "object",
      properties: { query: query ?? {}, headers: headers ?? {}, params: params ?? {} },
    });
  }
  const body = schemas.body;
  if (body !== undefined && body !== true) {
    const schema = typeof body === "object" && body !== null ? { ...body, components } : body;
    compiled.body = bodyCompiler.compile(schema as object);
    compiled.cloneBody = reachesDefaults(body, document);
  }
  return compiled;
}

/** Compiles every operation's request schemas from `document` (throws if the document cannot be compiled). */
export function createRequestValidator(original: OpenApiDocument, table: OperationTable): RequestValidator {
  const document = validatableDocument(original, table);
  const parameterCompiler = createSchemaCompiler(document, "parameters");
  const bodyCompiler = createSchemaCompiler(document, "body");
  const compiled = new Map<OperationSpec, CompiledOperation>();
  for (const operation of table.operations) {
    compiled.set(
      operation,
      compileOperation(operationSchemas(document, operation), parameterCompiler, bodyCompiler, document),
    );
  }

  return {
    validate({ request, operation, labels, body }) {
      const plan = compiled.get(operation);
      if (!plan) return NO_FAILURES;
      const violations: SchemaViolation[] = [];
      if (plan.parameters) {
        const data = {
          query: pick(request.query, plan.queryNames, plan.queryLists),
          headers: pick(request.headers, plan.headerNames),
          params: pick(labels, plan.labelNames),
        };
        if (!plan.parameters(data)) {
          for (const e of plan.parameters.errors ?? []) violations.push(violationFromAjv(e));
        }
      }
      if (plan.body) {
        if (body === undefined) {
          if (plan.bodyRequired) {
            violations.push({ path: "/body", message: "must have required property 'body'" });
          }
        } else if (!plan.body(plan.cloneBody ? structuredClone(body) : body)) {
          for (const e of plan.body.errors ?? []) violations.push(violationFromAjv(e, "/body"));
        }
      }
      return violations.length > 0
        ? toValidationFailures(violations, operation, table.structures)
        : NO_FAILURES;
    },
  };
}
