// Platform neutrality: the package bundled for browsers carries no Node import, and runs in a bare
// JavaScript realm that has only the Web APIs a browser has (no process, no require, no Buffer),
// where crc32 takes its table path.
import { createContext, runInContext } from "node:vm";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { crc32, encodeMessage, eventMessage } from "../src/index.js";

async function browserBundle(): Promise<string> {
  const result = await build({
    entryPoints: [new URL("../src/index.ts", import.meta.url).pathname],
    bundle: true,
    format: "iife",
    globalName: "eventstream",
    platform: "browser",
    write: false,
  });
  return result.outputFiles[0]?.text ?? "";
}

describe("the browser bundle", () => {
  it("imports nothing from Node and runs on Web APIs alone", async () => {
    const code = await browserBundle();
    expect(code).not.toMatch(/require\(|from "node:|import\(/);

    const realm = createContext({ TextEncoder, TextDecoder, ReadableStream, TransformStream, atob });
    runInContext(code, realm);
    const run = (source: string) => runInContext(source, realm) as unknown;
    expect(run("typeof process + typeof require + typeof Buffer")).toBe("undefinedundefinedundefined");

    const bytes = Array.from(
      encodeMessage(
        eventMessage("part", { body: new Uint8Array(5000).fill(9), contentType: "application/octet-stream" }),
      ),
    );
    const encodedThere = run(`
      Array.from(eventstream.encodeMessage(eventstream.eventMessage("part", {
        body: new Uint8Array(5000).fill(9), contentType: "application/octet-stream" })))`);
    expect(encodedThere).toEqual(bytes);
    const big = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    expect(run(`eventstream.crc32(new Uint8Array(100000).map((_, i) => (i * 7) % 256))`)).toBe(crc32(big));
    const decoded = await (run(`
      (async () => {
        const bytes = Uint8Array.from(${JSON.stringify(bytes)});
        const out = [];
        for await (const m of eventstream.decodeMessages(new ReadableStream({ start(c) { c.enqueue(bytes.subarray(0, 7)); c.enqueue(bytes.subarray(7)); c.close(); } })))
          out.push([eventstream.readEventStreamMessage(m).eventType, m.body.length]);
        return out;
      })()`) as Promise<unknown>);
    expect(decoded).toEqual([["part", 5000]]);
  });
});
