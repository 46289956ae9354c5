// Test support: requests signed the way AWS SDKs sign them, with our own SigV4 signer.
import type { ProtocolRequest } from "@seqstore/server";
import { signRequest } from "@seqstore/sigv4";

export interface Signer {
  accessKeyId: string;
  secretAccessKey: string;
  region?: string;
  service?: string;
  now?: Date;
}

/** Headers (with Authorization) for a JSON POST of `body` to `url`. */
export async function signedHeaders(
  url: string,
  body: string,
  signer: Signer,
): Promise<Record<string, string>> {
  return signRequest(
    { method: "POST", url, headers: { "content-type": "application/json" }, body },
    {
      accessKeyId: signer.accessKeyId,
      secretAccessKey: signer.secretAccessKey,
      region: signer.region ?? "us-east-1",
      service: signer.service ?? "omics",
      ...(signer.now ? { now: signer.now } : {}),
    },
  );
}

/** A signed CreateSequenceStore over real HTTP. */
export async function signedCreate(baseUrl: string, input: unknown, signer: Signer): Promise<Response> {
  const url = `${baseUrl}/sequencestore`;
  const body = JSON.stringify(input);
  return fetch(url, { method: "POST", headers: await signedHeaders(url, body, signer), body });
}

/** The ProtocolRequest the server stub would build for a signed POST (for authenticator unit tests). */
export async function signedProtocolRequest(
  target: string,
  body: string,
  signer: Signer,
  host = "control-storage-localhost:8080",
): Promise<ProtocolRequest> {
  const headers = await signedHeaders(`http://${host}${target}`, body, signer);
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const q = target.indexOf("?");
  return {
    method: "POST",
    path: q === -1 ? target : target.slice(0, q),
    query: {},
    headers: { host, ...lower },
    body: Buffer.from(body),
    url: target,
  };
}
