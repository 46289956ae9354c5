/** Why a request was refused; each maps to the AWS error type and status a real endpoint returns. */
export type VerifyFailureCode =
  | "MissingAuthenticationToken"
  | "IncompleteSignature"
  | "InvalidSignature"
  | "SignatureDoesNotMatch"
  | "RequestExpired"
  | "UnrecognizedClientException"
  | "XAmzContentSHA256Mismatch";

export interface VerifyFailure {
  readonly ok: false;
  readonly code: VerifyFailureCode;
  /** Value for `x-amzn-ErrorType`: the exception name AWS JSON services return. */
  readonly errorType: string;
  readonly httpStatus: number;
  readonly message: string;
  /** For SignatureDoesNotMatch: what the server signed, to compare with the client's (server logs only). */
  readonly debug?: { readonly canonicalRequest: string; readonly stringToSign: string };
}

const KINDS: Record<VerifyFailureCode, { errorType: string; httpStatus: number }> = {
  MissingAuthenticationToken: { errorType: "MissingAuthenticationTokenException", httpStatus: 403 },
  IncompleteSignature: { errorType: "IncompleteSignatureException", httpStatus: 400 },
  InvalidSignature: { errorType: "InvalidSignatureException", httpStatus: 403 },
  SignatureDoesNotMatch: { errorType: "InvalidSignatureException", httpStatus: 403 },
  // The SDKs treat InvalidSignatureException + the response's Date header as clock skew and retry.
  RequestExpired: { errorType: "InvalidSignatureException", httpStatus: 403 },
  UnrecognizedClientException: { errorType: "UnrecognizedClientException", httpStatus: 403 },
  XAmzContentSHA256Mismatch: { errorType: "XAmzContentSHA256Mismatch", httpStatus: 400 },
};

export function fail(
  code: VerifyFailureCode,
  message: string,
  debug?: VerifyFailure["debug"],
): VerifyFailure {
  return { ok: false, code, ...KINDS[code], message, ...(debug ? { debug } : {}) };
}

export const MESSAGES = {
  missingToken: "Missing Authentication Token",
  signatureMismatch:
    "The request signature we calculated does not match the signature you provided. " +
    "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  invalidToken: "The security token included in the request is invalid.",
  contentSha256Mismatch: "The provided 'x-amz-content-sha256' header does not match what was computed.",
} as const;
