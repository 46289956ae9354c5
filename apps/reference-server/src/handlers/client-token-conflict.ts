import { ValidationException } from "@seqstore/server";

/**
 * The answer for a client token reused with other parameters (`request` names the first one, e.g. "a
 * CreateSequenceStore request"): a 400 that points at the token.
 */
export function clientTokenConflict(request: string, clientToken: string): ValidationException {
  const message =
    `The client token ${clientToken} was already used for ${request} ` +
    "with different parameters. Repeat the original request, or use a new client token.";
  return new ValidationException({ message, fieldList: [{ path: "/clientToken", message }] });
}
