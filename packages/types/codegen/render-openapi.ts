// openapi-typescript's wire types (`paths`, `components`, `operations`) as the text of src/generated/openapi.ts.
// No Smithy toolchain here: this module also runs alone in the openapi-typescript worker thread.
import { createRequire } from "node:module";
import type { OpenAPI3 } from "openapi-typescript";
import { requireWithCodeCache } from "./code-cache.js";
import { GENERATED_HEADER } from "./header.js";

type OpenApiTypescript = typeof import("openapi-typescript");

let loaded: OpenApiTypescript | undefined;

/**
 * openapi-typescript, loaded through its CommonJS build. Importing the ES module build makes Node run
 * its CommonJS-export scan and module-format detection over the 9 MB `typescript` package, which
 * costs more than the rest of the generation (measured: 1.3 s vs 0.6 s to load); both builds are
 * the same code. The `typescript` it requires is loaded first, through V8's code cache (code-cache.ts).
 */
export function loadOpenApiTypescript(): OpenApiTypescript {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  // The very file openapi-typescript's own `require("typescript")` finds.
  const typescript = createRequire(require.resolve("openapi-typescript")).resolve("typescript");
  requireWithCodeCache(typescript);
  loaded = require("openapi-typescript") as OpenApiTypescript;
  return loaded;
}

/** The module text for a document whose `description`s are already plain text. */
export async function renderPlainDocument(document: OpenAPI3): Promise<string> {
  const { default: openapiTS, astToString } = loadOpenApiTypescript();
  // alphabetize keeps the output stable whatever order the converter writes keys in.
  const nodes = await openapiTS(document, { alphabetize: true, silent: true });
  return `${GENERATED_HEADER}\n\n${reindent(astToString(nodes))}`;
}

/** The TypeScript printer indents by 4; the repository's style (biome.json) is 2. */
function reindent(source: string): string {
  return source.replace(/^( {4})+/gm, (indent) => " ".repeat(indent.length / 2));
}
