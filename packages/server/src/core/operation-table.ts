// The data the generator derives from the Smithy model and the protocol core interprets:
// how each operation is routed, where every input/output member travels on the wire, and
// how values convert between JSON and their Smithy types.

export type TimestampFormat = "date-time" | "http-date" | "epoch-seconds";

/**
 * How a value converts between the wire and its Smithy-level form. Structures point into
 * `OperationTable.structures` by shape name, which keeps recursive shapes finite.
 */
export type WireType =
  | { kind: "string" }
  | { kind: "boolean" }
  | { kind: "number" }
  | { kind: "bigNumber" }
  | { kind: "timestamp"; format: TimestampFormat }
  | { kind: "blob" }
  | { kind: "document" }
  | { kind: "structure"; shape: string }
  | { kind: "union"; shape: string }
  | { kind: "list"; member: WireType }
  | { kind: "map"; value: WireType };

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
}

export interface StructureMember {
  member: string;
  /** JSON key (`@jsonName` or the member name). */
  jsonName: string;
  type: WireType;
  required: boolean;
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
  /** Error shape names the operation may return (operation errors, then service errors). */
  errors: string[];
  /** Input member marked @idempotencyToken, if any. */
  idempotencyToken?: string;
}

export interface OperationTable {
  service: string;
  operations: OperationSpec[];
  /** Every structure reachable from operation inputs, outputs and errors, by shape name. */
  structures: Record<string, StructureSchema>;
  /** Every modeled error, by shape name. */
  errors: Record<string, ErrorSpec>;
}
