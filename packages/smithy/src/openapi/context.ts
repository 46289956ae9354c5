// State shared by the parts of one OpenAPI conversion.
import type { AstModel } from "../ast.js";
import type { ValidationEvent } from "../events.js";
import type { OpenApiConfig } from "./config.js";
import type { JsonSchemaConverter } from "./json-schema.js";
import { SCHEMA_POINTER_PREFIX } from "./json-schema.js";
import type { Schema } from "./schema-types.js";

export interface ConversionContext {
  model: AstModel;
  config: OpenApiConfig;
  serviceId: string;
  schemas: JsonSchemaConverter;
  /** Schemas made up during conversion (request/response bodies, payloads), by component name. */
  synthesized: Map<string, Schema>;
  events: ValidationEvent[];
  /** Memoized per-conversion results (the model does not change while converting). */
  memo: Map<string, unknown>;
}

/** Compute once per conversion: `key` must identify everything `compute` depends on. */
export function memoize<T>(context: ConversionContext, key: string, compute: () => T): T {
  if (context.memo.has(key)) return context.memo.get(key) as T;
  const value = compute();
  context.memo.set(key, value);
  return value;
}

/** Register a synthesized component schema and return its $ref pointer. */
export function putSynthesizedSchema(context: ConversionContext, name: string, schema: Schema): string {
  context.synthesized.set(name, schema);
  return SCHEMA_POINTER_PREFIX + name;
}

/** The name of a shape inside the service (honours `rename`). */
export function contextualShapeName(context: ConversionContext, id: string): string {
  const rename = context.model.shapes[context.serviceId]?.rename;
  return rename?.[id] ?? id.slice(id.indexOf("#") + 1);
}

/** Strip non-alphanumerics when `alphanumericOnlyRefs` is set (synthesized component names). */
export function refSafeName(context: ConversionContext, name: string): string {
  return context.config.alphanumericOnlyRefs ? name.replace(/[^A-Za-z0-9]/g, "") : name;
}
