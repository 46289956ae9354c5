// Browser bundles take node-http-fetch.browser.ts (package.json "browser"): they carry none of the
// node:http engine, and a call without a `fetch` option goes through the realm's global fetch.
import { createContext, runInContext } from "node:vm";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const packageRoot = new URL("..", import.meta.url).pathname;

async function bundle(platform: "browser" | "node"): Promise<string> {
  const result = await build({
    stdin: {
      contents: 'export { createOmicsClient, GetReadSet } from "./src/index.ts";',
      resolveDir: packageRoot,
      loader: "ts",
    },
    bundle: true,
    format: "iife",
    globalName: "omics",
    platform,
    write: false,
  });
  return result.outputFiles[0]?.text ?? "";
}

describe("the client's browser bundle", () => {
  it("leaves out the node:http engine, which a Node bundle keeps", async () => {
    const [browser, node] = await Promise.all([bundle("browser"), bundle("node")]);
    for (const nodeOnly of ["getBuiltinModule", "node:http"]) {
      expect(node).toContain(nodeOnly);
      expect(browser).not.toContain(nodeOnly);
    }
  });

  it("sends a call through the global fetch", async () => {
    const sent: string[] = [];
    const realm = createContext({
      fetch: async (input: string, init: RequestInit) => {
        sent.push(`${init.method} ${input}`);
        return new Response('{"id":"1234567890","name":"store"}', {
          headers: { "content-type": "application/json" },
        });
      },
      Request,
      Response,
      Headers,
      FormData,
      ReadableStream,
      URL,
      URLSearchParams,
      TextEncoder,
      TextDecoder,
      crypto: globalThis.crypto,
      setTimeout,
    });
    runInContext(await bundle("browser"), realm);
    const output = (await runInContext(
      `omics.createOmicsClient({ baseUrl: "https://omics.test", disableHostPrefix: true })
        .createSequenceStore({ name: "store" })`,
      realm,
    )) as { id: string };
    expect(output.id).toBe("1234567890");
    expect(sent).toEqual(["POST https://omics.test/sequencestore"]);
  });
});
