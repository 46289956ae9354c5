// Renders src/generated/openapi.ts: openapi-typescript's wire types (`paths`, `components`, `operations`).
import { plainDocText } from "@seqstore/smithy";
import type { OpenAPI3 } from "openapi-typescript";
import { renderPlainDocument } from "./render-openapi.js";

export async function renderOpenApiTypes(document: OpenAPI3): Promise<string> {
  return renderPlainDocument(withPlainDescriptions(document) as OpenAPI3);
}

/** A copy of the document whose `description` texts have their HTML removed (Smithy docs are HTML). */
export function withPlainDescriptions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withPlainDescriptions);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === "description" && typeof value === "string" ? plainDocText(value) : withPlainDescriptions(value),
    ]),
  );
}
