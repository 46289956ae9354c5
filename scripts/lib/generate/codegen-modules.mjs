// The generators of packages/types, client and server as their `build:codegen` tasks compile them
// (dist-codegen/), loaded by path at run time. The typedefs are the part of each module the one-process
// generate uses; a generator that stops fitting them fails the generate tests (scripts/test/generate.test.mjs).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** @typedef {import("@seqstore/smithy").AstModel} AstModel */
/** @typedef {{ model: AstModel, serviceId: string }} ModelInput */
/**
 * @typedef {{
 *   render(document: unknown): Promise<string>,
 *   close(): Promise<void>,
 * }} OpenApiTypesThread
 */
/** @typedef {{ startOpenApiTypesThread(): OpenApiTypesThread }} TypesThreadModule */
/**
 * @typedef {{
 *   generateTypes(input: ModelInput & {
 *     document: unknown,
 *     renderOpenApi?: (plainDocument: unknown) => Promise<string>,
 *   }): Promise<string[]>,
 *   renderTypesFiles(input: ModelInput & { document: unknown }): Promise<Record<string, string>>,
 * }} TypesModule
 */
/**
 * @typedef {{
 *   generateClient(input: ModelInput): string[],
 *   renderClientFiles(input: ModelInput): Record<string, string>,
 * }} ClientModule
 */
/**
 * @typedef {{
 *   generateServer(input: ModelInput & { openApi: { document: unknown, source: string } }): Promise<string[]>,
 *   renderFiles(input: ModelInput & { openApi: { document: unknown, source: string } }): Promise<Record<string, string>>,
 * }} ServerModule
 */

/** Repository-relative entry points, built by `turbo run build:codegen` (a dependency of generate:all). */
export const CODEGEN_ENTRIES = {
  typesThread: "packages/types/dist-codegen/openapi-thread.js",
  types: "packages/types/dist-codegen/generate.js",
  client: "packages/client/dist-codegen/generate.js",
  server: "packages/server/dist-codegen/codegen/generate.js",
};

/**
 * @param {string} root
 * @param {keyof typeof CODEGEN_ENTRIES} entry
 * @returns {Promise<unknown>}
 */
async function load(root, entry) {
  const file = join(root, CODEGEN_ENTRIES[entry]);
  if (!existsSync(file)) {
    throw new Error(
      `${CODEGEN_ENTRIES[entry]} is missing: build the generators first (npx turbo run build:codegen)`,
    );
  }
  return import(pathToFileURL(file).href);
}

/** @param {string} root */
export const loadTypesThread = async (root) =>
  /** @type {TypesThreadModule} */ (await load(root, "typesThread"));
/** @param {string} root */
export const loadTypes = async (root) => /** @type {TypesModule} */ (await load(root, "types"));
/** @param {string} root */
export const loadClient = async (root) => /** @type {ClientModule} */ (await load(root, "client"));
/** @param {string} root */
export const loadServer = async (root) => /** @type {ServerModule} */ (await load(root, "server"));
