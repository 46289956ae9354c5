// Regression tests for the findings of an attack campaign on the reference server (issue 21): secrets in
// access logs and debug logs, and absolute-form request-targets. Configuration findings (empty credentials,
// credentials with --auth none) are in config.test.ts and e2e/cli.test.ts.
import http from "node:http";
import { Writable } from "node:stream";
import { signRequest } from "@seqstore/sigv4";
import { pino } from "pino";
import request from "supertest";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import type { AccountCredential } from "../../src/auth/credentials.js";
import { redactCanonicalRequest } from "../../src/auth/redact.js";
import { type RunningServer, startServer } from "../../src/server.js";
import { LOCAL_SERVER_CONFIG } from "../fixtures/local-server-config.js";

const TEMPORARY: AccountCredential = {
  accessKeyId: "ASIATEMPORARY",
  secretAccessKey: "temporary-secret",
  accountId: "111111111111",
  sessionToken: "FwoGZXIvYXdzEXAMPLESESSIONTOKEN+/=",
};
const config = { ...LOCAL_SERVER_CONFIG, auth: "sigv4" as const, credentials: [TEMPORARY] };
/** GetSequenceStore of a store that does not exist: 404 once the signature passes. */
const STORE = "/sequencestore/1234567890";
const SIGNATURE = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
/** A presigned URL's query as an SDK writes it (the signature is wrong: only the log matters here). */
const PRESIGNED_QUERY = new URLSearchParams({
  "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
  "X-Amz-Credential": `${TEMPORARY.accessKeyId}/20250101/us-east-1/omics/aws4_request`,
  "X-Amz-Date": "20250101T000000Z",
  "X-Amz-Expires": "604800",
  "X-Amz-Security-Token": TEMPORARY.sessionToken!,
  "X-Amz-SignedHeaders": "host",
  "X-Amz-Signature": SIGNATURE,
}).toString();

function memoryLogger(level: "info" | "debug") {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe("access logs never hold a presigned URL's query", () => {
  it("the Express app (createApp) logs the path only", async () => {
    const { logger, lines } = memoryLogger("info");
    const app = createApp(config, { logger });
    try {
      const response = await request(app).get(`${STORE}?${PRESIGNED_QUERY}`);
      expect(response.status).toBe(403);
    } finally {
      await app.close();
    }
    const logged = parsed(lines).filter((line) => line.msg === "request");
    expect(logged).toEqual([expect.objectContaining({ path: STORE, status: 403 })]);
    expect(lines.join("")).not.toContain(SIGNATURE);
    expect(lines.join("")).not.toContain("EXAMPLESESSIONTOKEN");
  });

  it("the node:http listener (the command line's) logs the path only", async () => {
    const { logger, lines } = memoryLogger("info");
    running = await startServer(config, { logger });
    const response = await fetch(`${running.url}${STORE}?${PRESIGNED_QUERY}`);
    expect(response.status).toBe(403);
    await running.close();
    running = undefined;
    const logged = parsed(lines).filter((line) => line.msg === "request");
    expect(logged).toEqual([expect.objectContaining({ path: STORE, status: 403 })]);
    expect(lines.join("")).not.toContain(SIGNATURE);
    expect(lines.join("")).not.toContain("EXAMPLESESSIONTOKEN");
  });
});

describe("a refused signature's debug line redacts the session token", () => {
  it.each([
    { kind: "signed x-amz-security-token header", presigned: false },
    { kind: "presigned X-Amz-Security-Token query parameter", presigned: true },
  ])("$kind", async ({ presigned }) => {
    const { logger, lines } = memoryLogger("debug");
    running = await startServer(config, { logger });
    const url = `${running.url}/sequencestore?max=5`;
    let response: Response;
    if (presigned) {
      // The signature is checked over the query (minus X-Amz-Signature): any wrong value reaches the debug line.
      const now = new Date().toISOString().replace(/\.\d{3}|[-:]/g, "");
      const query = new URLSearchParams({
        "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
        "X-Amz-Credential": `${TEMPORARY.accessKeyId}/${now.slice(0, 8)}/us-east-1/omics/aws4_request`,
        "X-Amz-Date": now,
        "X-Amz-Expires": "300",
        "X-Amz-Security-Token": TEMPORARY.sessionToken!,
        "X-Amz-SignedHeaders": "host",
        "X-Amz-Signature": SIGNATURE,
      });
      response = await fetch(`${running.url}${STORE}?${query}`);
    } else {
      const body = JSON.stringify({ name: "refused" });
      const headers = await signRequest(
        { method: "POST", url, headers: { "content-type": "application/json" }, body },
        { ...TEMPORARY, secretAccessKey: "not-the-secret", region: "us-east-1", service: "omics" },
      );
      expect(headers["x-amz-security-token"]).toBe(TEMPORARY.sessionToken);
      response = await fetch(url, { method: "POST", headers, body });
    }
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toMatch(/\(SignatureDoesNotMatch\)$/);
    await running.close();
    running = undefined;
    const refused = parsed(lines).find((line) => line.msg === "signature refused");
    expect(refused).toBeDefined();
    // The canonical request is still there to debug with; only the token is gone.
    expect(refused?.canonicalRequest).toMatch(
      presigned ? /X-Amz-Security-Token=\[redacted\]/ : /^x-amz-security-token:\[redacted\]$/m,
    );
    expect(lines.join("")).not.toContain("EXAMPLESESSIONTOKEN");
    expect(lines.join("")).not.toContain(encodeURIComponent(TEMPORARY.sessionToken!));
  });

  it("redacts only the token (table)", () => {
    const canonical = [
      "GET",
      "/sequencestore",
      "X-Amz-Date=1&X-Amz-Security-Token=abc%2Fdef&max=5",
      "host:h",
      "x-amz-security-token:abc/def",
      "x-amz-security-token-extra:kept",
      "",
      "host;x-amz-security-token",
      "UNSIGNED-PAYLOAD",
    ].join("\n");
    expect(redactCanonicalRequest(canonical).split("\n")).toEqual([
      "GET",
      "/sequencestore",
      "X-Amz-Date=1&X-Amz-Security-Token=[redacted]&max=5",
      "host:h",
      "x-amz-security-token:[redacted]",
      "x-amz-security-token-extra:kept",
      "",
      "host;x-amz-security-token",
      "UNSIGNED-PAYLOAD",
    ]);
  });
});

/** Sends a request signed for `path` with an absolute-form request-target (as to a proxy). */
async function absoluteForm(baseUrl: string, path: string, signed: boolean) {
  const url = `${baseUrl}${path}`;
  const headers = signed
    ? await signRequest(
        { method: "GET", url, headers: {} },
        { ...TEMPORARY, region: "us-east-1", service: "omics" },
      )
    : {};
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const target = new URL(baseUrl);
    const req = http.request(
      { host: target.hostname, port: target.port, method: "GET", path: url, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("absolute-form request-targets", () => {
  it("a signed one is refused: what is verified must be what is routed", async () => {
    running = await startServer(config);
    // The same request in origin-form passes (control case).
    const headers = await signRequest(
      { method: "GET", url: `${running.url}${STORE}`, headers: {} },
      { ...TEMPORARY, region: "us-east-1", service: "omics" },
    );
    expect((await fetch(`${running.url}${STORE}`, { headers })).status).toBe(404);
    const reply = await absoluteForm(running.url, STORE, true);
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toEqual({
      message:
        "Signed requests must use an origin-form request-target (a path starting with /) (InvalidSignature)",
    });
  });

  it("the Express app refuses it too", async () => {
    const app = createApp({ ...config, logLevel: "silent" });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const reply = await absoluteForm(`http://127.0.0.1:${port}`, STORE, true);
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.body).message).toContain("origin-form");
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await app.close();
    }
  });

  it("without signatures (--auth none) it is still served", async () => {
    running = await startServer({ ...config, auth: "none", credentials: [], logLevel: "silent" });
    const reply = await absoluteForm(running.url, STORE, false);
    // Routed to GetSequenceStore, which finds no such store.
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body).message).toContain("1234567890");
  });
});
