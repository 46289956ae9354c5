// Access keys the server accepts and the account each one acts for. A real AWS endpoint asks IAM; this
// emulator reads a list from a file or an environment variable, or falls back to documented local keys.

export interface AccountCredential {
  accessKeyId: string;
  secretAccessKey: string;
  /** The 12-digit account the key acts for: its stores, idempotency tokens and quota. */
  accountId: string;
  /** Temporary credentials: requests must carry exactly this `x-amz-security-token`. */
  sessionToken?: string;
}

/**
 * The keys a server without configured credentials accepts (for the --account account). Public on
 * purpose: they are printed at startup and in the README, so a local setup works with no configuration.
 */
export const LOCAL_CREDENTIALS = {
  accessKeyId: "AKIDSEQSTORELOCAL",
  secretAccessKey: "seqstore-local-secret",
} as const;

export function localCredential(accountId: string): AccountCredential {
  return { ...LOCAL_CREDENTIALS, accountId };
}

/** Bad credentials configuration; the message says what is wrong without the source (the caller adds it). */
export class CredentialsFormatError extends Error {
  override name = "CredentialsFormatError";
}

const ACCESS_KEY_ID = /^[A-Za-z0-9_]{3,128}$/;
const ACCOUNT_ID = /^\d{12}$/;

/** Validates one entry; `where` names it in messages ("entry 2"). */
function credential(value: unknown, where: string): AccountCredential {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new CredentialsFormatError(
      `${where} must be an object with accessKeyId, secretAccessKey and accountId`,
    );
  }
  const entry = value as Record<string, unknown>;
  const text = (key: string, optional = false): string | undefined => {
    const member = entry[key];
    if (member === undefined && optional) return undefined;
    if (typeof member !== "string" || member === "") {
      throw new CredentialsFormatError(`${where}: ${key} must be a non-empty string`);
    }
    return member;
  };
  const accessKeyId = text("accessKeyId")!;
  const secretAccessKey = text("secretAccessKey")!;
  const accountId = text("accountId")!;
  const sessionToken = text("sessionToken", true);
  if (!ACCESS_KEY_ID.test(accessKeyId)) {
    throw new CredentialsFormatError(
      `${where}: accessKeyId "${accessKeyId}" is not 3-128 letters, digits or _`,
    );
  }
  if (!ACCOUNT_ID.test(accountId)) {
    throw new CredentialsFormatError(`${where}: accountId "${accountId}" is not a 12-digit AWS account id`);
  }
  return { accessKeyId, secretAccessKey, accountId, ...(sessionToken !== undefined ? { sessionToken } : {}) };
}

function withoutDuplicates(credentials: AccountCredential[]): AccountCredential[] {
  const seen = new Set<string>();
  for (const { accessKeyId } of credentials) {
    if (seen.has(accessKeyId)) throw new CredentialsFormatError(`accessKeyId ${accessKeyId} is listed twice`);
    seen.add(accessKeyId);
  }
  if (credentials.length === 0) throw new CredentialsFormatError("no credentials are listed");
  return credentials;
}

/** A credentials file: a JSON array of {accessKeyId, secretAccessKey, accountId, sessionToken?}. */
export function parseCredentialsFile(text: string): AccountCredential[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CredentialsFormatError(
      `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!Array.isArray(parsed)) {
    throw new CredentialsFormatError("must be a JSON array of {accessKeyId, secretAccessKey, accountId}");
  }
  return withoutDuplicates(parsed.map((entry, i) => credential(entry, `entry ${i + 1}`)));
}

/**
 * SEQSTORE_CREDENTIALS: `ACCESS_KEY_ID:SECRET:ACCOUNT_ID` entries separated by commas. The secret is
 * everything between the first and the last colon, so it may contain colons itself.
 */
export function parseCredentialsList(text: string): AccountCredential[] {
  const entries = text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  return withoutDuplicates(
    entries.map((entry, i) => {
      const first = entry.indexOf(":");
      const last = entry.lastIndexOf(":");
      if (first === -1 || first === last) {
        throw new CredentialsFormatError(`entry ${i + 1} is not ACCESS_KEY_ID:SECRET:ACCOUNT_ID`);
      }
      return credential(
        {
          accessKeyId: entry.slice(0, first),
          secretAccessKey: entry.slice(first + 1, last),
          accountId: entry.slice(last + 1),
        },
        `entry ${i + 1}`,
      );
    }),
  );
}
