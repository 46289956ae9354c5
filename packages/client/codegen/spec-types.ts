// The plain-data view of the model the generator works from (SpecBuilder fills it, the emitters
// turn it into straight-line TypeScript): what an operation sends and receives, and how each JSON
// value converts between its Smithy type and the wire.
import type { EventHeaderKind } from "@seqstore/smithy";

export type TimestampFormat = "date-time" | "http-date" | "epoch-seconds";

/**
 * How one value converts. `shape` names an aggregate in the ShapeTable; `timestampFormat`, `blob`
 * and `bigint` mark the simple types JSON cannot carry as they are. With none set, the value passes
 * through (strings, numbers, booleans, enums, documents).
 */
export interface ValueSchema {
  /** The JSON key, when @jsonName differs from the member name. */
  jsonName?: string;
  shape?: string;
  timestampFormat?: TimestampFormat;
  blob?: true;
  /** bigInteger: a bigint, a JSON number on the wire. */
  bigint?: true;
  /** bigDecimal: its decimal text (a string), a JSON number on the wire. */
  bigDecimal?: true;
  /** float and double: NaN and ±Infinity travel as the strings "NaN", "Infinity", "-Infinity". */
  float?: true;
  /**
   * The member's @default as it travels in the JSON document; a client fills it in where the member
   * is absent (in nested input structures and in every output structure).
   */
  default?: unknown;
}

export type ShapeSchema =
  | { type: "structure"; members: Record<string, ValueSchema> }
  | { type: "union"; members: Record<string, ValueSchema> }
  | { type: "list"; member: ValueSchema; sparse?: true }
  | { type: "map"; value: ValueSchema; sparse?: true };

export type ShapeTable = Readonly<Record<string, ShapeSchema>>;

/** The scalar type of a member bound to a label, query parameter or header (list members: of the element). */
export type ScalarType = "string" | "number" | "boolean" | "bigint" | "timestamp" | "blob";

export interface BoundMember {
  member: string;
  /** Label name, query key or header name. */
  name: string;
  type: ScalarType;
  list?: true;
  timestampFormat?: TimestampFormat;
  /** Labels only: `{name+}` keeps its slashes. */
  greedy?: true;
  /** Headers only: a string with @mediaType, which travels base64-encoded. */
  base64?: true;
}

/** How one member of an event-stream union travels (see @seqstore/eventstream's EventShape). */
export interface EventShapeSpec {
  headers: Record<string, EventHeaderKind>;
  payload?: { member: string; kind: "blob" | "string" | "structure" | "union" };
  documentMembers: string[];
  /** How the JSON document (or the structure/union payload) converts. */
  document?: ValueSchema;
}

/** An @streaming union: its events and error events, by member name. */
export interface EventStreamSpec {
  /** The union's name in the ShapeTable. */
  union: string;
  events: Record<string, EventShapeSpec>;
  errors: Record<string, EventShapeSpec>;
  /** Error members -> the error structure's name. */
  errorNames: Record<string, string>;
}

export interface PayloadBinding {
  member: string;
  /**
   * structure/union/document payloads are JSON; blob and string payloads travel as raw bytes/text;
   * an @streaming union is an event stream.
   */
  kind: "json" | "blob" | "string" | "events";
  /** kind "events": the union's events. */
  events?: EventStreamSpec;
  schema: ValueSchema;
  /** @mediaType of the payload, else the protocol default for its kind. */
  contentType: string;
  /** A @streaming blob: goes out as given and comes back as a one-shot stream. */
  streaming?: true;
  /** @requiresLength on a streaming blob: a stream of unknown length is refused before sending. */
  requiresLength?: true;
}

export interface MessageSpec {
  /** Name of the structure in the ShapeTable (undefined for smithy.api#Unit). */
  shape?: string;
  labels: BoundMember[];
  query: BoundMember[];
  /** Member holding a map of extra query parameters (@httpQueryParams). */
  queryParams?: string;
  headers: BoundMember[];
  prefixHeaders?: { member: string; prefix: string };
  payload?: PayloadBinding;
  /** Members that travel as the JSON document body. */
  body: string[];
  responseCode?: string;
  /**
   * Event-stream responses only: @required members bound to headers. The stream's initial response
   * must carry them (the AWS SDKs and Smithy's eventStreamTests expect a failure otherwise).
   */
  requiredHeaders?: string[];
}

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS" | "TRACE";

export interface OperationSpec {
  name: string;
  method: HttpMethod;
  /** The path pattern of @http's uri (labels as `{name}` / `{name+}`), which is also the OpenAPI path. */
  path: string;
  /** Constant query parameters written in @http's uri. */
  queryLiterals: Readonly<Record<string, string>>;
  /** The constant query of @http's uri as it is written (`a=b&c`), when it has one. */
  queryLiteral?: string;
  /** @endpoint's hostPrefix, its `{label}`s naming @hostLabel input members. */
  hostPrefix?: string;
  /** @httpChecksumRequired: the request carries a Content-MD5 of its body. */
  checksumRequired?: true;
  /** aws.auth#unsignedPayload: signed with UNSIGNED-PAYLOAD instead of the body's hash. */
  unsignedPayload?: true;
  /** @requestCompression's encodings the client supports, in the model's order of preference. */
  compression?: string[];
  /** Success status (@http code). */
  code: number;
  request: MessageSpec;
  response: MessageSpec;
  /** Names of the modeled errors the operation can return. */
  errors: readonly string[];
  /** Input member filled with a fresh UUID when the caller leaves it out (@idempotencyToken). */
  idempotencyToken?: string;
}

/** A modeled error: where its members come from in a response, its fault and retryability. */
export interface ErrorSpec {
  response: MessageSpec;
  fault: "client" | "server";
  retryable?: { throttling: boolean };
}
