// Worker thread of the one-process generate (scripts/generate.mjs): it loads openapi-typescript the
// moment it starts, the slowest step of generation, while the main thread builds the model, and then
// renders the one document it is sent.
import { parentPort } from "node:worker_threads";
import type { OpenAPI3 } from "openapi-typescript";
import { loadOpenApiTypescript, renderPlainDocument } from "./render-openapi.js";

export interface RenderRequest {
  /** The OpenAPI document, `description`s already plain text. */
  document: OpenAPI3;
}

export type RenderReply = { ok: true; text: string } | { ok: false; error: string };

loadOpenApiTypescript();
parentPort?.once("message", (request: RenderRequest) => {
  renderPlainDocument(request.document).then(
    (text) => parentPort?.postMessage({ ok: true, text } satisfies RenderReply),
    (error: unknown) =>
      parentPort?.postMessage({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies RenderReply),
  );
});
