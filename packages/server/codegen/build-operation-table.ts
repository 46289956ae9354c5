// Derives the protocol core's operation table from the assembled Smithy model, using the
// model queries of @seqstore/smithy (HTTP bindings, service closure, error info).
import type { AstMember, AstModel } from "@seqstore/smithy";
import {
  contextualName,
  errorInfo,
  getMemberOrTargetTrait,
  getShape,
  getStringTrait,
  httpBindings,
  type HttpMemberBinding,
  idempotencyTokenMember,
  isRequired,
  operationErrors,
  serviceOperations,
} from "@seqstore/smithy";
import type {
  ErrorSpec,
  MemberBinding,
  OperationSpec,
  OperationTable,
  StructureSchema,
  TimestampFormat,
  WireType,
} from "../src/core/operation-table.js";

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
      case "float":
      case "double":
      case "intEnum":
        return { kind: "number" };
      case "bigInteger":
      case "bigDecimal":
        return { kind: "bigNumber" };
      case "timestamp": {
        const explicit = getMemberOrTargetTrait(this.model, member, "smithy.api#timestampFormat");
        const format =
          typeof explicit === "string" && TIMESTAMP_FORMATS.has(explicit) ? explicit : timestampDefault;
        return { kind: "timestamp", format: format as TimestampFormat };
      }
      case "blob":
        return { kind: "blob" };
      case "document":
        return { kind: "document" };
      case "list":
      case "set":
        return shape.member
          ? { kind: "list", member: this.wireType(shape.member, timestampDefault) }
          : { kind: "document" };
      case "map":
        return shape.value ? { kind: "map", value: this.wireType(shape.value) } : { kind: "document" };
      case "structure":
      case "union":
        this.addStructure(member.target);
        return { kind: shape.type, shape: this.name(member.target) };
      default:
        return { kind: "string" };
    }
  }

  /** Registers a structure (and everything it reaches) in `structures`. */
  addStructure(id: string): string {
    const name = this.name(id);
    if (this.structures[name]) return name;
    const schema: StructureSchema = { members: [] };
    this.structures[name] = schema; // registered before recursing so recursive shapes terminate
    for (const [memberName, member] of Object.entries(getShape(this.model, id)?.members ?? {})) {
      schema.members.push({
        member: memberName,
        jsonName: getStringTrait(member, "smithy.api#jsonName") ?? memberName,
        type: this.wireType(member),
        required: isRequired(member),
      });
    }
    return name;
  }

  /** Wire bindings; members the protocol ignores (unbound, next to an @httpPayload) are left out. */
  bindings(all: HttpMemberBinding[]): MemberBinding[] {
    return all.flatMap((b) => (b.location === "unbound" ? [] : [this.binding(b, b.location)]));
  }

  binding(b: HttpMemberBinding, location: MemberBinding["location"]): MemberBinding {
    const headerLike = location === "header" || location === "prefixHeaders";
    const result: MemberBinding = {
      member: b.memberName,
      location,
      wireName: headerLike ? b.wireName.toLowerCase() : b.wireName,
      type: this.wireType(b.member, b.timestampFormat ?? "epoch-seconds"),
      required: b.required,
    };
    if (b.greedy) result.greedy = true;
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
      input: this.bindings(bindings.request.all),
      output: this.bindings(bindings.response.all),
      errors,
    };
    const token = idempotencyTokenMember(this.model, operationId);
    if (token) spec.idempotencyToken = token;
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
      errors[name] = {
        name,
        fault: info.fault,
        httpStatus: info.httpStatus,
        retryable: info.retryable,
        throttling: info.throttling,
      };
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
