// The types, client and server generators on any restJson1 model, in memory: the files `npm run generate`
// would write into each package, by package and path, without touching the packages. Used by the
// AWS-model compile test and the bench's generate figure.
import { loadClient, loadServer, loadTypes } from "./codegen-modules.mjs";

/** OpenAPI settings as model/smithy-build.json gives them, for any service. */
export const OPENAPI_SETTINGS = {
  protocol: "aws.protocols#restJson1",
  version: "3.1.0",
  tags: true,
  ignoreUnsupportedTraits: true,
};

/**
 * @typedef {{ types: Record<string, string>, client: Record<string, string>, server: Record<string, string> }} ServiceFiles
 *   package-relative paths (`src/generated/…`) → source, per package
 */

/**
 * @param {{ root: string, model: import("@seqstore/smithy").AstModel, serviceId: string }} input
 * @returns {Promise<ServiceFiles>}
 */
export async function renderService({ root, model, serviceId }) {
  const [{ convertToOpenApi, formatEvent, isFailure }, types, client, server] = await Promise.all([
    import("@seqstore/smithy"),
    loadTypes(root),
    loadClient(root),
    loadServer(root),
  ]);
  const converted = convertToOpenApi(model, { service: serviceId, ...OPENAPI_SETTINGS });
  const failures = converted.events.filter(isFailure);
  if (converted.document === undefined || failures.length > 0) {
    throw new Error(`OpenAPI conversion of ${serviceId} failed:\n${failures.map(formatEvent).join("\n")}`);
  }
  const document = converted.document;
  const [typesFiles, serverFiles] = await Promise.all([
    types.renderTypesFiles({ model, serviceId, document }),
    server.renderFiles({ model, serviceId, openApi: { document, source: `${serviceId}.openapi.json` } }),
  ]);
  const clientFiles = Object.fromEntries(
    Object.entries(client.renderClientFiles({ model, serviceId })).map(([file, source]) => [
      `src/generated/${file}`,
      source,
    ]),
  );
  return { types: typesFiles, client: clientFiles, server: serverFiles };
}
