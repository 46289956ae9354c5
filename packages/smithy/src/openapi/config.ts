// OpenAPI conversion settings: the smithy-build `openapi` plugin settings (OpenApiConfig and
// JsonSchemaConfig property names), with smithy-openapi's defaults.
import type { NodeValue } from "../ast.js";

export type OpenApiVersion = "3.0.2" | "3.1.0";

export interface OpenApiConfig {
  /** Absolute shape ID of the service to convert (required). */
  service: string;
  /** Protocol trait ID; defaults to the service's only protocol trait. */
  protocol?: string;
  version: OpenApiVersion;
  tags: boolean;
  supportedTags?: string[];
  useIntegerType: boolean;
  disableIntegerFormat: boolean;
  jsonContentType: string;
  defaultBlobFormat: string;
  removeGreedyParameterSuffix: boolean;
  alphanumericOnlyRefs: boolean;
  onErrorStatusConflict?: "oneOf";
  addReferenceDescriptions: boolean;
  forbidGreedyLabels: boolean;
  onHttpPrefixHeaders: "FAIL" | "WARN";
  ignoreUnsupportedTraits: boolean;
  keepUnusedComponents: boolean;
  substitutions: Record<string, NodeValue>;
  jsonAdd: Record<string, NodeValue>;
  schemaDocumentExtensions: Record<string, NodeValue>;
  externalDocs: string[];
  disableFeatures: string[];
  disableDefaultValues: boolean;
  disableIntEnums: boolean;
  disableDefaultDeprecatedMessage: boolean;
  useInlineMaps: boolean;
  useStringsForArbitraryPrecision: boolean;
  /** Filled in by the protocol (restJson1: true). */
  useJsonName: boolean;
  /** Filled in by the protocol (restJson1: epoch-seconds). */
  defaultTimestampFormat: string;
}

export const DEFAULT_OPENAPI_CONFIG: Omit<OpenApiConfig, "service"> = {
  version: "3.0.2",
  tags: false,
  useIntegerType: false,
  disableIntegerFormat: false,
  jsonContentType: "application/json",
  defaultBlobFormat: "byte",
  removeGreedyParameterSuffix: false,
  alphanumericOnlyRefs: false,
  addReferenceDescriptions: false,
  forbidGreedyLabels: false,
  onHttpPrefixHeaders: "FAIL",
  ignoreUnsupportedTraits: false,
  keepUnusedComponents: false,
  substitutions: {},
  jsonAdd: {},
  schemaDocumentExtensions: {},
  externalDocs: ["Homepage", "API Reference", "User Guide", "Developer Guide", "Reference", "Guide"],
  disableFeatures: [],
  disableDefaultValues: false,
  disableIntEnums: false,
  disableDefaultDeprecatedMessage: false,
  useInlineMaps: false,
  useStringsForArbitraryPrecision: false,
  useJsonName: false,
  defaultTimestampFormat: "date-time",
};

/** Thrown for bad settings and for models smithy-openapi refuses to convert. */
export class OpenApiError extends Error {
  override name = "OpenApiError";
}

type Check = (value: NodeValue) => boolean;
const isBool: Check = (v) => typeof v === "boolean";
const isString: Check = (v) => typeof v === "string";
const isStringList: Check = (v) => Array.isArray(v) && v.every((x) => typeof x === "string");
const isObject: Check = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

const KNOWN_KEYS: Record<string, Check> = {
  service: isString,
  protocol: isString,
  version: (v) => v === "3.0.2" || v === "3.1.0",
  tags: isBool,
  supportedTags: isStringList,
  useIntegerType: isBool,
  disableIntegerFormat: isBool,
  jsonContentType: isString,
  defaultBlobFormat: isString,
  removeGreedyParameterSuffix: isBool,
  alphanumericOnlyRefs: isBool,
  onErrorStatusConflict: (v) => v === "oneOf",
  addReferenceDescriptions: isBool,
  forbidGreedyLabels: isBool,
  onHttpPrefixHeaders: (v) => v === "FAIL" || v === "WARN",
  ignoreUnsupportedTraits: isBool,
  keepUnusedComponents: isBool,
  substitutions: isObject,
  jsonAdd: isObject,
  schemaDocumentExtensions: isObject,
  externalDocs: isStringList,
  disableFeatures: isStringList,
  disableDefaultValues: isBool,
  disableIntEnums: isBool,
  disableDefaultDeprecatedMessage: isBool,
  useInlineMaps: isBool,
  useStringsForArbitraryPrecision: isBool,
};

/** Settings that smithy-openapi accepts but that only matter to other tools; accepted and ignored. */
const IGNORED_KEYS = new Set(["syncCorsPreflightIntegration", "disableCloudFormationSubstitution"]);

/** smithy-openapi settings we implement only with their default value. */
const DEFAULT_ONLY: Record<string, NodeValue> = {
  unionStrategy: "oneOf",
  enumStrategy: "enum",
  mapStrategy: "propertyNames",
  supportNonNumericFloats: false,
  enableOutOfServiceReferences: false,
  definitionPointer: "#/components/schemas",
};

/**
 * Validate raw plugin settings (e.g. from smithy-build.json) and fill in defaults.
 * Throws OpenApiError with a one-line message for unknown keys or wrong value types.
 */
export function resolveOpenApiConfig(raw: Record<string, NodeValue>): OpenApiConfig {
  const config: Record<string, unknown> = { ...DEFAULT_OPENAPI_CONFIG };
  for (const [key, value] of Object.entries(raw)) {
    if (IGNORED_KEYS.has(key)) continue;
    if (Object.hasOwn(DEFAULT_ONLY, key)) {
      if (value === DEFAULT_ONLY[key]) continue;
      throw new OpenApiError(
        `openapi setting \`${key}\` is only supported with its default value ${JSON.stringify(DEFAULT_ONLY[key])}`,
      );
    }
    const check = KNOWN_KEYS[key];
    if (!check) throw new OpenApiError(`Unknown openapi setting \`${key}\``);
    if (!check(value))
      throw new OpenApiError(`Invalid value for openapi setting \`${key}\`: ${JSON.stringify(value)}`);
    config[key] = value;
  }
  if (typeof config.service !== "string") {
    throw new OpenApiError("openapi is missing required property, `service`");
  }
  if (config.addReferenceDescriptions === true && config.version === "3.0.2") {
    throw new OpenApiError(
      "openapi property `addReferenceDescriptions` requires openapi version 3.1.0 or later. " +
        'Suggestion: Add `"version": "3.1.0"` to your openapi config.',
    );
  }
  return config as unknown as OpenApiConfig;
}
