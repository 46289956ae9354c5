// Renders src/generated/openapi.ts: openapi-typescript's wire types (`paths`, `components`, `operations`).
import openapiTS, { astToString } from "openapi-typescript";
import type { OpenAPI3 } from "openapi-typescript";
import { plainDocText } from "@seqstore/smithy";
import { GENERATED_HEADER } from "./shapes.js";

export async function renderOpenApiTypes(document: OpenAPI3): Promise<string> {
  // alphabetize keeps the output stable whatever order the converter writes keys in.
  const nodes = await openapiTS(withPlainDescriptions(document) as OpenAPI3, {
    alphabetize: true,
    silent: true,
  });
  return `${GENERATED_HEADER}\n\n${reindent(astToString(nodes))}`;
}

/** A copy of the document whose `description` texts have their HTML removed (Smithy docs are HTML). */
function withPlainDescriptions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withPlainDescriptions);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === "description" && typeof value === "string" ? plainDocText(value) : withPlainDescriptions(value),
    ]),
  );
}

/** The TypeScript printer indents by 4; the repository's style (biome.json) is 2. */
function reindent(source: string): string {
  return source.replace(/^( {4})+/gm, (indent) => " ".repeat(indent.length / 2));
}
