// Validation events: what every stage reports instead of throwing on bad input.

export type Severity = "SUPPRESSED" | "NOTE" | "WARNING" | "DANGER" | "ERROR";

export interface SourceLocation {
  filename: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

export interface ValidationEvent {
  /** Event ID, e.g. "Model", "Target", "TraitValue", "HttpLabelTrait". */
  id: string;
  severity: Severity;
  message: string;
  /** Absolute shape ID the event is about, when it is about one. */
  shapeId?: string;
  sourceLocation?: SourceLocation;
  suppressionReason?: string;
}

const SEVERITY_ORDER: Record<Severity, number> = { SUPPRESSED: 0, NOTE: 1, WARNING: 2, DANGER: 3, ERROR: 4 };

export function isFailure(event: ValidationEvent): boolean {
  return event.severity === "ERROR" || event.severity === "DANGER";
}

export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_ORDER[a] - SEVERITY_ORDER[b];
}

/** `path/file.smithy:LINE:COL: ERROR message (EventId)` — the format the CLI prints. */
export function formatEvent(event: ValidationEvent): string {
  const where = event.sourceLocation
    ? `${event.sourceLocation.filename}:${event.sourceLocation.line}:${event.sourceLocation.column}: `
    : "";
  const shape = event.shapeId ? ` [${event.shapeId}]` : "";
  return `${where}${event.severity} ${event.message}${shape} (${event.id})`;
}
