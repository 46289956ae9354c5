// A ProtocolResponse whose body the core wrote as text (JSON): the bytes are only encoded when someone
// reads `body`, and an adapter that can write text (node:http) sends `bodyText` without a Buffer round trip.
import type { ProtocolResponse, ResponseMeta } from "./protocol.js";

export class TextResponse implements ProtocolResponse {
  meta?: ResponseMeta;
  #text: string | undefined;
  #bytes: Buffer | undefined;

  constructor(
    public status: number,
    public headers: Record<string, string>,
    text: string,
  ) {
    this.#text = text;
  }

  /** The body as UTF-8 bytes, encoded on first read. */
  get body(): Buffer {
    if (this.#bytes === undefined) this.#bytes = Buffer.from(this.#text ?? "", "utf8");
    return this.#bytes;
  }

  /** Replacing the bytes drops the text they were made from. */
  set body(bytes: Buffer) {
    this.#bytes = bytes;
    this.#text = undefined;
  }

  /** The body as text while `body` has not been replaced (its UTF-8 encoding is `body`). */
  get bodyText(): string | undefined {
    return this.#text;
  }
}
