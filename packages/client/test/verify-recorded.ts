// Checks a request the fake fetch recorded with the SigV4 verifier the reference server uses.
import { type SecretRecord, type VerifyResult, verifyRequest } from "@seqstore/sigv4/verify";
import type { RecordedRequest } from "./fake-fetch.js";

export function verifyRecorded(
  request: RecordedRequest,
  now: number,
  lookupSecret: (accessKeyId: string) => SecretRecord | undefined,
): VerifyResult {
  return verifyRequest(
    {
      method: request.method,
      path: request.url.pathname,
      query: request.url.search.slice(1),
      headers: Object.fromEntries(request.headers),
      body: request.bytes,
    },
    { service: "omics", regions: ["us-east-1"], now: new Date(now), lookupSecret },
  );
}
