// A short Markdown changelog of what a model change does to the generated client and server APIs,
// for reviewers of `npm run generate` output.
import { compareDiffEvents, ruleIdOf } from "./diff-models.js";
import { formatDiffSummary } from "./format.js";
import { DIFF_RULES } from "./rules/index.js";
import type { DiffCategory, DiffEvent } from "./types.js";

const SECTIONS: [DiffCategory, string][] = [
  ["operations", "Operations"],
  ["shapes", "Types"],
  ["members", "Members"],
  ["enums", "Enum values"],
  ["constraints", "Validation constraints"],
  ["http", "HTTP and serialization"],
  ["other", "Other"],
];

const CATEGORY_OF = new Map(DIFF_RULES.map((rule) => [rule.id, rule.category]));

function categoryOf(event: DiffEvent): DiffCategory {
  return event.category ?? CATEGORY_OF.get(ruleIdOf(event.id)) ?? "other";
}

export function summarizeApiChanges(events: readonly DiffEvent[], title = "API changes"): string {
  const lines = [`## ${title}`, ""];
  if (events.length === 0) return `${[...lines, "No API changes."].join("\n")}\n`;
  const breaking = events.some((e) => e.severity === "ERROR");
  lines.push(`${breaking ? "**Breaking.** " : ""}${formatDiffSummary(events)}.`);
  const sorted = [...events].sort(compareDiffEvents);
  for (const [category, heading] of SECTIONS) {
    const inSection = sorted.filter((e) => categoryOf(e) === category);
    // Documentation edits are many and harmless: one line for all of them.
    const docs = inSection.filter((e) => e.id === "ChangedDocumentation");
    const listed = inSection.filter((e) => e.id !== "ChangedDocumentation");
    if (inSection.length === 0) continue;
    lines.push("", `### ${heading}`, "");
    for (const e of listed) lines.push(`- **${e.severity}** ${e.message}`);
    if (docs.length > 0) {
      lines.push(`- Documentation changed on ${docs.length} shape(s) or member(s)`);
    }
  }
  return `${lines.join("\n")}\n`;
}
