// Smithy model → OpenAPI 3.0.2 / 3.1.0 document, modelled on smithy-openapi.
import type { AstModel, NodeValue } from "../ast.js";
import type { ValidationEvent } from "../events.js";
import { getShape, shapeName } from "../model/shapes.js";
import { serviceOperations } from "../model/service.js";
import { structureHttpBindings } from "../model/http.js";
import { OpenApiError, resolveOpenApiConfig } from "./config.js";
import type { OpenApiConfig } from "./config.js";
import type { ConversionContext } from "./context.js";
import { specificationExtensions } from "./extensions.js";
import { JsonSchemaConverter } from "./json-schema.js";
import { orderDocumentKeys } from "./key-order.js";
import {
  addAtPointer,
  applySubstitutions,
  removeEmptyComponents,
  removeUnusedComponents,
} from "./post-process.js";
import { convertRestJsonOperation } from "./rest-json.js";
import type { ConvertedOperation } from "./rest-json.js";
import { convertRpcV2JsonOperation } from "./rpc-v2-json.js";
import type { Json, JsonObject } from "./schema-types.js";
import { isJsonObject } from "./schema-types.js";
import { operationSecurity, serviceSecurity } from "./security.js";
import { copyServiceErrorsToOperations, deconflictErrorsWithSharedStatusCode } from "./transforms.js";

export interface OpenApiConversionResult {
  /** The OpenAPI document, or undefined when conversion failed (see the ERROR events). */
  document: JsonObject | undefined;
  events: ValidationEvent[];
}

const KNOWN_PROTOCOLS = new Set([
  "aws.protocols#restJson1",
  "aws.protocols#restXml",
  "aws.protocols#awsJson1_0",
  "aws.protocols#awsJson1_1",
  "aws.protocols#awsQuery",
  "aws.protocols#ec2Query",
  "smithy.protocols#rpcv2Cbor",
  "smithy.protocols#rpcv2Json",
]);

const SUPPORTED_PROTOCOLS: Record<
  string,
  (c: ConversionContext, op: string) => ConvertedOperation | undefined
> = {
  "aws.protocols#restJson1": convertRestJsonOperation,
  "smithy.protocols#rpcv2Json": convertRpcV2JsonOperation,
};

const METHOD_ORDER = ["delete", "get", "head", "options", "patch", "post", "put", "trace"];

const UNSUPPORTED_TRAITS = ["smithy.api#endpoint", "smithy.api#hostLabel", "smithy.api#httpChecksum"];

/** Protocol traits on the service: traits whose definition has @protocolDefinition. */
function serviceProtocols(model: AstModel, serviceId: string): string[] {
  const traits = getShape(model, serviceId)?.traits ?? {};
  return Object.keys(traits)
    .filter((t) => {
      const def = getShape(model, t);
      return def ? def.traits?.["smithy.api#protocolDefinition"] !== undefined : KNOWN_PROTOCOLS.has(t);
    })
    .sort();
}

function resolveProtocol(model: AstModel, config: OpenApiConfig): string {
  const protocols = serviceProtocols(model, config.service);
  if (config.protocol !== undefined) {
    if (getShape(model, config.service)?.traits?.[config.protocol] === undefined) {
      throw new OpenApiError(
        `Unable to find protocol \`${config.protocol}\` on service \`${config.service}\`. This service supports the following protocols: [${protocols.join(", ")}]`,
      );
    }
    return config.protocol;
  }
  if (protocols.length === 0) {
    throw new OpenApiError(
      `No Smithy protocol was configured and \`${config.service}\` does not define any protocols.`,
    );
  }
  if (protocols.length > 1) {
    throw new OpenApiError(
      `No Smithy protocol was configured and \`${config.service}\` defines multiple protocols: [${protocols.join(", ")}]`,
    );
  }
  return protocols[0] as string;
}

function warning(message: string, shapeId?: string): ValidationEvent {
  return { id: "OpenApi", severity: "WARNING", message, ...(shapeId ? { shapeId } : {}) };
}

/** Fail (or warn when configured) on traits OpenAPI cannot express. */
function checkUnsupportedTraits(context: ConversionContext): void {
  const found: string[] = [];
  for (const [id, shape] of Object.entries(context.model.shapes)) {
    const traits = UNSUPPORTED_TRAITS.filter((t) => shape.traits?.[t] !== undefined);
    if (traits.length > 0) found.push(` (\`${id}\`: [\`${traits.join("`, `")}\`])`);
  }
  if (found.length === 0) return;
  // Long lists are cut so the diagnostic stays readable on one line.
  const shown =
    found.length > 10 ? [...found.slice(0, 10), ` (and ${found.length - 10} more shapes)`] : found;
  const prefix = `Encountered unsupported Smithy traits when converting to OpenAPI:${shown.join("")}. `;
  if (!context.config.ignoreUnsupportedTraits) {
    throw new OpenApiError(
      `${prefix}These traits have no OpenAPI equivalent and cannot be included in the generated document ` +
        "(set `ignoreUnsupportedTraits` to convert anyway).",
    );
  }
  // Asked for: a NOTE (the CLI does not print those), so a build does not repeat it on every run.
  context.events.push({
    id: "OpenApi",
    severity: "NOTE",
    message: `${prefix}They are left out of the OpenAPI document, as \`ignoreUnsupportedTraits\` asks.`,
  });
}

function checkPrefixHeaders(context: ConversionContext, operations: string[]): void {
  const structures = new Set<[string | undefined, "request" | "response"]>();
  for (const opId of operations) {
    const op = getShape(context.model, opId);
    structures.add([op?.input?.target, "request"]);
    structures.add([op?.output?.target, "response"]);
    for (const e of op?.errors ?? []) structures.add([e.target, "response"]);
  }
  for (const [id, direction] of structures) {
    const binding = structureHttpBindings(context.model, id, direction).prefixHeaders;
    if (!binding) continue;
    const message = `The \`httpPrefixHeaders\` trait is not supported by OpenAPI and was found on \`${binding.memberId}\``;
    if (context.config.onHttpPrefixHeaders === "FAIL") {
      // The document can leave the member out: code generated from the Smithy model binds it anyway.
      throw new OpenApiError(
        `${message} (set \`onHttpPrefixHeaders\` to "WARN" to convert without it; the seqstore client and server bind prefix headers from the Smithy model)`,
      );
    }
    context.events.push(warning(message, binding.memberId));
  }
}

function checkGreedyLabels(context: ConversionContext, paths: string[]): void {
  for (const path of paths) {
    if (!path.includes("+}")) continue;
    const message =
      `Greedy URI path label found in path \`${path}\`. Not all OpenAPI tools support this style of URI labels. ` +
      "Greedy URI labels are expected to capture all remaining components of a URI, so if a tool does not support them, the API will not function properly.";
    if (context.config.forbidGreedyLabels) throw new OpenApiError(message);
    context.events.push(warning(message));
  }
}

function supportedTags(config: OpenApiConfig, traits: Record<string, NodeValue> | undefined): string[] {
  if (!config.tags) return [];
  const tags = traits?.["smithy.api#tags"];
  if (!Array.isArray(tags)) return [];
  return tags.filter(
    (t): t is string => typeof t === "string" && (config.supportedTags?.includes(t) ?? true),
  );
}

function byKey<T>(entries: [string, T][]): [string, T][] {
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function buildDocument(inputModel: AstModel, config: OpenApiConfig, events: ValidationEvent[]): JsonObject {
  const service = getShape(inputModel, config.service);
  if (!service) throw new OpenApiError(`Shape \`${config.service}\` not found in model`);
  if (service.type !== "service")
    throw new OpenApiError(`Shape \`${config.service}\` is not a service shape`);

  let model = copyServiceErrorsToOperations(inputModel, config.service);
  const protocol = resolveProtocol(model, config);
  const convertOperation = SUPPORTED_PROTOCOLS[protocol];
  if (!convertOperation) {
    throw new OpenApiError(
      `Unable to find an OpenAPI service provider for the \`${protocol}\` protocol when converting \`${config.service}\`. ` +
        `Protocol service providers were found for: [${Object.keys(SUPPORTED_PROTOCOLS).join(", ")}].`,
    );
  }
  // Protocol defaults (AwsRestJson1Protocol / RpcV2JsonProtocolConverter.updateDefaultSettings).
  const effective: OpenApiConfig = { ...config };
  if (protocol === "aws.protocols#restJson1") {
    effective.useJsonName = true;
    effective.defaultTimestampFormat = "epoch-seconds";
  } else {
    effective.useStringsForArbitraryPrecision = true;
  }
  if (effective.onErrorStatusConflict === "oneOf")
    model = deconflictErrorsWithSharedStatusCode(model, config.service);

  const context: ConversionContext = {
    model,
    config: effective,
    serviceId: config.service,
    schemas: new JsonSchemaConverter(model, effective, config.service),
    synthesized: new Map(),
    events,
    memo: new Map(),
  };
  checkUnsupportedTraits(context);
  const operations = serviceOperations(model, config.service);
  checkPrefixHeaders(context, operations);

  const info: JsonObject = {
    title:
      typeof service.traits?.["smithy.api#title"] === "string"
        ? service.traits["smithy.api#title"]
        : shapeName(config.service),
    version: service.version ?? "",
  };
  const serviceDoc = service.traits?.["smithy.api#documentation"];
  if (typeof serviceDoc === "string") info.description = serviceDoc;

  const paths = new Map<string, Map<string, JsonObject>>();
  for (const opId of operations) {
    const converted = convertOperation(context, opId);
    const opShape = getShape(model, opId);
    if (!converted || !opShape) {
      events.push(
        warning(
          `The \`${opId}\` operation is not supported by the \`${protocol}\` protocol and was omitted`,
          opId,
        ),
      );
      continue;
    }
    const op = converted.operation;
    if (opShape.traits?.["smithy.api#deprecated"] !== undefined) op.deprecated = true;
    const security = operationSecurity(model, config.service, opId);
    if (security) op.security = security;
    const doc = opShape.traits?.["smithy.api#documentation"];
    if (typeof doc === "string") op.description = doc;
    const externalDocs = context.schemas.externalDocs(opShape.traits ?? {});
    if (externalDocs) op.externalDocs = externalDocs;
    for (const [name, value] of specificationExtensions(model, opShape.traits ?? {}))
      op[name] = value as Json;
    const tags = supportedTags(effective, opShape.traits);
    if (tags.length > 0) op.tags = tags;
    const item = paths.get(converted.uri) ?? new Map<string, JsonObject>();
    paths.set(converted.uri, item);
    const method = converted.method.toLowerCase();
    if (METHOD_ORDER.includes(method)) item.set(method, op);
    else
      events.push(
        warning(`The ${converted.method} HTTP method of \`${opId}\` is not supported by OpenAPI`, opId),
      );
  }

  const schemas: [string, Json][] = [...context.schemas.definitions()];
  for (const [name, schema] of context.synthesized) schemas.push([name, schema]);
  const security = serviceSecurity(model, config.service);
  for (const t of security.unsupported) {
    events.push(warning(`Unable to find an OpenAPI authentication converter for \`${t}\``, config.service));
  }
  const components: JsonObject = {};
  if (schemas.length > 0) components.schemas = Object.fromEntries(byKey(schemas));
  if (security.schemes.length > 0) components.securitySchemes = Object.fromEntries(byKey(security.schemes));

  const document: JsonObject = { openapi: effective.version, info };
  const externalDocs = context.schemas.externalDocs(service.traits ?? {});
  // smithy-openapi writes the service's external docs under this (non-standard) key.
  if (externalDocs) document.externalDocumentation = externalDocs;
  document.paths = Object.fromEntries(
    byKey([...paths]).map(([uri, methods]) => [
      uri,
      Object.fromEntries(
        METHOD_ORDER.filter((m) => methods.has(m)).map((m) => [m, methods.get(m) as JsonObject]),
      ),
    ]),
  );
  document.components = components;
  if (security.requirements.length > 0) document.security = security.requirements;
  const tags = supportedTags(effective, service.traits);
  if (tags.length > 0) document.tags = tags.map((name) => ({ name }));
  for (const [key, value] of Object.entries(effective.schemaDocumentExtensions))
    document[key] = value as Json;

  checkGreedyLabels(context, Object.keys(document.paths as JsonObject));
  if (!effective.keepUnusedComponents) removeUnusedComponents(document);
  for (const [name, value] of specificationExtensions(model, service.traits ?? {}))
    document[name] = value as Json;

  // Node-level passes, in smithy-openapi's mapper order.
  removeEmptyComponents(document);
  let result = document;
  if (Object.keys(effective.substitutions).length > 0) {
    events.push(warning("Using `substitutions` is discouraged; prefer `jsonAdd`."));
    const substituted = applySubstitutions(result, effective.substitutions);
    if (!isJsonObject(substituted)) throw new OpenApiError("substitutions replaced the whole document");
    result = substituted;
  }
  for (const [pointer, value] of Object.entries(effective.jsonAdd)) {
    if (pointer.startsWith("/components/schemas")) {
      events.push(
        warning(
          "Adding schemas to the generated OpenAPI model directly means that clients, servers, and other artifacts generated from your Smithy model don't know about all of the shapes used in the service.",
        ),
      );
    }
    addAtPointer(result, pointer, value as Json);
  }
  return result;
}

/**
 * Convert a service of an assembled model to OpenAPI. `config` takes the smithy-build `openapi`
 * plugin settings (`service` is required). Failures are returned as an ERROR event (id "OpenApi")
 * with `document: undefined`; nothing is thrown for bad input.
 */
export function convertToOpenApi(
  model: AstModel,
  config: Record<string, NodeValue> | OpenApiConfig,
): OpenApiConversionResult {
  const events: ValidationEvent[] = [];
  try {
    const resolved = resolveOpenApiConfig(config as Record<string, NodeValue>);
    const document = orderDocumentKeys(buildDocument(model, resolved, events));
    return { document, events };
  } catch (error) {
    // A model the loader did not fully validate can still trip the converter: report, never throw.
    const message =
      error instanceof OpenApiError
        ? error.message
        : `Unable to convert to OpenAPI: ${error instanceof Error ? error.message : String(error)}`;
    events.push({ id: "OpenApi", severity: "ERROR", message });
    return { document: undefined, events };
  }
}
