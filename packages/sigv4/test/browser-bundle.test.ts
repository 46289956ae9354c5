// The isomorphic entry points, bundled for browsers, import nothing from Node and sign in a bare realm
// that has only Web APIs (Web Crypto, TextEncoder, streams): the same signatures as in Node.
import { createContext, runInContext } from "node:vm";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { EventStreamSigner } from "../src/event-stream.js";
import { signRequest } from "../src/index.js";
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY, SIGNING_DATE } from "./oracle.js";

async function browserBundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents:
        'export { signRequest } from "./src/index.ts"; export { EventStreamSigner } from "./src/event-stream.ts";',
      resolveDir: new URL("..", import.meta.url).pathname,
      loader: "ts",
    },
    bundle: true,
    format: "iife",
    globalName: "sigv4",
    platform: "browser",
    write: false,
  });
  return result.outputFiles[0]?.text ?? "";
}

describe("the browser bundle of the signer and the event-stream signer", () => {
  it("imports nothing from Node and signs as in Node", async () => {
    const code = await browserBundle();
    expect(code).not.toMatch(/require\(|from "node:|import\(/);
    const realm = createContext({
      TextEncoder,
      TextDecoder,
      ReadableStream,
      TransformStream,
      URL,
      crypto: globalThis.crypto,
    });
    runInContext(code, realm);
    const options = {
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET_ACCESS_KEY,
      region: "us-east-1",
      service: "omics",
    };
    const there = (await runInContext(
      `(async () => {
        const options = { ...${JSON.stringify(options)}, now: new Date(${SIGNING_DATE.getTime()}) };
        const headers = await sigv4.signRequest({ method: "POST", url: "https://example.com/x", body: "{}" }, options);
        const signer = new sigv4.EventStreamSigner({ ...options, seedSignature: "${"a".repeat(64)}", now: () => options.now });
        return { headers, frame: Array.from(await signer.sign(new TextEncoder().encode("event"))) };
      })()`,
      realm,
    )) as { headers: Record<string, string>; frame: number[] };
    const here = await signRequest(
      { method: "POST", url: "https://example.com/x", body: "{}" },
      { ...options, now: SIGNING_DATE },
    );
    const signer = new EventStreamSigner({
      ...options,
      seedSignature: "a".repeat(64),
      now: () => SIGNING_DATE,
    });
    expect(there.headers).toEqual(here);
    expect(there.frame).toEqual(Array.from(await signer.sign(new TextEncoder().encode("event"))));
  });
});
