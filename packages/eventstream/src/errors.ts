/** Why an event stream was refused; the message says where and what. */
export type EventStreamErrorCode =
  /** The stream ended in the middle of a message. */
  | "TruncatedMessage"
  /** Prelude CRC or message CRC differs from the bytes received. */
  | "ChecksumMismatch"
  /** Total length or headers length out of range (including over the configured limits). */
  | "InvalidLength"
  /** A header that cannot be decoded or encoded (type, length, value range, UTF-8, duplicate name). */
  | "InvalidHeader"
  /** Framing is fine, but the Smithy event-stream headers (`:message-type` and friends) are not. */
  | "InvalidMessageType";

export class EventStreamError extends Error {
  override readonly name = "EventStreamError";
  constructor(
    readonly code: EventStreamErrorCode,
    message: string,
  ) {
    super(message);
  }
}
