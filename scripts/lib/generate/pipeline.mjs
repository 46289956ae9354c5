// `npm run generate` in one Node process: our `smithy build` of model/smithy-build.json, the API
// changelog, then the types, client and server generators on the model loaded once. openapi-typescript,
// the slowest part, loads in a worker thread from the start, while the main thread builds the model.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { codegenSupportCheck } from "./codegen-support.mjs";
import { loadClient, loadServer, loadTypes, loadTypesThread } from "./codegen-modules.mjs";
import { deepFreeze } from "./deep-freeze.mjs";

export const MODEL_CONFIG = "model/smithy-build.json";
/** What the `openapi` plugin of MODEL_CONFIG writes (the service is com.amazonaws.omics#Omics). */
export const OPENAPI_DOCUMENT = "model/generated/source/openapi/Omics.openapi.json";

/**
 * Files as `dir/{a,b}` relative to `root`, for the one line each generator prints.
 * @param {string} root
 * @param {readonly string[]} files absolute paths
 */
export function describeWritten(root, files) {
  const shown = files.map((file) => relative(root, file));
  const dirs = [...new Set(shown.map((file) => file.slice(0, file.lastIndexOf("/"))))];
  if (dirs.length !== 1 || shown.length < 2) return shown.join(", ");
  return `${dirs[0]}/{${shown.map((file) => file.slice(file.lastIndexOf("/") + 1)).join(",")}}`;
}

/**
 * The service the model's OpenAPI plugin converts, which is the one generated for.
 * @param {string} root
 * @returns {string | undefined}
 */
function configuredService(root) {
  /** @type {{ plugins?: { openapi?: { service?: unknown } } } | undefined} */
  let config;
  try {
    config = JSON.parse(readFileSync(join(root, MODEL_CONFIG), "utf8"));
  } catch {
    return undefined; // the smithy build reports the missing or broken config itself
  }
  const service = config?.plugins?.openapi?.service;
  return typeof service === "string" ? service : undefined;
}

/**
 * Runs every step; returns the exit code (diagnostics are printed as they come).
 * @param {string} root the repository
 * @returns {Promise<number>}
 */
export async function generateAll(root) {
  /** @type {import("./codegen-modules.mjs").OpenApiTypesThread | undefined} */
  let thread;
  try {
    // First, before anything loads the Smithy toolchain: the thread's load is the longest step.
    thread = (await loadTypesThread(root)).startOpenApiTypesThread();
    const openApiThread = thread;
    // The CLI's own entry, so the build reads smithy-build.json and reports exactly as `smithy build`.
    const [{ main: smithy }, { runApiChanges }, check] = await Promise.all([
      import("../../../packages/smithy/dist/cli.js"),
      import("../api-changes-step.mjs"),
      codegenSupportCheck(configuredService(root)),
    ]);
    // The support check runs inside the build, on the sources: a trait the generators do not implement
    // stops it at its file:line:col, before anything is written.
    if ((await smithy(["build", "--config", join(root, MODEL_CONFIG)], { check })) !== 0) return 1;
    if (runApiChanges(root) !== 0) return 1;

    const [{ GENERATED_MODEL_PATH, loadGeneratedModel, pickService }, types, client, server] =
      await Promise.all([import("@seqstore/smithy"), loadTypes(root), loadClient(root), loadServer(root)]);
    // Loaded and validated once for all three generators, which only read them.
    const model = deepFreeze(loadGeneratedModel(join(root, GENERATED_MODEL_PATH)));
    const serviceId = pickService(model);
    const document = deepFreeze(
      /** @type {unknown} */ (JSON.parse(readFileSync(join(root, OPENAPI_DOCUMENT), "utf8"))),
    );

    const [typesFiles, serverFiles, clientFiles] = await Promise.all([
      types.generateTypes({
        model,
        serviceId,
        document,
        renderOpenApi: (plain) => openApiThread.render(plain),
      }),
      server.generateServer({ model, serviceId, openApi: { document, source: OPENAPI_DOCUMENT } }),
      Promise.resolve().then(() => client.generateClient({ model, serviceId })),
    ]);
    for (const files of [typesFiles, clientFiles, serverFiles]) {
      console.log(`wrote ${describeWritten(root, files)} for ${serviceId}`);
    }
    return 0;
  } catch (error) {
    console.error(`generate failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await thread?.close();
  }
}
