import { sha256Hex } from "@seqstore/sigv4/verify";

/**
 * JSON with object keys sorted at every level and undefined members dropped, so two requests that mean
 * the same thing serialize identically whatever order their members arrived in. Arrays keep their order:
 * in a list, order is part of the value. The text is stored (as its hash) with every token: it must never
 * change for the same value. Built by appending to one string: it runs on every create.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) text += (i === 0 ? "" : ",") + canonicalJson(value[i]);
    return `${text}]`;
  }
  const object = value as Record<string, unknown>;
  // sort() without a comparator orders by UTF-16 code units, as JSON text compares keys.
  const keys = Object.keys(object).sort();
  let text = "{";
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    text += `${text.length === 1 ? "" : ","}${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${text}}`;
}

/** SHA-256 of the canonical JSON: what the idempotency check compares. */
export function requestFingerprint(parameters: unknown): string {
  return sha256Hex(canonicalJson(parameters));
}
