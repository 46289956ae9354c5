// Auth traits → OpenAPI security schemes and requirements (smithy-openapi's converters).
import type { AstModel, NodeValue } from "../ast.js";
import { getShape } from "../model/shapes.js";
import type { JsonObject } from "./schema-types.js";

interface SchemeConverter {
  trait: string;
  create(value: NodeValue): JsonObject;
}

// In smithy-openapi's order: requirements are listed in this order.
const CONVERTERS: SchemeConverter[] = [
  {
    trait: "smithy.api#httpBasicAuth",
    create: () => ({ type: "http", description: "HTTP Basic authentication", scheme: "Basic" }),
  },
  {
    trait: "smithy.api#httpBearerAuth",
    create: () => ({ type: "http", description: "HTTP Bearer authentication", scheme: "Bearer" }),
  },
  {
    trait: "smithy.api#httpDigestAuth",
    create: () => ({ type: "http", description: "HTTP Digest authentication", scheme: "Digest" }),
  },
  {
    trait: "aws.auth#sigv4",
    create: () => ({
      type: "apiKey",
      description: "AWS Signature Version 4 authentication",
      name: "Authorization",
      in: "header",
      "x-amazon-apigateway-authtype": "awsSigv4",
    }),
  },
  {
    trait: "smithy.api#httpApiKeyAuth",
    create: (value): JsonObject => {
      const v = value && typeof value === "object" && !Array.isArray(value) ? value : {};
      const name = String(v.name ?? "");
      const location = String(v.in ?? "header");
      const description = `API key authentication via the '${name}' ${location === "query" ? " query string parameter" : location}`;
      if (typeof v.scheme === "string") {
        return { type: "http", description, name, in: location, scheme: v.scheme };
      }
      return { type: "apiKey", description, name, in: location };
    },
  },
];

const KNOWN_AUTH_TRAITS = new Set([...CONVERTERS.map((c) => c.trait), "smithy.api#optionalAuth"]);

export function securitySchemeName(traitId: string): string {
  return traitId.replace("#", ".");
}

/** Auth traits applied to the service (traits whose definition has @authDefinition), sorted. */
export function serviceAuthTraits(model: AstModel, serviceId: string): string[] {
  const traits = getShape(model, serviceId)?.traits ?? {};
  return Object.keys(traits)
    .filter((t) => {
      const def = getShape(model, t);
      return def ? def.traits?.["smithy.api#authDefinition"] !== undefined : KNOWN_AUTH_TRAITS.has(t);
    })
    .sort();
}

/** Auth schemes in effect for the service, or for one of its operations (honouring @auth). */
export function effectiveAuth(model: AstModel, serviceId: string, subjectId: string): string[] {
  const serviceTraits = getShape(model, serviceId)?.traits ?? {};
  const auth = getShape(model, subjectId)?.traits?.["smithy.api#auth"];
  if (Array.isArray(auth))
    return auth.filter((a): a is string => typeof a === "string" && serviceTraits[a] !== undefined);
  if (subjectId !== serviceId) return effectiveAuth(model, serviceId, serviceId);
  return serviceAuthTraits(model, serviceId);
}

export interface SecurityResult {
  schemes: [string, JsonObject][];
  /** Top-level `security`. */
  requirements: JsonObject[];
  /** Auth traits with no converter (reported as warnings). */
  unsupported: string[];
}

export function serviceSecurity(model: AstModel, serviceId: string): SecurityResult {
  const traits = getShape(model, serviceId)?.traits ?? {};
  const applied = new Set(serviceAuthTraits(model, serviceId));
  const converters = CONVERTERS.filter((c) => applied.has(c.trait));
  const effective = new Set(effectiveAuth(model, serviceId, serviceId));
  return {
    schemes: converters.map((c) => [securitySchemeName(c.trait), c.create(traits[c.trait] ?? {})]),
    requirements: converters
      .filter((c) => effective.has(c.trait))
      .map((c) => ({ [securitySchemeName(c.trait)]: [] })),
    unsupported: [...applied].filter((t) => !CONVERTERS.some((c) => c.trait === t)),
  };
}

/** An operation's `security`, or undefined when it inherits the service's. */
export function operationSecurity(
  model: AstModel,
  serviceId: string,
  operationId: string,
): JsonObject[] | undefined {
  const auth = getShape(model, operationId)?.traits?.["smithy.api#auth"];
  if (Array.isArray(auth) && auth.length === 0) return [];
  const own = effectiveAuth(model, serviceId, operationId);
  const service = effectiveAuth(model, serviceId, serviceId);
  const same = own.length === service.length && own.every((a) => service.includes(a));
  if (same) return undefined;
  const wanted = new Set(own);
  const applied = new Set(serviceAuthTraits(model, serviceId));
  return CONVERTERS.filter((c) => applied.has(c.trait) && wanted.has(c.trait)).map((c) => ({
    [securitySchemeName(c.trait)]: [],
  }));
}
