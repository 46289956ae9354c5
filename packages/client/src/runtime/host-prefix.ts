// @endpoint hostPrefix labels: a @hostLabel member's value goes into the host name, so it must be
// made of valid DNS labels (RFC 1123), as AWS SDKs require.

/** One DNS label: letters, digits and inner hyphens, at most 63 characters. */
const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** A @hostLabel member's value; throws when it is absent or not a valid part of a host name. */
export function hostLabel(value: unknown, operation: string, member: string): string {
  if (typeof value !== "string" || !value.split(".").every((label) => HOST_LABEL.test(label))) {
    throw new TypeError(
      `${operation}: the input member '${member}' is bound to the host name and must be a valid host name part, not ${JSON.stringify(value)}`,
    );
  }
  return value;
}
