// The CreateSequenceStore traffic of the HTTP figures, as autocannon request specs.
import { randomBytes } from "node:crypto";
import { CREATE_PATH, CREATE_REQUEST_BODY } from "../servers/fixture.js";
import { BENCH_CREDENTIALS, BENCH_REGION } from "./credentials.js";
import { createSyncSigner } from "./sign-sync.js";

export interface AutocannonRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called for every request autocannon sends: its last chance to change it. */
  setupRequest?(request: AutocannonRequest): AutocannonRequest;
}

/** Which traffic a load sends: the fixture's create every time, or unique SigV4-signed creates. */
export type CreateTraffic = "create" | "signed-create";

/** The same CreateSequenceStore request over and over (figures 1 and 2: the stub must answer it alike). */
function sameCreate(): AutocannonRequest {
  return {
    method: "POST",
    path: CREATE_PATH,
    headers: { "content-type": "application/json" },
    body: CREATE_REQUEST_BODY,
  };
}

/**
 * Unique creates (figure 3): a new name and client token each, so every one is a real insert, each signed
 * with SigV4 when it is sent (so signatures stay fresh however long the run). `host` is what the server
 * sees: the signature covers it.
 */
function signedCreates(host: string): AutocannonRequest {
  const signer = createSyncSigner({ ...BENCH_CREDENTIALS, region: BENCH_REGION, service: "omics" });
  const runId = randomBytes(4).toString("hex");
  let sequence = 0;
  return {
    method: "POST",
    path: CREATE_PATH,
    setupRequest(request) {
      const n = sequence++;
      const body = JSON.stringify({ name: `bench-${runId}-${n}`, clientToken: `bench-${runId}-${n}` });
      const headers = signer.sign("POST", CREATE_PATH, { "content-type": "application/json", host }, body);
      return { ...request, headers, body };
    },
  };
}

/** The request spec of a traffic kind for a server at `url`. */
export function createTraffic(kind: CreateTraffic, url: string): AutocannonRequest {
  return kind === "create" ? sameCreate() : signedCreates(new URL(url).host);
}
