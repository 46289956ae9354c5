// The breaking-change policy: a model change that `smithy diff` rates ERROR (it breaks existing
// clients or servers) fails the check unless it is deliberate, which means either the service
// `version` changed too, or every ERROR is acknowledged in model/breaking-changes.json.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ruleIdOf } from "@seqstore/smithy";
import { resolveCommit, tryGit } from "./git.mjs";

/** Repository-relative path of the acknowledged exceptions. */
export const ACKNOWLEDGED_FILE = "model/breaking-changes.json";

/** @typedef {import("@seqstore/smithy").DiffEvent} DiffEvent */
/** @typedef {{ id: string, shapeId: string, reason: string }} Acknowledgement */
/** @typedef {{ service: string, from: string, to: string }} VersionBump */
/**
 * @typedef {{
 *   breaking: DiffEvent[],
 *   bumps: VersionBump[],
 *   unacknowledged: DiffEvent[],
 *   unused: Acknowledgement[],
 *   ok: boolean,
 * }} PolicyVerdict
 */

/** A problem with the acknowledgements file; the message names the file and the entry. */
export class AcknowledgementsError extends Error {}

/**
 * Reads and checks the acknowledgements file; a missing file acknowledges nothing.
 * @param {string} path
 * @param {string} [shownAs] the name used in messages
 * @returns {Acknowledgement[]}
 */
export function readAcknowledgements(path, shownAs = ACKNOWLEDGED_FILE) {
  if (!existsSync(path)) return [];
  /** @type {unknown} */
  let raw;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new AcknowledgementsError(
      `${shownAs}: invalid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!Array.isArray(raw)) {
    throw new AcknowledgementsError(`${shownAs}: expected a list of { "id", "shapeId", "reason" } objects`);
  }
  return raw.map((entry, index) => {
    const where = `${shownAs}: entry ${index + 1}`;
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
      throw new AcknowledgementsError(`${where} must be an object with "id", "shapeId" and "reason"`);
    }
    const record = /** @type {Record<string, unknown>} */ (entry);
    for (const key of ["id", "shapeId", "reason"]) {
      const value = record[key];
      if (typeof value !== "string" || value.trim() === "") {
        throw new AcknowledgementsError(
          key === "reason"
            ? `${where}: "reason" must say why breaking existing clients is acceptable`
            : `${where}: "${key}" must be a non-empty string (copy it from the smithy diff report)`,
        );
      }
    }
    const reason = String(record.reason).trim();
    if (reason === PLACEHOLDER_REASON || /^TODO\b/i.test(reason)) {
      throw new AcknowledgementsError(
        `${where}: "reason" is still the placeholder ("${reason}"); say why breaking existing clients is acceptable`,
      );
    }
    return { id: String(record.id), shapeId: String(record.shapeId), reason: String(record.reason) };
  });
}

/**
 * Whether `ack` covers `event`: same shape, and the full event ID or its rule ID
 * (`ChangedNullability` covers `ChangedNullability.AddedRequiredTrait`).
 * @param {Acknowledgement} ack
 * @param {DiffEvent} event
 */
export function acknowledges(ack, event) {
  return ack.shapeId === event.shapeId && (ack.id === event.id || ack.id === ruleIdOf(event.id));
}

/**
 * Services present in both versions whose `version` changed.
 * @param {ReadonlyMap<string, string>} before
 * @param {ReadonlyMap<string, string>} after
 * @returns {VersionBump[]}
 */
export function versionBumps(before, after) {
  /** @type {VersionBump[]} */
  const bumps = [];
  for (const [service, from] of before) {
    const to = after.get(service);
    if (to !== undefined && to !== from) bumps.push({ service, from, to });
  }
  return bumps;
}

/**
 * @param {{
 *   events: readonly DiffEvent[],
 *   versionsBefore: ReadonlyMap<string, string>,
 *   versionsAfter: ReadonlyMap<string, string>,
 *   acknowledged: readonly Acknowledgement[],
 * }} input
 * @returns {PolicyVerdict}
 */
export function evaluateBreakingPolicy({ events, versionsBefore, versionsAfter, acknowledged }) {
  const breaking = events.filter((e) => e.severity === "ERROR");
  const bumps = versionBumps(versionsBefore, versionsAfter);
  const unacknowledged = breaking.filter((e) => !acknowledged.some((ack) => acknowledges(ack, e)));
  const unused = acknowledged.filter((ack) => !breaking.some((e) => acknowledges(ack, e)));
  return {
    breaking,
    bumps,
    unacknowledged,
    unused,
    ok: breaking.length === 0 || bumps.length > 0 || unacknowledged.length === 0,
  };
}

/**
 * @typedef {{ ref: string, why: string } | { skip: string } | { error: string }} BaseChoice
 */

/**
 * Which commit to compare the working tree with: `explicit` (--base or SEQSTORE_DIFF_BASE), else the merge
 * base with origin/main, else the previous commit. On main itself the merge base is HEAD, and a clean
 * checkout of HEAD has nothing to compare, so there too the previous commit is checked.
 * @param {string} root
 * @param {string | undefined} explicit
 * @param {string} modelDir repository-relative, to tell whether the model has uncommitted edits
 * @param {string} label where `explicit` came from (`--base` or `SEQSTORE_DIFF_BASE`), as messages name it
 * @returns {BaseChoice}
 */
export function chooseBase(root, explicit, modelDir = "model", label = "SEQSTORE_DIFF_BASE") {
  if (explicit !== undefined && explicit !== "") {
    const named = label.startsWith("--") ? `${label} ${explicit}` : `${label}=${explicit}`;
    return resolveCommit(explicit, root) === undefined
      ? { error: `${named} does not name a commit in this repository` }
      : { ref: explicit, why: label };
  }
  const head = resolveCommit("HEAD", root);
  if (head === undefined) return { skip: "the repository has no commits yet" };
  const status = tryGit(["status", "--porcelain", "--", modelDir, `:(exclude)${modelDir}/generated`], root);
  const modelEdited = (status ?? "").trim() !== "";
  if (resolveCommit("origin/main", root) !== undefined) {
    const mergeBase = tryGit(["merge-base", "HEAD", "origin/main"], root)?.trim();
    if (mergeBase && (mergeBase !== head || modelEdited)) {
      return { ref: mergeBase, why: "merge base with origin/main" };
    }
  }
  if (resolveCommit("HEAD~1", root) !== undefined) return { ref: "HEAD~1", why: "previous commit" };
  return {
    skip: "there is no earlier commit to compare with (first commit or a shallow clone); set SEQSTORE_DIFF_BASE to a commit to check against it",
  };
}

/** The `reason` the printed template suggests; an entry that still holds it acknowledges nothing. */
export const PLACEHOLDER_REASON = "TODO: why this break is acceptable";

/**
 * The lines to paste into the acknowledgements file for `events`.
 * @param {readonly DiffEvent[]} events
 */
export function acknowledgementTemplate(events) {
  const entries = events.map((e) => ({
    id: e.id,
    shapeId: e.shapeId,
    reason: PLACEHOLDER_REASON,
  }));
  return JSON.stringify(entries, null, 2);
}

/**
 * @param {string} root
 * @param {string} [file]
 */
export function acknowledgementsPath(root, file = ACKNOWLEDGED_FILE) {
  return join(root, file);
}
