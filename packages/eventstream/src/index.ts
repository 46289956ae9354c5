// @seqstore/eventstream: AWS event-stream framing (application/vnd.amazon.eventstream) and the
// Smithy message layer over it. Platform-neutral (Web APIs only), no dependencies.
export { crc32 } from "./crc32.js";
export type { EventStreamErrorCode } from "./errors.js";
export { EventStreamError } from "./errors.js";
export type { HeaderType, HeaderValue, MessageHeaders } from "./headers.js";
export { decodeHeaders, encodeHeaders, MAX_HEADER_NAME_BYTES, MAX_HEADER_VALUE_BYTES } from "./headers.js";
export type { Message, MessageLimits, Prelude } from "./message.js";
export {
  DEFAULT_MAX_HEADERS_BYTES,
  DEFAULT_MAX_MESSAGE_BYTES,
  decodeMessage,
  encodeMessage,
  MESSAGE_OVERHEAD_BYTES,
  PRELUDE_BYTES,
  readPrelude,
} from "./message.js";
export type {
  DecodedEvent,
  DocumentCodec,
  EventHeaderKind,
  EventShape,
  EventStreamSchema,
  EventStreamSerde,
} from "./serde.js";
export { createEventStreamSerde, plainJsonDocuments } from "./serde.js";
export type { EventParts, EventStreamMessage } from "./smithy.js";
export {
  CONTENT_TYPE,
  ERROR_CODE,
  ERROR_MESSAGE,
  EVENT_STREAM_CONTENT_TYPE,
  EVENT_TYPE,
  EventStreamRemoteError,
  errorMessage,
  EXCEPTION_TYPE,
  eventMessage,
  exceptionMessage,
  INITIAL_REQUEST,
  INITIAL_RESPONSE,
  MESSAGE_TYPE,
  readEventStreamMessage,
} from "./smithy.js";
export type { ByteSource } from "./stream.js";
export {
  createDecoderStream,
  createEncoderStream,
  decodeMessages,
  encodeMessages,
  MessageDecoder,
} from "./stream.js";
