// Which error a restJson1 response carries, found the way AWS SDKs find it.
import { isObject } from "./serde.js";

/**
 * Error names may arrive decorated: `aws.protocols#Name:http://internal/…` or `Name,Other`.
 * Keep the part before any `,` or `:`, then drop a namespace before the first `#`.
 */
export function sanitizeErrorName(raw: string): string {
  const name = raw.split(/[,:]/)[0] as string;
  return name.slice(name.indexOf("#") + 1).trim();
}

/**
 * The error name from the first of: the `x-amzn-ErrorType` header, the body's `code` (any case),
 * the body's `__type` that is a string (or number). Undefined when none is.
 */
export function errorNameOf(headers: Headers, body: unknown): string | undefined {
  const fields = isObject(body) ? body : {};
  const codeKey = Object.keys(fields).find((key) => key.toLowerCase() === "code");
  for (const name of [headers.get("x-amzn-errortype"), codeKey && fields[codeKey], fields.__type]) {
    if (typeof name === "string" || typeof name === "number") return sanitizeErrorName(String(name));
  }
  return undefined;
}
