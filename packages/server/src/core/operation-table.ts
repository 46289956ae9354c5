// The binding model the generator derives from the Smithy model and the protocol core interprets lives in
// @seqstore/protocol, shared with the client; re-exported here for the server's modules.
export type {
  BindingLocation,
  ErrorSpec,
  EventStreamWire,
  EventWireShape,
  IntegerSize,
  MemberBinding,
  OperationSpec,
  OperationTable,
  StructureMember,
  StructureSchema,
  Structures,
  TimestampFormat,
  ValueConstraints,
  WireType,
} from "@seqstore/protocol";
