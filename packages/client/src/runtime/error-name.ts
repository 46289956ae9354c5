// Which error a restJson1 response carries, found the way AWS SDKs find it.

/**
 * Error names may arrive decorated: `aws.protocols#Name:http://internal/…` or `Name,Other`.
 * Keep the part before any `,` or `:`, then drop a namespace before `#`.
 */
export function sanitizeErrorName(raw: string): string {
  let name = raw.split(",")[0] ?? "";
  name = name.split(":")[0] ?? "";
  const hash = name.indexOf("#");
  return (hash >= 0 ? name.slice(hash + 1) : name).trim();
}

function findKeyIgnoringCase(object: Record<string, unknown>, wanted: string): string | undefined {
  return Object.keys(object).find((key) => key.toLowerCase() === wanted);
}

/**
 * The error name from, in order: the `x-amzn-ErrorType` header, the body's `code` (any case),
 * the body's `__type`. Undefined when none is present.
 */
export function errorNameOf(headers: Headers, body: unknown): string | undefined {
  const header = headers.get("x-amzn-errortype");
  if (header !== null) return sanitizeErrorName(header);
  if (body === null || typeof body !== "object" || Array.isArray(body)) return undefined;
  const fields = body as Record<string, unknown>;
  const codeKey = findKeyIgnoringCase(fields, "code");
  const code = codeKey === undefined ? undefined : fields[codeKey];
  if (typeof code === "string" || typeof code === "number") return sanitizeErrorName(String(code));
  const type = fields.__type;
  if (typeof type === "string" || typeof type === "number") return sanitizeErrorName(String(type));
  return undefined;
}
