// The ajv instances the core compiles the OpenAPI document's schemas with. Their options are the ones
// express-openapi-validator uses for an OpenAPI 3.1 document (JSON Schema 2020-12, every error, formats
// in "fast" mode, strict numbers), so both adapters judge a request by the same rules.
import { Ajv2020, type Options } from "ajv/dist/2020.js";
import * as ajvFormats from "ajv-formats";
import type { OpenApiDocument } from "../openapi-document.js";

export type SchemaPurpose = "parameters" | "body" | "response";

function baseOptions(purpose: SchemaPurpose): Options {
  return {
    strict: false,
    strictNumbers: true,
    strictTuples: true,
    allowUnionTypes: false,
    validateSchema: false,
    // Query, header and path values are text on the wire; they are judged as their schema's type.
    coerceTypes: purpose === "parameters",
    useDefaults: purpose !== "response",
    removeAdditional: false,
    // One ValidationException lists every broken field; a broken response needs only one reason.
    allErrors: purpose !== "response",
    // AWS patterns use \p{…} classes: they need the "u" flag (ajv's default, stated for the reader).
    unicodeRegExp: true,
  };
}

// ajv-formats is CommonJS with an `exports.default`: under NodeNext that is where the plugin is.
const addFormats = ajvFormats.default.default;

export function createSchemaCompiler(document: OpenApiDocument, purpose: SchemaPurpose): Ajv2020 {
  if (!/^3\.1\./.test(document.openapi)) {
    throw new Error(
      `@seqstore/server validates against OpenAPI 3.1 documents; this one is ${document.openapi}.`,
    );
  }
  const ajv = new Ajv2020(baseOptions(purpose));
  addFormats(ajv, { mode: "fast" });
  // OpenAPI 3.1's own vocabulary: "media-range" is only documented, never checked.
  ajv.addFormat("media-range", true);
  return ajv;
}

/**
 * Whether validating against `schema` can meet a default: in the schema itself or in a component it
 * reaches through local `$ref`s. Defaults elsewhere in the document (say, of a response payload) do not
 * make a request body need a copy.
 */
export function reachesDefaults(schema: unknown, document: { components?: unknown }): boolean {
  const visited = new Set<string>();
  const visit = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.some(visit);
    if (value === null || typeof value !== "object") return false;
    for (const [key, inner] of Object.entries(value)) {
      if (key === "default") return true;
      if (key === "$ref" && typeof inner === "string") {
        if (visited.has(inner)) continue;
        visited.add(inner);
        const target = resolvePointer(document, inner);
        // A reference we cannot follow might lead to a default: stay on the safe side.
        if (target === undefined || visit(target)) return true;
      } else if (visit(inner)) {
        return true;
      }
    }
    return false;
  };
  return visit(schema);
}

/** The value a local JSON pointer reference ("#/components/schemas/X") names in `document`. */
function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let current: unknown = document;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const token = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}
