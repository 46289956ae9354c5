// Public API of @seqstore/protocol: the restJson1 binding model and its codec. Every export is a
// standalone function or constant, so a bundle keeps only what it calls.
export { fromBase64, textFromBase64, textToBase64, toBase64 } from "./base64.js";
export { joinHeaderList, quoteHeaderItem, splitHeaderList } from "./header-list.js";
export { describeJson, pointerToken, readJson, writeJson } from "./json-values.js";
export {
  accepts,
  EVENT_STREAM_MEDIA_TYPE,
  essence,
  JSON_MEDIA_TYPE,
  messageMediaType,
  payloadMediaType,
} from "./media-types.js";
export {
  INTEGER_RANGES,
  inexactJsonNumbers,
  isExactAsDouble,
  isIntegerInRange,
  parseBigNumberText,
  parseFloatText,
  parseIntegerText,
  readJsonFloat,
  writeJsonBigNumber,
  writeJsonFloat,
} from "./numbers.js";
export type {
  BindingLocation,
  CodecFailure,
  ErrorSpec,
  EventStreamWire,
  EventWireShape,
  IntegerSize,
  MemberBinding,
  OperationSpec,
  OperationTable,
  ReadOptions,
  StructureMember,
  StructureSchema,
  Structures,
  TimestampFormat,
  ValueConstraints,
  WireType,
  WriteOptions,
} from "./service.js";
export { describeText, formatText, parseText } from "./text-values.js";
export {
  formatTimestamp,
  parseDateTime,
  parseEpochSeconds,
  parseHttpDate,
  parseTimestamp,
  readJsonTimestamp,
  type TimestampOptions,
} from "./timestamps.js";
export { decodeUriComponent, encodeLabel, encodeUriComponent } from "./uri.js";
export {
  isOneShotStream,
  knownLength,
  sizedStream,
  type StreamingBlobHelpers,
  type StreamingBlobInput,
  type StreamingBlobOutput,
  toWebStream,
  withStreamHelpers,
} from "./streaming-blob.js";
