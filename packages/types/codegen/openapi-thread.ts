// Starts the openapi-typescript worker (openapi-worker.ts) early and hands it the document later.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { OpenAPI3 } from "openapi-typescript";
import type { RenderReply, RenderRequest } from "./openapi-worker.js";

export interface OpenApiTypesThread {
  /** Renders src/generated/openapi.ts from a document whose `description`s are plain text (once). */
  render(document: OpenAPI3): Promise<string>;
  /** Stops the thread (also when render was never called, e.g. the model had errors). */
  close(): Promise<void>;
}

/**
 * The compiled worker, or (when this module runs from its .ts source, under vitest or tsx) the worker's
 * source behind tsx, which the thread registers for itself: Node 20 threads do not inherit module hooks.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./openapi-worker.js", import.meta.url));
  const source = new URL("./openapi-worker.ts", import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/** tsx's ES module API (`tsx/esm/api`), found from here: code run with `eval` resolves from the cwd. */
function tsxApiUrl(): string {
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const { exports } = JSON.parse(readFileSync(manifest, "utf8")) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const entry = exports["./esm/api"]?.import.default;
  if (entry === undefined) throw new Error("tsx/esm/api not found: is tsx installed?");
  return pathToFileURL(path.join(path.dirname(manifest), entry)).href;
}

export function startOpenApiTypesThread(): OpenApiTypesThread {
  const worker = startWorker();
  // Loading alone must not keep the process alive: a failed model build exits without waiting for it.
  worker.unref();
  let failure: Error | undefined;
  worker.once("error", (error) => {
    failure = error;
  });
  return {
    render(document) {
      if (failure) return Promise.reject(failure);
      worker.ref();
      return new Promise<string>((resolve, reject) => {
        const onError = (error: Error) => reject(new Error(`openapi-typescript worker: ${error.message}`));
        worker.once("error", onError);
        worker.once("exit", (code) => reject(new Error(`openapi-typescript worker exited (code ${code})`)));
        worker.once("message", (reply: RenderReply) => {
          worker.off("error", onError);
          worker.unref();
          if (reply.ok) resolve(reply.text);
          else reject(new Error(`openapi-typescript: ${reply.error}`));
        });
        worker.postMessage({ document } satisfies RenderRequest);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
