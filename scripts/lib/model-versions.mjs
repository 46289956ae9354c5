// Loading the model twice for the workflow scripts: as committed at a git revision, and as it is in
// the working tree. Both go through @seqstore/smithy's `loadModelVersion` (so a smithy-build.json
// stands for its sources) and report problems as data, never as exceptions.
import { isAbsolute, relative } from "node:path";
import { formatEvent, isFailure, loadModelVersion, ModelVersionError } from "@seqstore/smithy";

/** @typedef {import("@seqstore/smithy").AstModel} AstModel */
/** @typedef {{ ok: true, model: AstModel, label: string } | { ok: false, problems: string[] }} VersionLoad */

/** The model's build config, repository-relative. */
export const MODEL_CONFIG = "model/smithy-build.json";

/**
 * @param {import("@seqstore/smithy").ModelVersionSpec} spec
 * @param {string} root
 * @returns {VersionLoad}
 */
function load(spec, root) {
  try {
    const version = loadModelVersion(spec, root);
    if (version.ok) return { ok: true, model: version.model, label: version.label };
    const problems = version.events.filter(isFailure).map((event) => {
      const where = event.sourceLocation;
      const shown =
        where && isAbsolute(where.filename)
          ? { ...event, sourceLocation: { ...where, filename: relative(root, where.filename) } }
          : event;
      return formatEvent(shown).split("\n")[0] ?? "";
    });
    return { ok: false, problems: [`${version.label} does not load:`, ...problems] };
  } catch (error) {
    if (error instanceof ModelVersionError) return { ok: false, problems: [error.message] };
    throw error;
  }
}

/**
 * The model at git revision `ref` (read with `git show`, so the working tree does not matter).
 * @param {string} root the git work tree
 * @param {string} ref
 * @param {string} [config] repository-relative smithy-build.json
 */
export function loadModelAt(root, ref, config = MODEL_CONFIG) {
  return load({ kind: "git", ref, paths: [config] }, root);
}

/**
 * The model in the working tree.
 * @param {string} root
 * @param {string} [config] repository-relative smithy-build.json
 */
export function loadWorkingModel(root, config = MODEL_CONFIG) {
  return load({ kind: "paths", paths: [config] }, root);
}

/**
 * `version` of every service shape, by shape ID: a changed version marks a deliberate API bump.
 * @param {AstModel} model
 * @returns {Map<string, string>}
 */
export function serviceVersions(model) {
  /** @type {Map<string, string>} */
  const versions = new Map();
  for (const [id, shape] of Object.entries(model.shapes)) {
    if (shape.type === "service") versions.set(id, shape.version ?? "");
  }
  return versions;
}
