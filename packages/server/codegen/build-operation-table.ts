// Derives the protocol core's operation table from the assembled Smithy model, using the
// model queries of @seqstore/smithy (HTTP bindings, service closure, error info).
import type { AstMember, AstModel } from "@seqstore/smithy";
import {
  contextualName,
  errorInfo,
  eventStreamMembers,
  isEventStream,
  getMemberOrTargetTrait,
  getShape,
  getStringTrait,
  httpBindings,
  type HttpMemberBinding,
  idempotencyTokenMember,
  isRequired,
  isUnit,
  operationErrors,
  serviceOperations,
  structureHttpBindings,
} from "@seqstore/smithy";
import type {
  ErrorSpec,
  EventStreamWire,
  EventWireShape,
  MemberBinding,
  OperationSpec,
  OperationTable,
  StructureSchema,
  TimestampFormat,
  WireType,
} from "../src/core/operation-table.js";
import { memberConstraints } from "./member-constraints.js";

/**
 * Whether the server core checks a binding's constraints itself: the OpenAPI document cannot carry them to
 * a schema validator (a list header is one string to it, a greedy label several segments, prefix headers
 * and @httpQueryParams maps are not single parameters). Only request bindings are checked.
 */
function coreChecked(binding: MemberBinding): boolean {
  switch (binding.location) {
    case "header":
      return binding.type.kind === "list";
    case "label":
      return binding.greedy === true;
    case "prefixHeaders":
    case "queryParams":
      return true;
    default:
      return false;
  }
}

/** "CreateSequenceStore" → "createSequenceStore". */
export function lowerCamel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

const TIMESTAMP_FORMATS = new Set<string>(["date-time", "http-date", "epoch-seconds"]);

class TableBuilder {
  readonly structures: Record<string, StructureSchema> = {};

  constructor(
    private readonly model: AstModel,
    private readonly serviceId: string,
  ) {}

  name(id: string): string {
    return contextualName(this.model, this.serviceId, id);
  }

  /**
   * The wire type of a member. `timestampDefault` is the protocol default for where the value
   * travels; an explicit @timestampFormat on member or target wins.
   */
  wireType(member: AstMember, timestampDefault: TimestampFormat = "epoch-seconds"): WireType {
    const shape = getShape(this.model, member.target);
    switch (shape?.type) {
      case "boolean":
        return { kind: "boolean" };
      case "byte":
      case "short":
      case "integer":
      case "long":
        return { kind: "number", integer: shape.type };
      case "intEnum":
        return { kind: "number", integer: "integer" };
      case "float":
      case "double":
        return { kind: "number" };
      case "bigInteger":
        return { kind: "bigNumber", integer: true };
      case "bigDecimal":
        return { kind: "bigNumber" };
      case "timestamp": {
        const explicit = getMemberOrTargetTrait(this.model, member, "smithy.api#timestampFormat");
        const format =
          typeof explicit === "string" && TIMESTAMP_FORMATS.has(explicit) ? explicit : timestampDefault;
        return { kind: "timestamp", format: format as TimestampFormat };
      }
      case "blob": {
        const mediaType = this.mediaType(member);
        const blob: WireType = mediaType ? { kind: "blob", mediaType } : { kind: "blob" };
        if (shape.traits?.["smithy.api#streaming"] !== undefined) blob.streaming = true;
        if (shape.traits?.["smithy.api#requiresLength"] !== undefined) blob.requiresLength = true;
        return blob;
      }
      case "document":
        return { kind: "document" };
      case "list":
      case "set": {
        if (!shape.member) return { kind: "document" };
        const list: WireType = { kind: "list", member: this.wireType(shape.member, timestampDefault) };
        return this.sparse(member.target) ? { ...list, sparse: true } : list;
      }
      case "map": {
        if (!shape.value) return { kind: "document" };
        const map: WireType = { kind: "map", value: this.wireType(shape.value, timestampDefault) };
        return this.sparse(member.target) ? { ...map, sparse: true } : map;
      }
      case "structure":
      case "union": {
        this.addStructure(member.target);
        const type: WireType = { kind: shape.type, shape: this.name(member.target) };
        if (type.kind === "union" && isEventStream(this.model, member.target))
          type.eventStream = this.eventStream(member.target);
        return type;
      }
      default: {
        const mediaType = shape?.type === "string" ? this.mediaType(member) : undefined;
        return mediaType ? { kind: "string", mediaType } : { kind: "string" };
      }
    }
  }

  /** An @streaming union's members as events and error events (their structures registered). */
  eventStream(unionId: string): EventStreamWire {
    const wire: EventStreamWire = { events: {}, errors: {} };
    for (const member of eventStreamMembers(this.model, unionId)) {
      const { payload } = member;
      const shape: EventWireShape = {
        shape: this.addStructure(member.target),
        headers: member.headers,
        documentMembers: member.documentMembers,
        ...(payload ? { payload } : {}),
      };
      (member.error ? wire.errors : wire.events)[member.name] = shape;
    }
    return wire;
  }

  mediaType(member: AstMember): string | undefined {
    const value = getMemberOrTargetTrait(this.model, member, "smithy.api#mediaType");
    return typeof value === "string" ? value : undefined;
  }

  sparse(id: string): boolean {
    return getShape(this.model, id)?.traits?.["smithy.api#sparse"] !== undefined;
  }

  /** Registers a structure (and everything it reaches) in `structures`. */
  addStructure(id: string): string {
    const name = this.name(id);
    if (this.structures[name]) return name;
    const schema: StructureSchema = { members: [] };
    this.structures[name] = schema; // registered before recursing so recursive shapes terminate
    for (const [memberName, member] of Object.entries(getShape(this.model, id)?.members ?? {})) {
      const entry: StructureSchema["members"][number] = {
        member: memberName,
        jsonName: getStringTrait(member, "smithy.api#jsonName") ?? memberName,
        type: this.wireType(member),
        required: isRequired(member),
      };
      const fallback = member.traits?.["smithy.api#default"];
      if (fallback !== undefined && fallback !== null) entry.default = fallback;
      schema.members.push(entry);
    }
    return name;
  }

  /** Wire bindings; members the protocol ignores (unbound, next to an @httpPayload) are left out. */
  bindings(all: HttpMemberBinding[], request = false): MemberBinding[] {
    return all.flatMap((b) => (b.location === "unbound" ? [] : [this.binding(b, b.location, request)]));
  }

  binding(b: HttpMemberBinding, location: MemberBinding["location"], request: boolean): MemberBinding {
    const headerLike = location === "header" || location === "prefixHeaders";
    const result: MemberBinding = {
      member: b.memberName,
      location,
      wireName: headerLike ? b.wireName.toLowerCase() : b.wireName,
      type: this.wireType(b.member, b.timestampFormat ?? "epoch-seconds"),
      required: b.required,
    };
    if (b.greedy) result.greedy = true;
    if (request && coreChecked(result)) {
      const constraints = memberConstraints(this.model, b.member);
      if (constraints) result.constraints = constraints;
    }
    const fallback = b.member.traits?.["smithy.api#default"];
    // Labels are always present; a body, header or query member the request leaves out reads as its default.
    const defaults = location === "body" || (request && (location === "header" || location === "query"));
    if (defaults && fallback !== undefined && fallback !== null) result.default = fallback;
    return result;
  }

  operation(operationId: string): OperationSpec | undefined {
    const bindings = httpBindings(this.model, operationId);
    if (!bindings) return undefined;
    const name = this.name(operationId);
    const errors = operationErrors(this.model, this.serviceId, operationId).map((id) => this.name(id));
    const spec: OperationSpec = {
      name,
      handlerName: lowerCamel(name),
      method: bindings.method.toUpperCase(),
      uri: bindings.uri,
      code: bindings.code,
      input: this.bindings(bindings.request.all, true),
      output: this.bindings(bindings.response.all),
      errors,
    };
    const shape = getShape(this.model, operationId);
    if (isUnit(shape?.input?.target)) spec.unitInput = true;
    if (isUnit(shape?.output?.target)) spec.unitOutput = true;
    const token = idempotencyTokenMember(this.model, operationId);
    if (token) spec.idempotencyToken = token;
    if (shape?.traits?.["aws.auth#unsignedPayload"] !== undefined) spec.unsignedPayload = true;
    if (shape?.traits?.["smithy.api#httpChecksumRequired"] !== undefined) spec.checksumRequired = true;
    return spec;
  }
}

/** The operation table of `serviceId`: every HTTP-bound operation, sorted by name. */
export function buildOperationTable(model: AstModel, serviceId: string): OperationTable {
  const builder = new TableBuilder(model, serviceId);
  const operations: OperationSpec[] = [];
  const errors: Record<string, ErrorSpec> = {};
  for (const operationId of serviceOperations(model, serviceId)) {
    const spec = builder.operation(operationId);
    if (!spec) throw new Error(`Operation ${operationId} has no @http trait; restJson1 needs one`);
    operations.push(spec);
    for (const errorId of operationErrors(model, serviceId, operationId)) {
      const info = errorInfo(model, errorId);
      if (!info) continue;
      const name = builder.addStructure(errorId);
      const spec: ErrorSpec = {
        name,
        fault: info.fault,
        httpStatus: info.httpStatus,
        retryable: info.retryable,
        throttling: info.throttling,
      };
      const bound = structureHttpBindings(model, errorId, "response");
      // Only errors that bind members outside the body need their bindings on the wire side.
      if (bound.all.some((b) => b.location !== "body" && b.location !== "unbound")) {
        spec.bindings = builder.bindings(bound.all);
      }
      errors[name] = spec;
    }
  }
  operations.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    service: builder.name(serviceId),
    operations,
    structures: sortKeys(builder.structures),
    errors: sortKeys(errors),
  };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
