// Prints plain data as a TypeScript object literal (2-space indent, unquoted identifier keys).

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

export function printLiteral(value: unknown, indent = ""): string {
  if (value === undefined) return "undefined";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((item) => printLiteral(item, inner));
    const flat = `[${items.join(", ")}]`;
    if (!flat.includes("\n") && flat.length + indent.length < 100) return flat;
    return `[\n${items.map((item) => `${inner}${item},\n`).join("")}${indent}]`;
  }
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return "{}";
  const printed = entries.map(([key, item]) => `${propertyKey(key)}: ${printLiteral(item, inner)}`);
  const flat = `{ ${printed.join(", ")} }`;
  if (!flat.includes("\n") && flat.length + indent.length < 100) return flat;
  return `{\n${printed.map((entry) => `${inner}${entry},\n`).join("")}${indent}}`;
}
