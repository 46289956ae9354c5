// One format for schema violations, whichever validator found them: express-openapi-validator in the
// Express adapter, or the core's own compiled validator in the node:http adapter. Both describe a broken
// field by where it sits in the HTTP request ("/body/sseConfig/keyArn", "/query/maxResults",
// "/params/id", "/headers/x-amz-foo"); this module turns that into a JSON pointer into the operation
// input ("/sseConfig/keyArn"), so both adapters send the same fieldList.
import { pointerToken } from "@seqstore/protocol";
import type {
  BindingLocation,
  OperationSpec,
  OperationTable,
  StructureMember,
  WireType,
} from "./operation-table.js";
import type { ValidationFailure } from "./protocol-errors.js";

/** A broken constraint, located in the request as express-openapi-validator reports it. */
export interface SchemaViolation {
  /** "/body/…", "/query/<name>/…", "/params/<label>/…" or "/headers/<name>/…". */
  path: string;
  message: string;
}

/** The parts of an ajv error this module reads (kept structural: no dependency on ajv's types). */
export interface SchemaErrorObject {
  keyword: string;
  instancePath: string;
  message?: string | undefined;
  params: Record<string, unknown>;
}

/**
 * A violation from one ajv error, worded and located as express-openapi-validator words and locates
 * it: a missing (or unexpected) property points at the property itself, and an enum failure lists the
 * allowed values. `prefix` locates ajv's instancePath in the request (e.g. "/body").
 */
export function violationFromAjv(error: SchemaErrorObject, prefix = ""): SchemaViolation {
  const property =
    error.params.missingProperty ?? error.params.additionalProperty ?? error.params.unevaluatedProperty;
  const path = `${prefix}${error.instancePath}${typeof property === "string" ? `/${property}` : ""}`;
  let message = error.message ?? "is invalid";
  const allowed = error.params.allowedValues;
  if (error.keyword === "enum" && Array.isArray(allowed)) message = `${message}: ${allowed.join(", ")}`;
  return { path, message };
}

const LOCATIONS: Record<string, BindingLocation | undefined> = {
  query: "query",
  params: "label",
  path: "label",
  headers: "header",
};

function decodeToken(token: string): string {
  return token.replaceAll("~1", "/").replaceAll("~0", "~");
}

/** Map JSON tokens under a value of `type` to member names (structures), keeping list indexes and map keys. */
function memberTokens(tokens: string[], type: WireType, structures: OperationTable["structures"]): string[] {
  const out: string[] = [];
  let current: WireType | undefined = type;
  for (const token of tokens) {
    if (current?.kind === "structure" || current?.kind === "union") {
      const jsonName = decodeToken(token);
      const member: StructureMember | undefined = structures[current.shape]?.members.find(
        (m) => m.jsonName === jsonName,
      );
      out.push(member ? pointerToken(member.member) : token);
      current = member?.type;
    } else {
      out.push(token);
      current =
        current?.kind === "list" ? current.member : current?.kind === "map" ? current.value : undefined;
    }
  }
  return out;
}

/** "/body/sseConfig/keyArn" → "/sseConfig/keyArn"; "/query/maxResults" → "/<member bound to it>". */
export function memberPath(path: string, operation: OperationSpec, structures: OperationTable["structures"]) {
  const [, location = "", name, ...rest] = path.split("/");
  if (location === "body") {
    if (name === undefined || name === "") return "/";
    const payload = operation.input.find((b) => b.location === "payload");
    if (payload) {
      return `/${[pointerToken(payload.member), ...memberTokens([name, ...rest], payload.type, structures)].join("/")}`;
    }
    const binding = operation.input.find((b) => b.location === "body" && b.wireName === decodeToken(name));
    if (!binding) return `/${[name, ...rest].join("/")}`;
    return `/${[pointerToken(binding.member), ...memberTokens(rest, binding.type, structures)].join("/")}`;
  }
  const bindingLocation = LOCATIONS[location];
  const wireName = decodeToken(name ?? "").toLowerCase();
  const binding = operation.input.find(
    (b) => b.location === bindingLocation && b.wireName.toLowerCase() === wireName,
  );
  return binding ? `/${[pointerToken(binding.member), ...rest].join("/")}` : path;
}

/** The ValidationException field list for `violations`, in the order they were found. */
export function toValidationFailures(
  violations: readonly SchemaViolation[],
  operation: OperationSpec,
  structures: OperationTable["structures"],
): ValidationFailure[] {
  return violations.map((v) => ({ path: memberPath(v.path, operation, structures), message: v.message }));
}
