import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted at every level and undefined members dropped, so two requests that mean
 * the same thing serialize identically whatever order their members arrived in. Arrays keep their order:
 * in a list, order is part of the value.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(",")}}`;
}

/** SHA-256 of the canonical JSON: what the idempotency check compares. */
export function requestFingerprint(parameters: unknown): string {
  return createHash("sha256").update(canonicalJson(parameters)).digest("hex");
}
