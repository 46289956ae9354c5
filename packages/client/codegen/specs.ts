// Reads the Smithy model into the runtime's spec tables (plain data; render.ts prints them as TypeScript).
import {
  type AstMember,
  type AstModel,
  contextualName,
  errorInfo,
  eventStreamMembers,
  isEventStream,
  expectShape,
  getMemberOrTargetTrait,
  getShape,
  getStringTrait,
  getTrait,
  hasTrait,
  httpBindings,
  type HttpMemberBinding,
  type HttpMessageBindings,
  idempotencyTokenMember,
  isRequired,
  isUnit,
  type NodeValue,
  operationErrors,
  parseHttpUri,
  serviceClosure,
  serviceOperations,
  structureHttpBindings,
} from "@seqstore/smithy";
import type {
  BoundMember,
  ErrorSpec,
  EventShapeSpec,
  EventStreamSpec,
  HttpMethod,
  MessageSpec,
  OperationSpec,
  ScalarType,
  ShapeSchema,
  TimestampFormat,
  ValueSchema,
} from "./spec-types.js";

/** A @default value as it travels in a JSON document (timestamps in the member's body format). */
function wireDefault(value: NodeValue, schema: ValueSchema): unknown {
  if (schema.timestampFormat && typeof value === "number") {
    if (schema.timestampFormat === "epoch-seconds") return value;
    const date = new Date(value * 1000);
    return schema.timestampFormat === "date-time"
      ? date.toISOString().replace(".000Z", "Z")
      : date.toUTCString();
  }
  return value;
}

const HTTP_METHODS = new Set<string>(["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"]);

export class SpecBuilder {
  constructor(
    readonly model: AstModel,
    readonly serviceId: string,
  ) {}

  name(id: string): string {
    return contextualName(this.model, this.serviceId, id);
  }

  /** How a member's value converts in a JSON document (restJson1 body timestamps default to epoch-seconds). */
  valueSchema(member: AstMember, jsonName?: string): ValueSchema {
    const schema: ValueSchema = {};
    if (jsonName !== undefined) schema.jsonName = jsonName;
    const target = expectShape(this.model, member.target);
    switch (target.type) {
      case "timestamp": {
        const format = getMemberOrTargetTrait(this.model, member, "smithy.api#timestampFormat");
        schema.timestampFormat = (typeof format === "string" ? format : "epoch-seconds") as TimestampFormat;
        break;
      }
      case "float":
      case "double":
        schema.float = true;
        break;
      case "blob":
        schema.blob = true;
        break;
      case "bigInteger":
        schema.bigint = true;
        break;
      case "bigDecimal":
        schema.bigDecimal = true;
        break;
      case "structure":
      case "union":
      case "list":
      case "set":
      case "map":
        if (!hasTrait(target, "smithy.api#unitType")) schema.shape = this.name(member.target);
        break;
      default:
        break;
    }
    return schema;
  }

  private memberSchema(member: AstMember): ValueSchema {
    const schema = this.valueSchema(member, getStringTrait(member, "smithy.api#jsonName"));
    const fallback = getTrait(member, "smithy.api#default");
    // A null default (or @clientOptional) leaves the member absent.
    if (fallback !== undefined && fallback !== null && !hasTrait(member, "smithy.api#clientOptional")) {
      schema.default = wireDefault(fallback, schema);
    }
    return schema;
  }

  /** Every aggregate shape the service's messages contain, by name. */
  shapeTable(): Record<string, ShapeSchema> {
    const table: Record<string, ShapeSchema> = {};
    const ids = serviceClosure(this.model, this.serviceId)
      .map((id) => ({ id, name: this.name(id) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const { id, name } of ids) {
      const shape = expectShape(this.model, id);
      const sparse = hasTrait(shape, "smithy.api#sparse") ? { sparse: true as const } : {};
      if (shape.type === "structure" || shape.type === "union") {
        const members: Record<string, ValueSchema> = {};
        for (const [memberName, member] of Object.entries(shape.members ?? {})) {
          members[memberName] = this.memberSchema(member);
        }
        table[name] = { type: shape.type, members };
      } else if ((shape.type === "list" || shape.type === "set") && shape.member) {
        table[name] = { type: "list", member: this.valueSchema(shape.member), ...sparse };
      } else if (shape.type === "map" && shape.value) {
        table[name] = { type: "map", value: this.valueSchema(shape.value), ...sparse };
      }
    }
    return table;
  }

  private scalarType(targetId: string, memberId: string): { type: ScalarType; list?: true } {
    const shape = expectShape(this.model, targetId);
    if ((shape.type === "list" || shape.type === "set") && shape.member) {
      return { type: this.scalarType(shape.member.target, memberId).type, list: true };
    }
    switch (shape.type) {
      case "string":
      case "enum":
      case "bigDecimal":
        return { type: "string" };
      case "byte":
      case "short":
      case "integer":
      case "long":
      case "float":
      case "double":
      case "intEnum":
        return { type: "number" };
      case "bigInteger":
        return { type: "bigint" };
      case "boolean":
      case "timestamp":
      case "blob":
        return { type: shape.type };
      default:
        throw new Error(`${memberId}: a ${shape.type} cannot be bound to a label, query parameter or header`);
    }
  }

  private bound(binding: HttpMemberBinding): BoundMember {
    const { type, list } = this.scalarType(binding.target, binding.memberId);
    const bound: BoundMember = { member: binding.memberName, name: binding.wireName, type };
    if (list) bound.list = true;
    if (binding.location === "header" && type === "string" && !list) {
      if (getStringTrait(expectShape(this.model, binding.target), "smithy.api#mediaType") !== undefined) {
        bound.base64 = true;
      }
    }
    if (type === "timestamp" && binding.timestampFormat) bound.timestampFormat = binding.timestampFormat;
    if (binding.greedy) bound.greedy = true;
    return bound;
  }

  message(bindings: HttpMessageBindings): MessageSpec {
    const spec: MessageSpec = {
      labels: bindings.labels.map((b) => this.bound(b)),
      query: bindings.query.map((b) => this.bound(b)),
      headers: bindings.headers.map((b) => this.bound(b)),
      body: bindings.body.map((b) => b.memberName),
    };
    if (bindings.structureId) spec.shape = this.name(bindings.structureId);
    if (bindings.queryParams) spec.queryParams = bindings.queryParams.memberName;
    if (bindings.prefixHeaders) {
      spec.prefixHeaders = {
        member: bindings.prefixHeaders.memberName,
        prefix: bindings.prefixHeaders.wireName,
      };
    }
    if (bindings.responseCode) spec.responseCode = bindings.responseCode.memberName;
    if (bindings.payload) {
      const payload = bindings.payload;
      const target = expectShape(this.model, payload.target);
      const events = isEventStream(this.model, payload.target);
      const kind = events
        ? "events"
        : target.type === "blob"
          ? "blob"
          : target.type === "string" || target.type === "enum"
            ? "string"
            : "json";
      const mediaType = getStringTrait(target, "smithy.api#mediaType");
      const defaults = {
        blob: "application/octet-stream",
        string: "text/plain",
        json: "application/json",
        events: "application/vnd.amazon.eventstream",
      };
      spec.payload = {
        member: payload.memberName,
        kind,
        schema: this.valueSchema(payload.member),
        contentType: events ? defaults.events : (mediaType ?? defaults[kind]),
      };
      if (kind === "blob" && hasTrait(target, "smithy.api#streaming")) spec.payload.streaming = true;
      if (kind === "blob" && hasTrait(target, "smithy.api#requiresLength"))
        spec.payload.requiresLength = true;
      if (events) {
        spec.payload.events = this.eventStream(payload.target);
        const required = bindings.headers.filter((b) => isRequired(b.member)).map((b) => b.memberName);
        if (required.length > 0) spec.requiredHeaders = required;
      }
    }
    return spec;
  }

  /** An @streaming union's members as events (headers, payload, document) and error events. */
  eventStream(unionId: string): EventStreamSpec {
    const spec: EventStreamSpec = { union: this.name(unionId), events: {}, errors: {}, errorNames: {} };
    for (const member of eventStreamMembers(this.model, unionId)) {
      const shape: EventShapeSpec = { headers: member.headers, documentMembers: member.documentMembers };
      const { payload } = member;
      if (payload) {
        shape.payload = payload;
        if (payload.kind === "structure" || payload.kind === "union") {
          const node = expectShape(this.model, member.target).members?.[payload.member];
          if (node) shape.document = this.valueSchema(node);
        }
      } else if (member.documentMembers.length > 0) shape.document = { shape: this.name(member.target) };
      if (member.error) {
        spec.errors[member.name] = shape;
        spec.errorNames[member.name] = this.name(member.target);
      } else spec.events[member.name] = shape;
    }
    return spec;
  }

  operation(operationId: string): OperationSpec {
    const http = httpBindings(this.model, operationId);
    if (!http) throw new Error(`${operationId} has no @http trait; restJson1 needs one on every operation`);
    const method = http.method.toUpperCase();
    if (!HTTP_METHODS.has(method)) throw new Error(`${operationId}: unsupported HTTP method ${http.method}`);
    const spec: OperationSpec = {
      name: this.name(operationId),
      method: method as HttpMethod,
      path: http.uri.split("?")[0] ?? http.uri,
      queryLiterals: parseHttpUri(http.uri).queryLiterals,
      code: http.code,
      request: this.message(http.request),
      response: this.message(http.response),
      errors: operationErrors(this.model, this.serviceId, operationId).map((id) => this.name(id)),
    };
    const token = idempotencyTokenMember(this.model, operationId);
    if (token) spec.idempotencyToken = token;
    const literal = http.uri.split("?")[1];
    if (literal) spec.queryLiteral = literal;
    const operation = expectShape(this.model, operationId);
    const endpoint = getTrait(operation, "smithy.api#endpoint");
    if (endpoint !== null && typeof endpoint === "object" && !Array.isArray(endpoint)) {
      if (typeof endpoint.hostPrefix === "string") spec.hostPrefix = endpoint.hostPrefix;
    }
    if (hasTrait(operation, "smithy.api#httpChecksumRequired")) spec.checksumRequired = true;
    if (hasTrait(operation, "aws.auth#unsignedPayload")) spec.unsignedPayload = true;
    const compression = getTrait(operation, "smithy.api#requestCompression");
    if (compression !== null && typeof compression === "object" && !Array.isArray(compression)) {
      const encodings = Array.isArray(compression.encodings) ? compression.encodings : [];
      const supported = encodings.filter((encoding): encoding is string => encoding === "gzip");
      if (supported.length > 0) spec.compression = supported;
    }
    return spec;
  }

  /** The names of an operation's input and output structures; undefined for smithy.api#Unit. */
  operationTypes(operationId: string): [string | undefined, string | undefined] {
    const operation = expectShape(this.model, operationId);
    const nameOf = (id: string | undefined) => (id === undefined || isUnit(id) ? undefined : this.name(id));
    return [nameOf(operation.input?.target), nameOf(operation.output?.target)];
  }

  operationIds(): string[] {
    return serviceOperations(this.model, this.serviceId);
  }

  /** Every error shape of the service (operation and service-wide), sorted by name. */
  errorIds(): string[] {
    const ids = new Set<string>(getShape(this.model, this.serviceId)?.errors?.map((e) => e.target) ?? []);
    for (const op of this.operationIds())
      for (const id of operationErrors(this.model, this.serviceId, op)) ids.add(id);
    return [...ids].sort((a, b) => (this.name(a) < this.name(b) ? -1 : 1));
  }

  error(errorId: string): ErrorSpec {
    const info = errorInfo(this.model, errorId);
    if (!info) throw new Error(`${errorId} is listed as an error but has no @error trait`);
    const result: ErrorSpec = {
      response: this.message(structureHttpBindings(this.model, errorId, "response")),
      fault: info.fault,
    };
    if (info.retryable) result.retryable = { throttling: info.throttling };
    return result;
  }

  /** The service's SigV4 signing name (`aws.auth#sigv4` `name`); undefined when it declares no SigV4. */
  signingName(): string | undefined {
    const sigv4 = getTrait(getShape(this.model, this.serviceId), "aws.auth#sigv4");
    if (sigv4 === undefined) return undefined;
    const name =
      typeof sigv4 === "object" && sigv4 !== null && !Array.isArray(sigv4) ? sigv4.name : undefined;
    if (typeof name !== "string" || name === "") {
      throw new Error(`${this.serviceId}: the aws.auth#sigv4 trait needs a non-empty string 'name'`);
    }
    return name;
  }

  documentation(id: string): string | undefined {
    const value = getTrait(getShape(this.model, id), "smithy.api#documentation");
    return typeof value === "string" ? value : undefined;
  }
}
