// The generators' support list (codegen-support.json) and the check `npm run generate` runs with it: a
// trait the client or server generator does not implement stops the Smithy build at its source location.
import { readFileSync } from "node:fs";

/** Repository-relative; the generators' owners extend it, the docs table in MODEL_README follows it. */
export const CODEGEN_SUPPORT_FILE = "scripts/lib/generate/codegen-support.json";
/** The protocol the generators speak: a service that does not declare it is refused. */
export const GENERATED_PROTOCOL = "aws.protocols#restJson1";
/** Where the "Supported Smithy features" table lives. */
export const FEATURES_DOC = "model/README.md";

/**
 * The support list next to this module (it describes these generators, whatever model they run on), checked.
 * @returns {Promise<import("@seqstore/smithy").CodegenSupport>}
 */
export async function readCodegenSupport() {
  const { parseCodegenSupport } = await import("@seqstore/smithy");
  const text = readFileSync(new URL("./codegen-support.json", import.meta.url), "utf8");
  return parseCodegenSupport(JSON.parse(text), CODEGEN_SUPPORT_FILE);
}

/**
 * A `check` for `smithy build` (CliHooks): the support check of the service generated for.
 * @param {string | undefined} serviceId the service, when the model may hold several
 * @returns {Promise<(loaded: import("@seqstore/smithy").LoadResult) => import("@seqstore/smithy").ValidationEvent[]>}
 */
export async function codegenSupportCheck(serviceId) {
  const [support, { checkCodegenSupport, pickService }] = await Promise.all([
    readCodegenSupport(),
    import("@seqstore/smithy"),
  ]);
  return (loaded) => {
    /** @type {string} */
    let service;
    try {
      service = pickService(loaded.model, serviceId);
    } catch (error) {
      const message = `No service to generate for: ${error instanceof Error ? error.message : String(error)}`;
      return [{ id: "CodegenSupport", severity: "ERROR", message }];
    }
    return checkCodegenSupport(loaded.model, support, {
      serviceId: service,
      locations: loaded.locations,
      source: CODEGEN_SUPPORT_FILE,
      protocol: GENERATED_PROTOCOL,
    });
  };
}

/** The lines around the table in FEATURES_DOC. */
export const TABLE_START = "<!-- features table: follows scripts/lib/generate/codegen-support.json -->";
export const TABLE_END = "<!-- end of features table -->";

/**
 * The "Supported Smithy features" table of the support list, as FEATURES_DOC holds it.
 * @param {import("@seqstore/smithy").CodegenSupport} support
 * @returns {string}
 */
export function renderFeaturesTable(support) {
  /** @param {string} text */
  const cell = (text) => text.replaceAll("|", "\\|");
  const rows = support.features.map((entry) => {
    const trait = entry.trait.startsWith("smithy.api#") ? `@${entry.trait.slice(11)}` : entry.trait;
    const on = entry.on === undefined ? "" : ` on ${entry.on.join(", ")}`;
    const feature = entry.feature === undefined ? "" : ` (${entry.feature})`;
    return `| \`${trait}\`${on}${feature} | ${entry.client} | ${entry.server} | ${cell(entry.notes)} |`;
  });
  return ["| trait | client | server | notes |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/**
 * The model without the operations that reach a feature the generators do not implement (e.g. event
 * streams), and those operations with the problems that excluded them: for runners that generate what
 * they can of a model they do not own (the protocol tests, AWS's models). Throws when a problem reaches
 * no operation (a trait on the service itself), since leaving operations out cannot fix that.
 * @param {import("@seqstore/smithy").LoadResult} loaded
 * @param {string} serviceId
 * @returns {Promise<{ model: import("@seqstore/smithy").AstModel, excluded: Map<string, import("@seqstore/smithy").ValidationEvent[]> }>}
 */
export async function withoutUnsupportedOperations(loaded, serviceId) {
  const [support, smithy] = await Promise.all([readCodegenSupport(), import("@seqstore/smithy")]);
  const options = {
    serviceId,
    locations: loaded.locations,
    source: CODEGEN_SUPPORT_FILE,
    protocol: GENERATED_PROTOCOL,
  };
  const problems = smithy.checkCodegenSupport(loaded.model, support, options);
  const excluded = smithy.operationsAffected(loaded.model, serviceId, problems);
  const model = smithy.withoutOperations(loaded.model, excluded.keys());
  const left = smithy.checkCodegenSupport(model, support, options);
  if (left.length > 0) {
    throw new Error(
      `${serviceId} needs what the generators lack:\n${left.map(smithy.formatEvent).join("\n")}`,
    );
  }
  return { model, excluded };
}
