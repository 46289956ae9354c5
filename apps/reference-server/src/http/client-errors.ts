// Node's HTTP parser refuses some requests before Express sees them (malformed request line, unknown
// method, headers over the size limit, headers or body too slow). Its default answers are bare status
// lines; this writes the same statuses as AWS-shaped errors, so every 4xx a client sees carries
// x-amzn-ErrorType, x-amzn-RequestId and a JSON message.
import { randomUUID } from "node:crypto";
import type { Duplex } from "node:stream";

interface ClientErrorAnswer {
  status: number;
  reason: string;
  errorType: string;
  message: string;
}

/** The answer for a parser error code (see Node's `clientError` event). */
export function clientErrorAnswer(code: string | undefined): ClientErrorAnswer {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return {
        status: 431,
        reason: "Request Header Fields Too Large",
        errorType: "RequestHeaderFieldsTooLargeException",
        message: "The request's headers are larger than this server accepts.",
      };
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return {
        status: 408,
        reason: "Request Timeout",
        errorType: "RequestTimeoutException",
        message: "The request was not received in time; the connection is closed.",
      };
    default:
      return {
        status: 400,
        reason: "Bad Request",
        errorType: "BadRequestException",
        message: "The request is not valid HTTP/1.1.",
      };
  }
}

/** The raw HTTP response for an answer (the connection is closed after it). */
export function clientErrorResponse(answer: ClientErrorAnswer, requestId: string = randomUUID()): string {
  const body = JSON.stringify({ message: answer.message });
  return (
    `HTTP/1.1 ${answer.status} ${answer.reason}\r\n` +
    "content-type: application/json\r\n" +
    `content-length: ${Buffer.byteLength(body)}\r\n` +
    `x-amzn-RequestId: ${requestId}\r\n` +
    `x-amzn-ErrorType: ${answer.errorType}\r\n` +
    "connection: close\r\n\r\n" +
    body
  );
}

/**
 * A `clientError` listener. With a listener attached Node writes nothing itself, so this must answer or
 * destroy the socket in every case.
 */
export function answerClientError(
  onError?: (code: string | undefined, status: number) => void,
): (error: NodeJS.ErrnoException, socket: Duplex) => void {
  return (error, socket) => {
    const code = error.code;
    // Node's own check: a response already under way on this socket cannot be followed by another one.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (code === "ECONNRESET" || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const answer = clientErrorAnswer(code);
    onError?.(code, answer.status);
    socket.end(clientErrorResponse(answer));
  };
}
