// A synchronous SigV4 signer for the load generator (autocannon's setupRequest cannot await Web Crypto):
// @seqstore/sigv4's canonical-request building blocks + node:crypto HMACs, the signing key cached per day.
import { createHash, createHmac } from "node:crypto";
import {
  ALGORITHM,
  canonicalPath,
  canonicalRequest,
  credentialScope,
  formatAmzDate,
  normalizeHeaders,
  stringToSign,
} from "@seqstore/sigv4";

export interface SyncSigner {
  /** Headers to send: the given ones plus x-amz-date, x-amz-content-sha256 and authorization. */
  sign(method: string, path: string, headers: Record<string, string>, body: string): Record<string, string>;
}

export function createSyncSigner(options: {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
}): SyncSigner {
  let cachedDay = "";
  let cachedKey = Buffer.alloc(0);
  const signingKey = (shortDate: string) => {
    if (shortDate !== cachedDay) {
      const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
      const dateKey = hmac(`AWS4${options.secretAccessKey}`, shortDate);
      cachedKey = hmac(hmac(hmac(dateKey, options.region), options.service), "aws4_request");
      cachedDay = shortDate;
    }
    return cachedKey;
  };
  const sha256Hex = (data: string) => createHash("sha256").update(data).digest("hex");

  return {
    sign(method, path, headers, body) {
      const { longDate, shortDate } = formatAmzDate(new Date());
      const outgoing: Record<string, string> = {
        ...headers,
        "x-amz-date": longDate,
        "x-amz-content-sha256": sha256Hex(body),
      };
      const values = normalizeHeaders(outgoing);
      const signedHeaders = [...values.keys()].sort();
      const scope = credentialScope(shortDate, options.region, options.service);
      const canonical = canonicalRequest({
        method,
        canonicalPath: canonicalPath(path),
        canonicalQuery: "",
        signedHeaders,
        headers: values,
        payloadHash: outgoing["x-amz-content-sha256"]!,
      });
      const signature = createHmac("sha256", signingKey(shortDate))
        .update(stringToSign(longDate, scope, sha256Hex(canonical)))
        .digest("hex");
      outgoing.authorization = `${ALGORITHM} Credential=${options.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(";")}, Signature=${signature}`;
      return outgoing;
    },
  };
}
