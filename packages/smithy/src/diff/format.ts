// Output of `smithy diff`: an aligned table for people, JSON for tools.
import type { DiffEvent, DiffSeverity } from "./types.js";

export interface DiffCounts {
  errors: number;
  warnings: number;
  notes: number;
}

export function countDiffEvents(events: readonly DiffEvent[]): DiffCounts {
  const count = (severity: DiffSeverity) => events.filter((e) => e.severity === severity).length;
  return { errors: count("ERROR"), warnings: count("WARNING"), notes: count("NOTE") };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `2 errors, 1 warning, 0 notes` */
export function formatDiffSummary(events: readonly DiffEvent[]): string {
  const { errors, warnings, notes } = countDiffEvents(events);
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(notes, "note")}`;
}

export function formatDiffTable(events: readonly DiffEvent[]): string {
  if (events.length === 0) return `No differences.\n${formatDiffSummary(events)}\n`;
  const header: [string, string, string, string] = ["SEVERITY", "EVENT", "SHAPE", "MESSAGE"];
  const rows = events.map((e): [string, string, string, string] => [e.severity, e.id, e.shapeId, e.message]);
  const width = (column: 0 | 1 | 2) => Math.max(...[header, ...rows].map((row) => row[column].length));
  const widths = [width(0), width(1), width(2)] as const;
  const line = (row: [string, string, string, string]) =>
    `${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2].padEnd(widths[2])}  ${row[3]}`.trimEnd();
  return `${[header, ...rows].map(line).join("\n")}\n\n${formatDiffSummary(events)}\n`;
}

export function formatDiffJson(events: readonly DiffEvent[]): string {
  return `${JSON.stringify({ summary: countDiffEvents(events), events }, null, 2)}\n`;
}
