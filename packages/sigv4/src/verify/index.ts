// Server-side (Node) entry point: `@seqstore/sigv4/verify`. Kept apart from the signer so a
// browser bundle of the client never sees node:crypto.
export type { ClaimedSignature, CredentialScope } from "./authorization.js";
export { readClaimedSignature } from "./authorization.js";
export type { VerifyFailure, VerifyFailureCode } from "./failures.js";
export type {
  SecretRecord,
  VerifiableRequest,
  VerifyOptions,
  VerifyResult,
  VerifySuccess,
} from "./verify-request.js";
export { verifyRequest } from "./verify-request.js";
export type { PayloadMode, StreamingVerification } from "./streaming.js";
export { SignatureVerificationError, verifiedBody, verifyStreamingRequest } from "./streaming.js";
export { sha256Hex } from "./node-crypto.js";
