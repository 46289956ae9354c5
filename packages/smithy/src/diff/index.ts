// Public API of `smithy diff`.
export type { LoneMember, MemberPair, ShapePair, TraitHolderPair } from "./context.js";
export { DiffContext } from "./context.js";
export { compareDiffEvents, diffModels, ruleIdOf } from "./diff-models.js";
export type { DiffCounts } from "./format.js";
export { countDiffEvents, formatDiffJson, formatDiffSummary, formatDiffTable } from "./format.js";
export type { LoadedModelVersion, ModelVersionSpec } from "./load-version.js";
export { loadModelVersion, ModelVersionError, parseModelVersionSpec } from "./load-version.js";
export { DIFF_RULES } from "./rules/index.js";
export { summarizeApiChanges } from "./summary.js";
export type { DiffCategory, DiffEvent, DiffOptions, DiffRule, DiffSeverity } from "./types.js";
export { DIFF_SEVERITIES } from "./types.js";
export type { DiffCommandIo } from "./command.js";
export { DIFF_HELP, formatRuleList, runDiffCommand } from "./command.js";
