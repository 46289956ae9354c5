// The restJson1 binding model: what a generator derives from a Smithy model and a runtime (server core,
// client) interprets. How each operation is routed, where every member travels on the wire, and how
// values convert between the wire and their Smithy-level form.

export type TimestampFormat = "date-time" | "http-date" | "epoch-seconds";

/** Smithy's fixed-size integer shapes; each has its own range (see INTEGER_RANGES). */
export type IntegerSize = "byte" | "short" | "integer" | "long";

/**
 * How a value converts between the wire and its Smithy-level form. Structures point into
 * `OperationTable.structures` by shape name, which keeps recursive shapes finite.
 */
export type WireType =
  /** `mediaType` (from @mediaType): such a string travels base64-encoded in a header. */
  | { kind: "string"; mediaType?: string }
  | { kind: "boolean" }
  /** float/double when `integer` is absent (NaN and ±Infinity travel as strings in JSON). */
  | { kind: "number"; integer?: IntegerSize }
  /**
   * bigInteger (`integer: true`, a bigint) and bigDecimal (its decimal text): exact from text (labels,
   * query, headers); JSON numbers only as far as doubles hold them exactly, refused beyond.
   */
  | { kind: "bigNumber"; integer?: boolean }
  | { kind: "timestamp"; format: TimestampFormat }
  /**
   * `mediaType` (from @mediaType): as an @httpPayload, the content type the payload travels with.
   * `streaming` (from @streaming): the payload is a stream, never held whole; `requiresLength` (from
   * @requiresLength): its length must be known before it is sent (a Content-Length, never chunked).
   */
  | { kind: "blob"; mediaType?: string; streaming?: true; requiresLength?: true }
  | { kind: "document" }
  | { kind: "structure"; shape: string }
  /** `eventStream` (an @streaming union): the payload is an event stream of this union's members. */
  | { kind: "union"; shape: string; eventStream?: EventStreamWire }
  /** `sparse` (from @sparse): null items are values; otherwise a null item is malformed. */
  | { kind: "list"; member: WireType; sparse?: boolean }
  | { kind: "map"; value: WireType; sparse?: boolean };

/** How one member of an event-stream union travels (the data @seqstore/eventstream's serde reads). */
export interface EventWireShape {
  /** The structure the union member targets, in `OperationTable.structures`. */
  shape: string;
  /** @eventHeader members by member name, with the simple type each targets. */
  headers: Record<
    string,
    "boolean" | "byte" | "short" | "integer" | "long" | "blob" | "string" | "timestamp"
  >;
  /** The @eventPayload member, if any; without one the `documentMembers` travel as one JSON document. */
  payload?: { member: string; kind: "blob" | "string" | "structure" | "union" };
  documentMembers: string[];
}

/** An @streaming union: its event members and its error members (targets of @error structures). */
export interface EventStreamWire {
  events: Record<string, EventWireShape>;
  errors: Record<string, EventWireShape>;
}

/** Where a member travels. Labels/query only bind requests; responseCode only responses. */
export type BindingLocation =
  | "label"
  | "query"
  | "queryParams"
  | "header"
  | "prefixHeaders"
  | "payload"
  | "body"
  | "responseCode";

export interface MemberBinding {
  /** Member name in the Smithy structure (the key in handler input/output objects). */
  member: string;
  location: BindingLocation;
  /** Label name, query key, header name (lower case), header prefix (lower case) or JSON key. */
  wireName: string;
  type: WireType;
  required: boolean;
  /** Label only: `{name+}` matches several path segments. */
  greedy?: boolean;
  /** The member's @default value, as JSON (timestamps and blobs in their JSON form). */
  default?: unknown;
  /**
   * The member's constraint traits, where the OpenAPI document cannot carry them to a schema validator (list
   * headers, greedy labels, prefix headers, @httpQueryParams): the server core checks these itself.
   */
  constraints?: ValueConstraints;
}

/**
 * Constraint traits of a value, and of its list items, map keys and map values. Bounds are inclusive;
 * @length counts a string's code points, a list's items or a map's entries.
 */
export interface ValueConstraints {
  length?: { min?: number; max?: number };
  /** @pattern: an ECMAScript regular expression, not anchored (a match anywhere satisfies it). */
  pattern?: string;
  range?: { min?: number; max?: number };
  /** The values of an enum, intEnum or @enum string. */
  enum?: (string | number)[];
  /** @uniqueItems: no two items of the list are equal. */
  uniqueItems?: true;
  member?: ValueConstraints;
  key?: ValueConstraints;
  value?: ValueConstraints;
}

export interface StructureMember {
  member: string;
  /** JSON key (`@jsonName` or the member name). */
  jsonName: string;
  type: WireType;
  required: boolean;
  /** The member's @default value, as JSON (timestamps and blobs in their JSON form). */
  default?: unknown;
}

export interface StructureSchema {
  members: StructureMember[];
}

export interface ErrorSpec {
  /** Shape name; also the `x-amzn-ErrorType` value. */
  name: string;
  fault: "client" | "server";
  httpStatus: number;
  retryable: boolean;
  throttling: boolean;
  /**
   * Where the error's members travel (headers, body…), as for an operation's output; absent when every
   * member is a body member.
   */
  bindings?: MemberBinding[];
}

export interface OperationSpec {
  /** Smithy operation name, e.g. "CreateSequenceStore". */
  name: string;
  /** Method on the handlers object (lowerCamel operation name). */
  handlerName: string;
  method: string;
  /** The @http uri as written, e.g. "/sequencestore/{id}?type=x". */
  uri: string;
  /** Success status (@http code). */
  code: number;
  input: MemberBinding[];
  output: MemberBinding[];
  /** The input is smithy.api#Unit: a request has no body (an empty input structure takes "{}"). */
  unitInput?: boolean;
  /** The output is smithy.api#Unit: a success response has no body (an empty structure still has "{}"). */
  unitOutput?: boolean;
  /** Error shape names the operation may return (operation errors, then service errors). */
  errors: string[];
  /** Input member marked @idempotencyToken, if any. */
  idempotencyToken?: string;
  /** `aws.auth#unsignedPayload`: the request is signed without its payload's hash (UNSIGNED-PAYLOAD). */
  unsignedPayload?: true;
  /** `@httpChecksumRequired`: a request body must come with a matching Content-MD5 (RFC 1864). */
  checksumRequired?: true;
}

export type Structures = Record<string, StructureSchema>;

export interface OperationTable {
  service: string;
  operations: OperationSpec[];
  /** Every structure reachable from operation inputs, outputs and errors, by shape name. */
  structures: Structures;
  /** Every modeled error, by shape name. */
  errors: Record<string, ErrorSpec>;
}

/** How readJson treats what a peer newer than this side may send. */
export interface ReadOptions {
  /**
   * A union member this side does not know: "fail" (a server reading a request: malformed) or "keep" (a
   * client reading a response: `{ $unknown: [name, value] }`). Default "fail".
   */
  unknownUnionMember?: "fail" | "keep";
  /** Accept date-times with a UTC offset (see TimestampOptions). Default false. */
  timestampOffsets?: boolean;
  /**
   * Doubles whose JSON number tokens they do not hold exactly (see inexactJsonNumbers): a bigDecimal read
   * as one of them is refused rather than rounded.
   */
  inexactNumbers?: ReadonlySet<number>;
}

/** How writeJson writes structures. */
export interface WriteOptions {
  /** Write a member's @default when the value leaves it unset (a server's output). Default false. */
  fillDefaults?: boolean;
}

/** One value that could not be read: a JSON pointer into the structure and what is wrong. */
export interface CodecFailure {
  path: string;
  message: string;
}
