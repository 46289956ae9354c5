/// <reference types="node" />
// The streaming-blob helpers with Node streams (what a Node Readable gives them) as well as web streams.
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  isOneShotStream,
  knownLength,
  sizedStream,
  toWebStream,
  withStreamHelpers,
} from "../src/streaming-blob.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const webStream = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(bytes(chunk));
      controller.close();
    },
  });
const text = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe("streaming blobs", () => {
  it.each([
    ["bytes", bytes("abc"), false, 3],
    ["text (UTF-8 length)", "a✓", false, 4],
    ["a Blob", new Blob(["abcd"]), false, 4],
    ["a web stream", webStream("x"), true, undefined],
    ["a Node Readable", Readable.from(["x"]), true, undefined],
  ] as const)("tells %s apart: one-shot %s, length %s", (_name, value, oneShot, length) => {
    expect(isOneShotStream(value)).toBe(oneShot);
    expect(knownLength(value)).toBe(length);
  });

  it("declares a stream's length, and refuses one that is not a byte count", () => {
    const stream = sizedStream(Readable.from(["12345"]), 5);
    expect(knownLength(stream)).toBe(5);
    expect(() => sizedStream(webStream(), -1)).toThrow(RangeError);
    expect(() => sizedStream(webStream(), 1.5)).toThrow(/whole number of bytes/);
  });

  it("reads an async iterable, a Node Readable and a web stream as a web stream", async () => {
    async function* generate() {
      yield bytes("a");
      yield bytes("b");
    }
    expect(await text(toWebStream(generate()))).toBe("ab");
    expect(await text(toWebStream(Readable.from([Buffer.from("c"), Buffer.from("d")])))).toBe("cd");
    const web = webStream("e");
    expect(toWebStream(web)).toBe(web);
  });

  it("errors the stream when a Node Readable closes before it ended, and when it fails", async () => {
    const cut = new PassThrough();
    const stream = toWebStream(cut);
    cut.write("partial");
    setImmediate(() => cut.destroy());
    await expect(text(stream)).rejects.toThrow(/premature close/);
    const failing = new PassThrough();
    const failed = toWebStream(failing);
    setImmediate(() => failing.destroy(new Error("socket reset")));
    await expect(text(failed)).rejects.toThrow(/socket reset/);
  });

  it("holds at most its read-ahead of a Node Readable the reader does not read", async () => {
    let produced = 0;
    const source = new Readable({
      read() {
        produced += 64 * 1024;
        this.push(Buffer.alloc(64 * 1024));
      },
    });
    const stream = toWebStream(source);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // 256 KiB queued plus what Node's own buffer holds: never the unbounded source.
    expect(produced).toBeLessThan(1024 * 1024);
    await stream.cancel();
    expect(source.destroyed).toBe(true);
  });

  it("discards instead of destroying when asked (a server's request body)", async () => {
    const source = Readable.from([Buffer.from("rest")]);
    const stream = toWebStream(source, "discard");
    await stream.cancel();
    expect(source.destroyed).toBe(false);
  });

  it("gives the SDK helpers, each reading the stream once", async () => {
    expect(await withStreamHelpers(webStream("he", "llo")).transformToByteArray()).toEqual(bytes("hello"));
    expect(await withStreamHelpers(webStream("✓")).transformToString()).toBe("✓");
    const once = withStreamHelpers(webStream("x"));
    expect(await text(once.transformToWebStream())).toBe("x");
    await expect(once.transformToString()).rejects.toThrow(/already consumed/);
    const locked = withStreamHelpers(webStream("y"));
    locked.getReader();
    expect(() => locked.transformToWebStream()).toThrow(/already consumed/);
  });
});
